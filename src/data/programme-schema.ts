/**
 * Programme records for Hong Kong and Macau youth (feed file `programmes.json`).
 * The bundled source is data/programmes.json; every programme carries its own sources, `quality` and `lastChecked`.
 * Anything a source does not settle stays out of the checked fields and is labelled unverified/unknown.
 */
import * as v from 'valibot';
import { localizedText } from './feed-schema.ts';
import { SAFE_URL } from './safe-url.ts';

export const PROGRAMME_KINDS = ['employment', 'internship', 'trainee', 'startup_base', 'subsidy', 'service'] as const;

export const IDENTITIES = ['hk', 'macau', 'mainland'] as const;
export type Identity = (typeof IDENTITIES)[number];

/** Ordered lowest → highest; a programme's minimum is met by any level at or above it. */
export const EDUCATION_LEVELS = ['secondary', 'subDegree', 'bachelor', 'master', 'doctorate'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const INTERESTS = ['employment', 'internship', 'startup'] as const;
export type Interest = (typeof INTERESTS)[number];

export const PROGRAMME_STATUSES = ['open', 'closed', 'unknown', 'unverified'] as const;

export const WHERE_SCOPES = ['dongguan', 'songshan_lake', 'binhaiwan', 'gba', 'guangdong', 'mainland'] as const;

/** Source-quality tags of the research notes. */
export const SOURCE_TAGS = ['gov', 'gov_linked', 'mirror', 'press', 'agg'] as const;

const isoDate = v.pipe(v.string(), v.isoDate());
const safeUrl = v.pipe(v.string(), v.maxLength(2048), v.regex(SAFE_URL, 'URL scheme must be https:, http: or tel:'));
const year = v.pipe(v.number(), v.integer(), v.minValue(1950), v.maxValue(2100));
const age = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(120));
const text = localizedText(2000);

export const sourceRefSchema = v.object({
  url: safeUrl,
  tag: v.picklist(SOURCE_TAGS),
  /** What this source supports, when a record has several. */
  note: v.optional(v.pipe(v.string(), v.maxLength(300))),
});

export const benefitSchema = v.object({
  label: text,
  /** Omitted when the source gives no figure. */
  amount: v.optional(v.pipe(v.number(), v.minValue(0))),
  /** "up to" / "at most" amounts. */
  upTo: v.optional(v.boolean()),
  currency: v.optional(v.picklist(['HKD', 'CNY'])),
  period: v.optional(v.picklist(['month', 'year', 'once', 'loan', 'project'])),
  durationMonths: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600))),
  /** Set when this figure conflicts with another benefit of the same record; both are shown. */
  conflict: v.optional(v.boolean()),
  unverified: v.optional(v.boolean()),
  source: v.optional(safeUrl),
});

export const roundSchema = v.object({
  label: v.optional(text),
  opens: v.optional(isoDate),
  closes: v.optional(isoDate),
});

export const applicationSchema = v.object({
  /** dated: rounds with dates; rolling: apply any time; unknown: no window in the sources. */
  type: v.picklist(['dated', 'rolling', 'unknown']),
  rounds: v.optional(v.array(roundSchema)),
  note: v.optional(text),
});

export const eligibilitySchema = v.object({
  identities: v.pipe(v.array(v.picklist(IDENTITIES)), v.minLength(1)),
  ageMin: v.optional(age),
  ageMax: v.optional(age),
  educationMin: v.optional(v.picklist(EDUCATION_LEVELS)),
  /** Graduation (award) year window, inclusive. */
  graduationFrom: v.optional(year),
  graduationTo: v.optional(year),
  /** Graduated at most this many years before the as-of year. */
  graduatedWithinYears: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20))),
  /** The age range and the graduation window are alternatives (either one qualifies). */
  ageOrGraduation: v.optional(v.boolean()),
  /** Conditions the matcher does not check; shown as text. */
  other: v.optional(v.array(text)),
});

export const placeSchema = v.object({
  name: localizedText(200),
  /** Official town-level code when the place is a whole park/district (e.g. Songshan Lake). */
  town: v.optional(v.pipe(v.string(), v.regex(/^4419\d{5}$/))),
  /** Street address only where a source gives one. */
  address: v.optional(localizedText(200)),
  /** WGS-84, only where a source gives coordinates. */
  lat: v.optional(v.pipe(v.number(), v.minValue(-90), v.maxValue(90))),
  lon: v.optional(v.pipe(v.number(), v.minValue(-180), v.maxValue(180))),
  /** Keyword for map-app search links when there are no coordinates. */
  searchKeyword: v.optional(v.pipe(v.string(), v.minLength(2), v.maxLength(60))),
});

export const programmeSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]{2,80}$/, 'id must be lowercase a-z 0-9 -')),
  /** Dated versions of one scheme share `scheme`; each is in force from validFrom to validTo (inclusive). */
  version: v.optional(
    v.object({ scheme: v.pipe(v.string(), v.regex(/^[a-z0-9-]{2,80}$/)), validFrom: isoDate, validTo: v.optional(isoDate) }),
  ),
  kind: v.picklist(PROGRAMME_KINDS),
  interests: v.pipe(v.array(v.picklist(INTERESTS)), v.minLength(1)),
  name: localizedText(200),
  summary: text,
  organiser: localizedText(300),
  where: v.object({ scope: v.picklist(WHERE_SCOPES), text: localizedText(300) }),
  eligibility: eligibilitySchema,
  benefits: v.array(benefitSchema),
  application: applicationSchema,
  howToApply: text,
  /** Only URLs from the research notes; omitted when none was found. */
  officialUrl: v.optional(safeUrl),
  /** Whom to contact when there is no official link (an office named by a source; never a guessed phone number). */
  contact: v.optional(localizedText(300)),
  sources: v.pipe(v.array(sourceRefSchema), v.minLength(1)),
  lastChecked: isoDate,
  status: v.picklist(PROGRAMME_STATUSES),
  place: v.optional(placeSchema),
});
export type Programme = v.InferOutput<typeof programmeSchema>;
export type Benefit = v.InferOutput<typeof benefitSchema>;

export const programmesFileSchema = v.object({
  /** Where the facts come from and what "lastChecked" means for this file. */
  provenance: v.pipe(v.string(), v.maxLength(1000)),
  programmes: v.array(programmeSchema),
});
