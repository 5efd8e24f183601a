/**
 * Rules, offices and programmes published as owned feed files (issue 22, point 6): the bureau publishes a
 * school year's enrolment rules (`enrolment-YYYY.json`), the town offices (`offices.json`) and the youth
 * affairs office its programmes (`programmes.json`) without an app release. Each file names its publisher and
 * the day it was published; each value carries its citation (`document`, `url`), `status` (official: the
 * owner's own or a government text; secondary: a copy or report) and the day it was `checked`.
 *
 * The shapes are the embedded files' shapes (src/features/enrolment/rules/*.json, data/programmes.json with
 * programme-schema.ts): a parameter value, a timeline entry, a document item and an office as the app already
 * reads them, with `quality`/`lastChecked` written as `status`/`checked`. Pure: used by data:validate, the
 * app's sync (through feed-structure.ts) and `feed:publish`.
 */
import * as v from 'valibot';
import { jsonObject, localizedText, MAX_NAME, PHONE_PATTERN, TOWN_CODE_PATTERN } from './feed-schema.ts';
import { programmeSchema } from './programme-schema.ts';
import { SAFE_URL } from './safe-url.ts';

export const CITATION_STATUSES = ['official', 'secondary'] as const;
export type CitationStatus = (typeof CITATION_STATUSES)[number];


const isoDay = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'),
  v.check((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date'),
);
const line = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const url = v.pipe(v.string(), v.maxLength(2048), v.regex(SAFE_URL, 'URL scheme must be https:, http: or tel:'));
const monthDay = v.pipe(v.string(), v.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD'));
const whole = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const amount = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1_000_000));
const words = (max = 20) => v.pipe(v.array(line(60)), v.maxLength(max));

/** Where a value comes from, how far to trust it and when it was last looked up. */
const CITATION = {
  document: line(300),
  url,
  status: v.picklist(CITATION_STATUSES),
  checked: isoDay,
};
export const citationSchema = jsonObject(CITATION);
export type Citation = v.InferOutput<typeof citationSchema>;

/** Who published the file and when: shown to residents ("东莞市教育局 发布于 2027-03-01"). */
const PUBLISHER = { publisher: localizedText(MAX_NAME), published: isoDay };

/**
 * The value shape of every enrolment parameter (the ids and shapes of features/enrolment/enrolment-params.ts's
 * ParameterValues; the embedded parameters.json passes these in tests/unit/published-files.test.ts).
 */
export const ENROLMENT_PARAMETER_VALUES = {
  childHukouPointsRoute: words(),
  primary1AgeCutoff: jsonObject({ minAge: whole(3, 10), monthDay }),
  junior1OnlyCurrentGraduates: v.boolean(),
  kindergartenCohort: jsonObject({ fromYearOffset: whole(-8, 0), fromMonthDay: monthDay, toYearOffset: whole(-8, 0), toMonthDay: monthDay }),
  kindergartenPublicAdmission: v.null(),
  parentAcceptedDocuments: v.pipe(v.record(line(40), words()), v.check((r) => Object.keys(r).length <= 20, 'too many entries')),
  foreignParentDocuments: words(),
  socialInsuranceEntryCondition: jsonObject({ gating: v.boolean(), olderReading: jsonObject({ allTypes: v.boolean(), minMonths: whole(0, 600) }) }),
  pointsPermit: jsonObject({ daysPerPeriod: whole(1, 3660), pointsPerPeriod: amount, dongguanHukouFrom: isoDay }),
  pointsInsurance: jsonObject({ pointsPerTypeMonth: amount, types: words() }),
  pointsPermitInsuranceCap: v.nullable(amount),
  pointsTax: v.looseObject({
    years: whole(0, 50),
    incomePerYuan: amount,
    propertyRentalPerYuan: amount,
    propertyTransferPerYuan: amount,
    cap: amount,
  }),
  pointsHome: jsonObject({ sameTown: amount, otherTown: amount }),
  pointsRentalHome: amount,
  tieBreakOrder: words(),
  applyTownBases: words(),
  townsWithUnclearAdmissions: v.pipe(v.array(v.pipe(v.string(), v.regex(TOWN_CODE_PATTERN, 'not a Dongguan town code'))), v.maxLength(40)),
  privateSubsidy: v.union([
    jsonObject({
      kind: v.literal('flat'),
      primaryPerTerm: amount,
      juniorPerTerm: amount,
      capAtActualFee: v.boolean(),
      needsPoints: v.boolean(),
      excludeHukouMovedInOnOrBefore: isoDay,
    }),
    jsonObject({
      kind: v.literal('tiersByPoints'),
      tiers: v.pipe(v.array(jsonObject({ primaryPerYear: amount, juniorPerYear: amount })), v.minLength(1), v.maxLength(10)),
      needsPoints: v.boolean(),
    }),
  ]),
  seniorHighTrack: jsonObject({
    juniorYears: whole(0, 10),
    permitYears: whole(0, 20),
    guangdongInsuranceMonths: whole(0, 600),
    dongguanInsuranceMonths: whole(0, 600),
    stableJobAndHome: v.boolean(),
    assessedAtMonthDay: monthDay,
  }),
  officialChannel: jsonObject({
    bureauUrl: url,
    platformUrl: v.nullable(url),
    songshanLakeUrl: url,
    songshanLakePhone: v.pipe(v.string(), v.regex(PHONE_PATTERN, 'phone must be digits')),
    cityHotline: v.pipe(v.string(), v.regex(PHONE_PATTERN, 'phone must be digits')),
  }),
} as const;
export type EnrolmentParameterId = keyof typeof ENROLMENT_PARAMETER_VALUES;

/** One parameter's value for the file's school year, cited like a value of parameters.json. */
const publishedParameter = <S extends v.GenericSchema>(value: S) =>
  jsonObject({ value, ...CITATION, note: v.optional(line(1000)) });

const parameterEntries = Object.fromEntries(
  Object.entries(ENROLMENT_PARAMETER_VALUES).map(([id, schema]) => [id, v.optional(publishedParameter(schema))]),
) as { [K in EnrolmentParameterId]: v.OptionalSchema<ReturnType<typeof publishedParameter<(typeof ENROLMENT_PARAMETER_VALUES)[K]>>, undefined> };

const TIMELINE_STEPS = ['notices', 'window', 'results'] as const;
const dayOrTime = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'must be YYYY-MM-DD or YYYY-MM-DDTHH:MM'));

export const enrolmentRulesFileSchema = v.pipe(
  jsonObject({
    ...PUBLISHER,
    /** The admission year (September intake) these rules are for; the file is `enrolment-<schoolYear>.json`. */
    schoolYear: whole(2000, 2100),
    /** The parameters set for this year; a parameter left out keeps the app's embedded value (marked carried forward). */
    parameters: v.strictObject(parameterEntries),
    /** The year's dated steps (timeline.json `years`). */
    timeline: v.optional(
      v.pipe(
        v.array(
          jsonObject({ id: v.picklist(TIMELINE_STEPS), from: v.optional(dayOrTime), to: v.optional(dayOrTime), text: localizedText(500), source: citationSchema }),
        ),
        v.maxLength(TIMELINE_STEPS.length),
      ),
    ),
    /** The whole document checklist (documents.json `items`); replaces the embedded one when given. */
    documents: v.optional(
      v.pipe(
        v.array(
          jsonObject({
            id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,60}$/, 'id must be 1–60 chars of A-Z a-z 0-9 _ -')),
            text: localizedText(1000),
            appliesTo: jsonObject({ parentHukou: v.optional(words()), homeOwned: v.optional(v.boolean()), hasTax: v.optional(v.boolean()), stage: v.optional(words()) }),
            source: citationSchema,
          }),
        ),
        v.maxLength(100),
      ),
    ),
  }),
  v.check((f) => (f.timeline ?? []).every((e) => (e.from ?? '') <= (e.to ?? '9999')), 'a timeline step ends before it starts'),
  v.check((f) => new Set((f.timeline ?? []).map((e) => e.id)).size === (f.timeline ?? []).length, 'a timeline step is listed twice'),
  v.check((f) => new Set((f.documents ?? []).map((e) => e.id)).size === (f.documents ?? []).length, 'a document id is listed twice'),
);
export type EnrolmentRulesFile = v.InferOutput<typeof enrolmentRulesFileSchema>;

/** One town unit's enrolment office (education-offices.json `offices[town]`); anything not published is left out. */
export const officeSchema = jsonObject({
  name: v.optional(localizedText(MAX_NAME)),
  address: v.optional(localizedText(MAX_NAME)),
  phone: v.optional(v.pipe(v.string(), v.regex(PHONE_PATTERN, 'phone must be digits'))),
  /** What the number is for, e.g. "admissions". */
  phoneLabel: v.optional(line(60)),
  /** When the office's window is open, as the office words it ("周一至周五 8:30-12:00, 14:00-17:30"). */
  window: v.optional(localizedText(300)),
  url: v.optional(url),
  source: citationSchema,
});

export const officesFileSchema = jsonObject({
  ...PUBLISHER,
  /** Where a family is sent when a town has no office listed. */
  cityHotline: v.optional(v.pipe(v.string(), v.regex(PHONE_PATTERN, 'phone must be digits'))),
  offices: v.pipe(
    v.record(v.pipe(v.string(), v.regex(TOWN_CODE_PATTERN, 'office key must be a Dongguan town code')), officeSchema),
    v.check((o) => Object.keys(o).length <= 40, 'more offices than town units'),
  ),
});
export type OfficesFile = v.InferOutput<typeof officesFileSchema>;

/**
 * programmes.json as an owned file: the embedded file's shape (provenance + programmes, each with its sources,
 * tags and lastChecked) with the publisher. Citation status follows the source tags: gov is official.
 */
export const publishedProgrammesFileSchema = jsonObject({
  ...PUBLISHER,
  provenance: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  programmes: v.pipe(v.array(programmeSchema), v.maxLength(500)),
});
export type PublishedProgrammesFile = v.InferOutput<typeof publishedProgrammesFileSchema>;

/** A programmes.json that names a publisher is an owned file; one without is the older opaque list. */
export const isPublishedProgrammes = (raw: unknown): boolean =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'publisher' in raw;
