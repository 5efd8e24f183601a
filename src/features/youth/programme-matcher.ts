/**
 * Pure matcher for HK/Macau youth programmes: no React, no I/O (shared by the /youth page and the CLI).
 * Each eligibility rule becomes a Check; a programme fits when every check passes and is a near miss
 * when exactly one fails. Dated versions of a scheme apply only on the dates they are in force.
 */
import { EDUCATION_LEVELS, type EducationLevel, type Identity, type Interest, type Programme } from '../../data/programme-schema.ts';

export interface YouthProfile {
  /** YYYY-MM-DD: the day the rules and deadlines are evaluated for (today in CST by default). */
  asOf: string;
  age?: number;
  /** YYYY-MM-DD; wins over `age` when both are given. */
  birthDate?: string;
  identity: Identity;
  /** Left out by the one-tap entry: then education and graduation are not assumed, their checks "depend". */
  education?: EducationLevel;
  graduationYear?: number;
  interests: Interest[];
}

export type Check =
  | { code: 'identity'; ok: boolean; identity: Identity; allowed: Identity[] }
  | { code: 'age'; ok: boolean; age: number; min?: number; max?: number; since?: string }
  | { code: 'education'; ok: boolean; education: EducationLevel; min: EducationLevel }
  | { code: 'graduation'; ok: boolean; year?: number; from?: number; to?: number; withinYears?: number; asOfYear: number }
  | {
      code: 'ageOrGraduation';
      ok: boolean;
      age: number;
      min?: number;
      max?: number;
      year?: number;
      withinYears: number;
      asOfYear: number;
    }
  | { code: 'interest'; ok: true; interests: Interest[] }
  /** A criterion the profile did not answer (no age, or no education): neither passed nor failed. */
  | Depends;

export type Depends =
  | { code: 'depends'; ok: null; on: 'age'; min?: number; max?: number }
  | { code: 'depends'; ok: null; on: 'education'; min: EducationLevel }
  | { code: 'depends'; ok: null; on: 'graduation'; from?: number; to?: number; withinYears?: number }
  | { code: 'depends'; ok: null; on: 'ageOrGraduation'; min?: number; max?: number; withinYears: number };

export type WindowState = 'open' | 'upcoming' | 'closed' | 'rolling' | 'unknown';

export interface ProgrammeResult {
  programme: Programme;
  checks: Check[];
  failed: Check[];
  /** The criteria left to the person (unanswered in the profile), in the order they were checked. */
  depends: Depends[];
  window: WindowState;
  /** Next closing date on or after asOf, if a source gives one. */
  nextClose?: string;
  /** Next opening date after asOf, if a source gives one (an upcoming round). */
  nextOpen?: string;
  /** The last closing date before asOf, for a closed programme's label. */
  lastClosed?: string;
  daysToClose?: number;
  closingSoon: boolean;
}

export interface MatchOutcome {
  asOf: string;
  age: number;
  matches: ProgrammeResult[];
  nearMisses: ProgrammeResult[];
}

/** A deadline this close (in days, inclusive) counts as "closing soon". */
export const CLOSING_SOON_DAYS = 30;

const DAY_MS = 86_400_000;
const toUtc = (isoDate: string): number => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};

export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** Today's date in China Standard Time (the programmes' own calendar), as YYYY-MM-DD. */
export function todayInCst(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Completed years between a birth date and asOf (a birthday on asOf counts). */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age -= 1;
  return age;
}

export const profileAge = (profile: YouthProfile): number =>
  profile.birthDate ? ageOn(profile.birthDate, profile.asOf) : (profile.age ?? Number.NaN);

export function inForce(programme: Programme, asOf: string): boolean {
  const version = programme.version;
  if (!version) return true;
  return version.validFrom <= asOf && (!version.validTo || asOf <= version.validTo);
}

/** The version of the same scheme in force just before this one, if the data has it. */
function predecessor(programme: Programme, all: readonly Programme[]): Programme | undefined {
  const version = programme.version;
  if (!version) return undefined;
  return all
    .filter((p) => p.version?.scheme === version.scheme && p.version.validFrom < version.validFrom)
    .sort((a, b) => (a.version!.validFrom < b.version!.validFrom ? 1 : -1))[0];
}

export function windowState(programme: Programme, asOf: string): WindowState {
  const { type, rounds = [] } = programme.application;
  if (type === 'rolling') return 'rolling';
  if (rounds.some((r) => r.closes && r.closes >= asOf && (!r.opens || r.opens <= asOf))) return 'open';
  // A round that has opened and has no published closing date is open (until the organiser says otherwise).
  if (rounds.some((r) => r.opens && r.opens <= asOf && !r.closes)) return 'open';
  if (rounds.some((r) => r.opens && r.opens > asOf)) return 'upcoming';
  if (type === 'dated' && rounds.length > 0 && rounds.every((r) => r.closes && r.closes < asOf)) return 'closed';
  return 'unknown';
}

export function nextClose(programme: Programme, asOf: string): string | undefined {
  const closes = (programme.application.rounds ?? [])
    .map((r) => r.closes)
    .filter((c): c is string => !!c && c >= asOf)
    .sort();
  return closes[0];
}

export function nextOpen(programme: Programme, asOf: string): string | undefined {
  return (programme.application.rounds ?? [])
    .map((r) => r.opens)
    .filter((o): o is string => !!o && o > asOf)
    .sort()[0];
}

export function lastClosed(programme: Programme, asOf: string): string | undefined {
  return (programme.application.rounds ?? [])
    .map((r) => r.closes)
    .filter((c): c is string => !!c && c < asOf)
    .sort()
    .at(-1);
}

/** Start-up bases are for people starting a business: they match only when "start-up" was picked. */
export function interestFits(programme: Programme, interests: readonly Interest[]): boolean {
  if (programme.kind === 'startup_base') return interests.includes('startup');
  return programme.interests.some((i) => interests.includes(i));
}

const eduRank = (level: EducationLevel): number => EDUCATION_LEVELS.indexOf(level);

const ageFits = (age: number, min?: number, max?: number): boolean =>
  Number.isFinite(age) && (min === undefined || age >= min) && (max === undefined || age <= max);

function graduationFits(year: number | undefined, asOfYear: number, e: Programme['eligibility']): boolean {
  if (year === undefined) return false;
  if (e.graduationFrom !== undefined && year < e.graduationFrom) return false;
  if (e.graduationTo !== undefined && year > e.graduationTo) return false;
  if (e.graduatedWithinYears !== undefined && (year > asOfYear || asOfYear - year > e.graduatedWithinYears)) return false;
  return true;
}

/** No age and no birth date: the age is unknown, never taken as a fail. */
const ageUnknown = (profile: YouthProfile): boolean => profile.birthDate === undefined && profile.age === undefined;
/** No education given: studies were not asked, so the graduation year is unknown too. */
const studiesUnknown = (profile: YouthProfile): boolean => profile.education === undefined;

export function checkProgramme(programme: Programme, profile: YouthProfile, all: readonly Programme[]): Check[] {
  const e = programme.eligibility;
  const age = profileAge(profile);
  const noAge = ageUnknown(profile);
  const noStudies = studiesUnknown(profile);
  const asOfYear = Number(profile.asOf.slice(0, 4));
  const checks: Check[] = [];
  const wanted = programme.interests.filter((i) => profile.interests.includes(i));
  if (wanted.length > 0) checks.push({ code: 'interest', ok: true, interests: wanted });

  checks.push({ code: 'identity', ok: e.identities.includes(profile.identity), identity: profile.identity, allowed: e.identities });

  const hasAge = e.ageMin !== undefined || e.ageMax !== undefined;
  const hasGraduation = e.graduationFrom !== undefined || e.graduationTo !== undefined || e.graduatedWithinYears !== undefined;

  if (e.ageOrGraduation && hasAge && e.graduatedWithinYears !== undefined) {
    // Either side that is known and fits settles it; otherwise an unknown side leaves it open.
    const ok = (!noAge && ageFits(age, e.ageMin, e.ageMax)) || (!noStudies && graduationFits(profile.graduationYear, asOfYear, e));
    if (!ok && (noAge || noStudies))
      checks.push({ code: 'depends', ok: null, on: 'ageOrGraduation', min: e.ageMin, max: e.ageMax, withinYears: e.graduatedWithinYears });
    else
      checks.push({
        code: 'ageOrGraduation',
        ok,
        age,
        min: e.ageMin,
        max: e.ageMax,
        year: profile.graduationYear,
        withinYears: e.graduatedWithinYears,
        asOfYear,
      });
  } else {
    if (hasAge && noAge) checks.push({ code: 'depends', ok: null, on: 'age', min: e.ageMin, max: e.ageMax });
    else if (hasAge) {
      const prev = predecessor(programme, all);
      // Name the change date only when this version changed the age rule.
      const changed = prev && (prev.eligibility.ageMin !== e.ageMin || prev.eligibility.ageMax !== e.ageMax);
      checks.push({
        code: 'age',
        ok: ageFits(age, e.ageMin, e.ageMax),
        age,
        min: e.ageMin,
        max: e.ageMax,
        since: changed ? programme.version?.validFrom : undefined,
      });
    }
    if (hasGraduation && noStudies)
      checks.push({
        code: 'depends',
        ok: null,
        on: 'graduation',
        from: e.graduationFrom,
        to: e.graduationTo,
        withinYears: e.graduatedWithinYears,
      });
    else if (hasGraduation) {
      checks.push({
        code: 'graduation',
        ok: graduationFits(profile.graduationYear, asOfYear, e),
        year: profile.graduationYear,
        from: e.graduationFrom,
        to: e.graduationTo,
        withinYears: e.graduatedWithinYears,
        asOfYear,
      });
    }
  }
  if (e.educationMin && profile.education === undefined) checks.push({ code: 'depends', ok: null, on: 'education', min: e.educationMin });
  else if (e.educationMin && profile.education) {
    checks.push({
      code: 'education',
      ok: eduRank(profile.education) >= eduRank(e.educationMin),
      education: profile.education,
      min: e.educationMin,
    });
  }
  return checks;
}

export function evaluate(programme: Programme, profile: YouthProfile, all: readonly Programme[]): ProgrammeResult {
  const checks = checkProgramme(programme, profile, all);
  const close = nextClose(programme, profile.asOf);
  const window = windowState(programme, profile.asOf);
  const daysToClose = close ? daysBetween(profile.asOf, close) : undefined;
  return {
    programme,
    checks,
    failed: checks.filter((c) => c.ok === false),
    depends: checks.filter((c): c is Depends => c.code === 'depends'),
    window,
    nextClose: close,
    nextOpen: nextOpen(programme, profile.asOf),
    lastClosed: window === 'closed' ? lastClosed(programme, profile.asOf) : undefined,
    daysToClose,
    closingSoon: window === 'open' && daysToClose !== undefined && daysToClose <= CLOSING_SOON_DAYS,
  };
}

/** Open and upcoming before anything else, closed last; then closing soon, then the nearest deadline, then the data order. */
export const WINDOW_ORDER: Record<WindowState, number> = { open: 0, upcoming: 1, rolling: 2, unknown: 3, closed: 4 };

export function byDeadline(a: ProgrammeResult, b: ProgrammeResult): number {
  if (a.window !== b.window) return WINDOW_ORDER[a.window] - WINDOW_ORDER[b.window];
  if (a.closingSoon !== b.closingSoon) return a.closingSoon ? -1 : 1;
  const da = a.daysToClose ?? Number.POSITIVE_INFINITY;
  const db = b.daysToClose ?? Number.POSITIVE_INFINITY;
  return da - db;
}

export function matchProgrammes(all: readonly Programme[], profile: YouthProfile): MatchOutcome {
  const candidates = all.filter((p) => inForce(p, profile.asOf) && interestFits(p, profile.interests));
  const results = candidates.map((p) => evaluate(p, profile, all));
  return {
    asOf: profile.asOf,
    age: profileAge(profile),
    // Array.prototype.sort is stable, so ties keep the data order.
    matches: results.filter((r) => r.failed.length === 0).sort(byDeadline),
    nearMisses: results.filter((r) => r.failed.length === 1).sort(byDeadline),
  };
}
