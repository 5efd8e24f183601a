/**
 * The feed contract: one schema module shared by the CLIs, the importers and the app's sync.
 * Records are a profile of Open Referral HSDS 3.1 (see docs/feed.md for the field-by-field mapping).
 * Coordinates are WGS-84, always.
 */
import * as v from 'valibot';
import { CATEGORIES } from './categories.ts';
import { CONTACT_URL, SAFE_URL } from './safe-url.ts';
import { isRealTimestamp } from './feed-time.ts';


/** Where a record came from; not needed by the first screen, so it lives here rather than in categories.ts. */
export const SOURCE_KINDS = ['sample', 'osm', 'hsds', 'spreadsheet'] as const;

export const MAX_NAME = 200;
export const MAX_TEXT = 2000;

/* Patterns of the record schema, exported for the import's hand-written fast check (fast-record-check.ts). */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
export const PHONE_PATTERN = /^\+?[0-9][0-9\- ]{2,30}$/;
export const PHONE_EXT_PATTERN = /^[0-9]{1,8}$/;
export const TOWN_CODE_PATTERN = /^4419\d{5}$/;
export const PINYIN_FULL_PATTERN = /^[a-z0-9 ]*$/;
export const PINYIN_INITIALS_PATTERN = /^[a-z0-9]*$/;
/** A publishing source's id (`feed:publish` config `sources[].id`): short, lowercase, stable between publishes. */
export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SOURCE_ID_MESSAGE = 'source id must be 1–40 chars of a-z 0-9 -, starting with a letter or digit';

const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const safeUrl = v.pipe(v.string(), v.maxLength(2048), v.regex(SAFE_URL, 'URL scheme must be https:, http: or tel:'));
const townCode = v.pipe(v.string(), v.regex(TOWN_CODE_PATTERN, 'not a Dongguan town code'));
export const isoDateTime = v.pipe(v.string(), v.isoTimestamp(), v.check(isRealTimestamp, 'not a real date and time'));

/** A JSON object: valibot's object() also takes arrays, which a feed must not put where an object belongs. */
const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const jsonObject = <const E extends v.ObjectEntries>(entries: E) =>
  v.pipe(v.custom<v.InferInput<v.ObjectSchema<E, undefined>>>(isPlainObject, 'expected an object'), v.object(entries));

/** Keys valibot's record() silently drops instead of rejecting. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const noForbiddenKeys = (x: unknown) => isPlainObject(x) && Object.keys(x).every((k) => !FORBIDDEN_KEYS.has(k));

/**
 * A path inside the feed folder: relative, "/"-separated, no empty, "." or ".." segment, so it can
 * never name another host ("//host/x"), the server root ("/x") or a parent folder.
 */
export const FEED_FILE_PATH = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*(?:\/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)*$/;
const CHUNK_PATH = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*\.json$/;
/** The gzip copy of a chunk: the same rules, ending in .json.gz. */
const GZIP_CHUNK_PATH = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*\.json\.gz$/;

/** Bilingual text; zh-Hant (`zhHant`) is derived at build time from zh. */
export const localizedText = (max: number) =>
  jsonObject({ zh: text(max), en: text(max), zhHant: v.optional(text(max)) });

/**
 * Weekly hours, Monday first. Each day is "" (closed) or comma-separated "HH:MM-HH:MM" spans;
 * an end before its start runs past midnight ("18:00-02:00"); "00:00-24:00" is all day.
 * `publicHolidays`: what happens on Chinese statutory holidays (make-up working days follow the weekday).
 */
// A span ends at most at 24:00 (24:01–24:59 is not a time of day).
const START = '([01]\\d|2[0-3]):[0-5]\\d';
const END = '(([01]\\d|2[0-3]):[0-5]\\d|24:00)';
export const DAY_SPANS_PATTERN = new RegExp(`^$|^${START}-${END}(,${START}-${END})*$`);
const daySpans = v.pipe(v.string(), v.regex(DAY_SPANS_PATTERN, 'hours must be "HH:MM-HH:MM[,…]"'));
export const weeklyHoursSchema = jsonObject({
  weekly: v.pipe(v.array(daySpans), v.length(7, 'weekly hours need 7 days, Monday first')),
  publicHolidays: v.picklist(['closed', 'open', 'weekend']),
  /** Original OSM opening_hours string when imported from OSM (kept for reference). */
  osm: v.optional(v.pipe(v.string(), v.maxLength(255))),
});

/* Facility figures for the town report card (issue 17); optional, each for one category only.
   Exported as HSDS service attributes (docs/feed.md), not service_capacity, which means a live count. */
const FACILITY_FIGURES = {
  /** Clinics and hospitals: beds. */
  beds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20000))),
  /** Clinics and hospitals: licensed (assistant) doctors, 执业(助理)医师. */
  doctors: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20000))),
  /** Sports venues: sports ground area in m². */
  groundAreaM2: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(5_000_000))),
  /** Elderly day-care: floor area in m². */
  floorAreaM2: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1_000_000))),
};
export const FACILITY_CATEGORY = { beds: 'clinic', doctors: 'clinic', groundAreaM2: 'sports_venue', floorAreaM2: 'elderly_daycare' } as const;
function facilityFiguresFitCategory(rec: { category: string } & { [K in keyof typeof FACILITY_CATEGORY]?: number }): boolean {
  return (Object.keys(FACILITY_CATEGORY) as (keyof typeof FACILITY_CATEGORY)[]).every((k) => rec[k] === undefined || rec.category === FACILITY_CATEGORY[k]);
}

const ageMonth = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1500));

export const serviceRecordSchema = v.pipe(jsonObject({
  /** Stable id (HSDS service_at_location.id). */
  id: v.pipe(v.string(), v.regex(RECORD_ID_PATTERN, 'id must be 1–100 chars of A-Z a-z 0-9 . _ : -')),
  category: v.picklist(CATEGORIES),
  name: localizedText(MAX_NAME),
  /** Official town-level code (e.g. 441900121 = 虎门镇). */
  town: townCode,
  lat: v.pipe(v.number(), v.finite(), v.minValue(-90), v.maxValue(90)),
  lon: v.pipe(v.number(), v.finite(), v.minValue(-180), v.maxValue(180)),
  address: v.optional(localizedText(MAX_NAME)),
  phone: v.optional(v.pipe(v.string(), v.regex(PHONE_PATTERN, 'phone must be digits'))),
  /** Every number with its extension (转/x); `phone` stays the main number, which tel: links dial. */
  phones: v.optional(
    v.pipe(
      v.array(
        v.object({
          number: v.pipe(v.string(), v.regex(PHONE_PATTERN, 'phone must be digits')),
          ext: v.optional(v.pipe(v.string(), v.regex(PHONE_EXT_PATTERN, 'extension must be 1–8 digits'))),
        }),
      ),
      v.minLength(1),
      v.maxLength(10),
    ),
  ),
  /** "approximate": the source had no point, so this is the town's representative point; navigate by address. */
  location: v.optional(v.literal('approximate')),
  /** Hours the importer could not turn into weekly hours (e.g. OSM `SH`), shown as written; "open now" is unknown. */
  hoursAsWritten: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(255))),
  /** Booking or information link (HSDS service.url / schedule.schedule_link). */
  url: v.optional(safeUrl),
  hours: v.optional(weeklyHoursSchema),
  /** Total places / spaces (HSDS service_capacity.maximum). */
  capacity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100000))),
  /** Age range in months (HSDS service.minimum_age / maximum_age, in months). */
  ageMonths: v.optional(
    v.pipe(
      v.strictTuple([ageMonth, ageMonth], 'ageMonths must be [min, max]'),
      v.check(([min, max]) => min <= max, 'ageMonths min is greater than max'),
    ),
  ),
  /** Cost band: free, low (≤ 20 yuan an hour or per session), paid. */
  fee: v.optional(v.picklist(['free', 'low', 'paid'])),
  /** Facility flags: ev (EV charging), accessible (accessible bays / step-free), meals, school_ground. */
  features: v.optional(v.array(v.picklist(['ev', 'accessible', 'meals', 'school_ground']))),
  description: v.optional(localizedText(MAX_TEXT)),
  source: jsonObject({
    /** The publishing source this record came from (the manifest's `sources[].id`, issue 22); absent in single-list feeds. */
    id: v.optional(v.pipe(v.string(), v.regex(SOURCE_ID_PATTERN, SOURCE_ID_MESSAGE))),
    kind: v.picklist(SOURCE_KINDS),
    reference: v.pipe(v.string(), v.maxLength(500)),
    updated: isoDateTime,
  }),
  /** Precomputed pinyin of name.zh: full syllables space-separated, and initials. Lowercase ASCII. */
  pinyin: jsonObject({
    full: v.pipe(v.string(), v.maxLength(600), v.regex(PINYIN_FULL_PATTERN, 'pinyin must be lowercase ascii')),
    initials: v.pipe(v.string(), v.maxLength(200), v.regex(PINYIN_INITIALS_PATTERN, 'initials must be lowercase ascii')),
  }),
  ...FACILITY_FIGURES,
}), v.check((rec) => facilityFiguresFitCategory(rec), 'beds/doctors belong to clinics, groundAreaM2 to sports venues, floorAreaM2 to elderly day-care'));
export type ServiceRecord = v.InferOutput<typeof serviceRecordSchema>;

/* ---------- manifest.json ---------- */

export const chunkEntrySchema = jsonObject({
  /** Path relative to the feed folder, e.g. "services/441900121.json". */
  path: v.pipe(v.string(), v.maxLength(200), v.regex(CHUNK_PATH, 'chunk path must be a relative .json path inside the feed')),
  town: townCode,
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Of the chunk's JSON bytes (the file at `path`, and the gzip copy once inflated). */
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 hex chars')),
  /**
   * The same JSON bytes gzip-compressed, e.g. "services/441900121.json.gz" (issue 26): apps that know it download
   * this file (about 15× smaller) and inflate it; older apps ignore the field and download `path`.
   */
  gzipPath: v.optional(
    v.pipe(v.string(), v.maxLength(200), v.regex(GZIP_CHUNK_PATH, 'chunk gzipPath must be a relative .json.gz path inside the feed')),
  ),
  /**
   * The chunk's packed copy, gzip-compressed, e.g. "services/441900121-packed.json.gz" (issue 26, part 4): the same
   * records with their sources and opening hours listed once per chunk (src/data/packed-chunk.ts). Apps that know
   * it download this file instead; older apps ignore it. Given with `packedSha256`, or not at all.
   */
  packedPath: v.optional(
    v.pipe(v.string(), v.maxLength(200), v.regex(GZIP_CHUNK_PATH, 'chunk packedPath must be a relative .json.gz path inside the feed')),
  ),
  /** Of the packed copy's JSON bytes (once inflated). */
  packedSha256: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'packedSha256 must be 64 hex chars'))),
});

export const manifestSchema = jsonObject({
  /** Bumped whenever any file changes; the app compares it to decide whether to sync. */
  version: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  generatedAt: isoDateTime,
  sample: v.boolean(),
  /** Licence and attribution of every source (shown in Me → Data status). */
  sources: v.array(
    jsonObject({
      /** The id records name in `source.id` (many-owner feeds from `feed:publish`). */
      id: v.optional(v.pipe(v.string(), v.regex(SOURCE_ID_PATTERN, SOURCE_ID_MESSAGE))),
      name: localizedText(MAX_NAME),
      /** Who owns and answers for these records, named to residents on every record ("信息来源"). */
      owner: v.optional(localizedText(MAX_NAME)),
      /** Where "report a problem" goes: tel:, mailto: or https:; absent → the city hotline 12345. */
      contact: v.optional(v.pipe(v.string(), v.maxLength(500), v.regex(CONTACT_URL, 'contact must be a tel:, mailto: or https: address'))),
      licence: v.pipe(v.string(), v.maxLength(200)),
      attribution: v.pipe(v.string(), v.maxLength(500)),
      /** The licence and attribution told in the reader's language (licence names stay as officially written). */
      note: v.optional(localizedText(500)),
      url: v.optional(safeUrl),
    }),
  ),
  chunks: v.array(chunkEntrySchema),
  /** Other files of the feed (towns.geojson, availability.json, programmes.json …) with their sha256. */
  files: v.optional(
    v.pipe(
      v.custom<Record<string, unknown>>(noForbiddenKeys, 'files must be an object without __proto__, constructor or prototype keys'),
      v.record(
        v.pipe(v.string(), v.maxLength(200), v.regex(FEED_FILE_PATH, 'file path must be relative and inside the feed')),
        v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 hex chars')),
      ),
    ),
  ),
  /** How often clients should poll availability.json, in seconds. */
  availabilityPollSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(86400))),
  /* Signing (issue 23, src/data/feed-signature.ts): required when manifest.sig is checked, absent in the unsigned sample. */
  /** The key that signed manifest.sig (its 16-hex fingerprint). */
  keyId: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/, 'keyId must be 16 lowercase hex characters'))),
  signedAt: v.optional(isoDateTime),
  /** After this the app still shows the data, with "may be out of date" on every screen (a frozen feed). */
  expires: v.optional(isoDateTime),
  /** Public key lines (`<keyId>:<base64>`) allowed to sign availability.json (availability.sig). */
  liveKeys: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(8))),
  /** Who publishes this feed, as the feed claims it (shown before a resident accepts an unofficial address). */
  publisher: v.optional(localizedText(MAX_NAME)),
});
export type FeedManifest = v.InferOutput<typeof manifestSchema>;

/** A service chunk file: the records of one town. */
export const chunkFileSchema = jsonObject({ town: townCode, services: v.array(v.unknown()) });

/* ---------- availability.json (live part) ---------- */

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100000));
const placeCount = jsonObject({ free: count, total: count });

/** Kindergarten places by class (托班/小班/中班/大班). */
const kindergartenAvailability = v.object({
  kind: v.literal('kindergarten'),
  classes: jsonObject({
    tuoban: v.optional(placeCount),
    xiaoban: v.optional(placeCount),
    zhongban: v.optional(placeCount),
    daban: v.optional(placeCount),
  }),
});
/** Nursery places by age band (months). */
const nurseryAvailability = v.object({
  kind: v.literal('nursery'),
  bands: v.array(jsonObject({ fromMonths: count, toMonths: count, free: count, total: count })),
});
/** Elderly day-care places and today's meal service. */
const elderlyAvailability = v.object({
  kind: v.literal('elderly_daycare'),
  places: placeCount,
  mealsToday: v.optional(jsonObject({ served: v.boolean(), seatsFree: v.optional(count) })),
});
/** Sports: slots for the next 7 days, OpenActive Slot.remainingUses / maximumUses semantics. */
const sportsAvailability = v.object({
  kind: v.literal('sports_venue'),
  slots: v.array(
    jsonObject({
      start: isoDateTime,
      durationMinutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(1440)),
      facility: v.optional(localizedText(100)),
      remaining: count,
      maximum: count,
      bookingUrl: v.optional(safeUrl),
    }),
  ),
});
/** Parking: free spaces, total, EV chargers free, accessible bays free, price. */
const parkingAvailability = v.object({
  kind: v.literal('parking'),
  free: count,
  total: count,
  evFree: v.optional(count),
  evTotal: v.optional(count),
  accessibleFree: v.optional(count),
  accessibleTotal: v.optional(count),
  pricePerHourYuan: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1000))),
});
/** Clinics: today's remaining appointment slots (号源). */
const clinicAvailability = v.object({ kind: v.literal('clinic'), appointmentsFree: count, appointmentsTotal: count });

export const availabilityFiguresSchema = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, 'expected an object'),
  v.variant('kind', [
    kindergartenAvailability,
    nurseryAvailability,
    elderlyAvailability,
    sportsAvailability,
    parkingAvailability,
    clinicAvailability,
  ]),
);

export const availabilityItemSchema = jsonObject({
  serviceId: v.pipe(v.string(), v.maxLength(100)),
  /** When the figures were observed at the source (not when they were fetched). */
  observedAt: isoDateTime,
  figures: availabilityFiguresSchema,
});
export type AvailabilityItem = v.InferOutput<typeof availabilityItemSchema>;

export const availabilityFileSchema = jsonObject({
  generatedAt: isoDateTime,
  /** Generated sample figures: the app re-dates them when fetched (see src/data/sample-availability.ts). */
  sample: v.optional(v.boolean()),
  pollSeconds: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(86400)),
  items: v.array(v.unknown()),
});
