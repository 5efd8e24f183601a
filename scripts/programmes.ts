/**
 * npm run programmes -- <profile.json>
 * Prints the programmes that fit a profile, and the near misses, as JSON (exit 0).
 * Bad input: one line on stderr, exit 2. Uses the same data, schema and matcher as the /youth page.
 */
import { CliInputError, readJsonArgument } from './lib/json-argument.ts';
import { runCli } from './lib/run-cli.ts';
import * as v from 'valibot';
import { EDUCATION_LEVELS, IDENTITIES, INTERESTS } from '../src/data/programme-schema.ts';
import { PROGRAMMES, CATALOGUE } from '../src/features/youth/programme-catalogue.ts';
import { matchProgrammes, todayInCst, type ProgrammeResult } from '../src/features/youth/programme-matcher.ts';
import { describeCheck, translatorFor } from '../src/features/youth/describe-check.ts';
import zhMessages from '../src/i18n/locales/zh-Hans/youth.json';
import enMessages from '../src/i18n/locales/en/youth.json';

const realDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const isoDate = v.pipe(v.string(), v.isoDate('must be a YYYY-MM-DD date'), v.check(realDate, 'must be a real date'));

const profileSchema = v.pipe(
  v.strictObject({
    asOf: v.optional(isoDate),
    age: v.optional(v.pipe(v.number('age must be a number'), v.integer('age must be a whole number'), v.minValue(10), v.maxValue(80))),
    birthDate: v.optional(isoDate),
    identity: v.picklist(IDENTITIES, `identity must be one of ${IDENTITIES.join(', ')}`),
    education: v.picklist(EDUCATION_LEVELS, `education must be one of ${EDUCATION_LEVELS.join(', ')}`),
    graduationYear: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1960), v.maxValue(2100))),
    interests: v.pipe(
      v.array(v.picklist(INTERESTS, `interests must be from ${INTERESTS.join(', ')}`)),
      v.minLength(1, 'interests must list at least one of employment, internship, startup'),
    ),
  }),
  v.check((p) => p.age !== undefined || p.birthDate !== undefined, 'give age or birthDate'),
);

/** The profile schema's age bounds, which a birth date must respect too. */
const MIN_AGE = 10;
const MAX_AGE = 80;

const tZh = translatorFor(zhMessages);
const tEn = translatorFor(enMessages);
const both = (c: ProgrammeResult['checks'][number]) => ({ zh: describeCheck(c, 'zh-Hans', tZh), en: describeCheck(c, 'en', tEn) });
const common = (r: ProgrammeResult) => ({
  id: r.programme.id,
  kind: r.programme.kind,
  name: r.programme.name,
  status: r.programme.status,
  window: r.window,
  ...(r.nextClose ? { closes: r.nextClose, daysToClose: r.daysToClose } : {}),
  closingSoon: r.closingSoon,
  lastChecked: r.programme.lastChecked,
  ...(r.programme.officialUrl ? { officialUrl: r.programme.officialUrl } : {}),
});

await runCli('programmes', (argv) => {
  const input = readJsonArgument(argv, 'usage: npm run programmes -- <profile.json>');
  const parsed = v.safeParse(profileSchema, input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.');
    throw new CliInputError(`invalid profile: ${where ? `${where}: ` : ''}${issue.message}`);
  }
  const profile = { ...parsed.output, asOf: parsed.output.asOf ?? todayInCst() };
  if (profile.birthDate && profile.birthDate > profile.asOf) throw new CliInputError('invalid profile: birthDate: is after asOf');

  const outcome = matchProgrammes(PROGRAMMES, profile);
  // A birth date in year 0000 or 1900 gives an age the schema would refuse if it were given as age.
  if (outcome.age < MIN_AGE || outcome.age > MAX_AGE) {
    throw new CliInputError(`invalid profile: birthDate: gives age ${outcome.age} on ${outcome.asOf}; age must be ${MIN_AGE}–${MAX_AGE}`);
  }
  const output = {
    asOf: outcome.asOf,
    age: outcome.age,
    programmesChecked: PROGRAMMES.length,
    programmesSkipped: CATALOGUE.skipped,
    matches: outcome.matches.map((r) => ({ ...common(r), reasons: r.checks.map(both) })),
    nearMisses: outcome.nearMisses.map((r) => ({ ...common(r), missing: r.failed.map(both) })),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
});
