/**
 * One validator, one verdict (issue 14, class 4): every feed of the corpus — the validator fixtures and
 * structural mutations of the valid one — gets the same accept/reject from `data:validate` (validateFolder)
 * and from the app's sync on a fresh device. Record-level faults: the CLI reports them, the app skips them,
 * so on acceptance both keep the same records.
 */
import { describe, expect, it } from 'vitest';
import {
  FIXTURES,
  STRUCTURAL_CASES,
  appVerdict,
  bytesOf,
  cliVerdict,
  fixtureNames,
  loadFolder,
  manifestOf,
  putFile,
  setManifest,
  type FeedFiles,
  type Verdict,
} from '../fuzz/feed-corpus.ts';
import { SIGNATURE_CASES, signedValidFeed, signingContext } from '../fuzz/signature-corpus.ts';
import { embeddedEnrolmentFile, embeddedOfficesFile, embeddedProgrammesFile } from '../../scripts/lib/embedded-owned-files.ts';

describe('the CLI and the app agree on every feed of the corpus', () => {
  it.each(fixtureNames())('fixture %s', async (name) => {
    const files = loadFolder(`${FIXTURES}${name}`);
    const cli = await cliVerdict(files);
    const app = await appVerdict(files);
    expect({ app: app.verdict, reason: app.result.status === 'failed' ? app.result.error.message : '' }).toMatchObject({
      app: cli.verdict,
    });
    if (cli.verdict === 'accept') expect(app.ids.length).toBe(cli.report.records);
  });

  it.each(STRUCTURAL_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const files = loadFolder(`${FIXTURES}valid`);
    c.mutate(files);
    const cli = await cliVerdict(files);
    const app = await appVerdict(files);
    expect(cli.verdict, JSON.stringify(cli.report.problems.slice(0, 3))).toBe(c.verdict);
    expect(app.verdict, app.result.status === 'failed' ? app.result.error.message : 'updated').toBe(c.verdict);
    if (c.verdict === 'reject') expect(app.ids).toEqual([]);
    else expect(app.ids.length).toBe(cli.report.records);
    // the app never asks another host for anything
    expect(app.requests.every((u) => u.startsWith('https://feed.example.test/feed/'))).toBe(true);
  });

  // Signed feeds (issue 23): data:validate --keys and the app on its official address, same keys, same bytes.
  it.each(SIGNATURE_CASES.map((c) => [c.name, c] as const))('signed: %s', async (_name, c) => {
    const ctx = await signingContext();
    const files = await signedValidFeed(ctx);
    await c.mutate(files, ctx);
    const cli = await cliVerdict(files, undefined, ctx.keysText);
    const app = await appVerdict(files, undefined, ctx.keysText);
    const feedProblems = cli.report.problems.filter((p) => p.level === 'feed');
    expect(cli.verdict, JSON.stringify(feedProblems.slice(0, 3))).toBe(c.verdict);
    expect(app.verdict, app.result.status === 'failed' ? app.result.error.message : 'updated').toBe(c.verdict);
    if (c.verdict === 'reject') {
      expect(app.ids).toEqual([]);
      // one clear line each, naming the same reason on both sides
      expect(feedProblems).toHaveLength(1);
      expect(app.result.status === 'failed' && app.result.error.message).toContain(feedProblems[0]!.reason.split(' (')[0]!.slice(0, 40));
    } else expect(app.ids.length).toBe(cli.report.records);
  });
});

/**
 * Rules, offices and programmes published as owned files (issue 22): the CLI and the app's sync give the
 * same verdict, the app stores what passed, and a bad file never replaces or wipes the good one it has.
 */
describe('owned files: one verdict, and a bad file never wipes good data', () => {
  const publisher = { zh: '东莞市教育局', en: 'Dongguan Education Bureau' };
  const json = (x: unknown) => bytesOf(JSON.stringify(x));
  const rules2027 = () => embeddedEnrolmentFile(2027, publisher, '2026-12-05');
  const withFile = (path: string, content: unknown, list = true): FeedFiles => {
    const files = loadFolder(`${FIXTURES}valid`);
    putFile(files, path, json(content), list);
    return files;
  };
  type Case = [name: string, path: string, content: () => unknown, verdict: Verdict];
  const cases: Case[] = [
    ['enrolment-2027.json from the embedded rules', 'enrolment-2027.json', rules2027, 'accept'],
    ['offices.json from the embedded offices', 'offices.json', () => embeddedOfficesFile(publisher, '2026-12-05'), 'accept'],
    [
      'a published programmes.json',
      'programmes.json',
      () => embeddedProgrammesFile({ zh: '青年事务办', en: 'Youth affairs office' }, '2026-12-05'),
      'accept',
    ],
    ['enrolment file whose schoolYear is not its name', 'enrolment-2026.json', rules2027, 'reject'],
    [
      'enrolment file with an unknown parameter',
      'enrolment-2027.json',
      () => ({ ...rules2027(), parameters: { ...rules2027().parameters, bonusPoints: rules2027().parameters.pointsHome } }),
      'reject',
    ],
    [
      'enrolment parameter of the wrong shape',
      'enrolment-2027.json',
      () => {
        const f = rules2027();
        return {
          ...f,
          parameters: {
            ...f.parameters,
            primary1AgeCutoff: { ...f.parameters.primary1AgeCutoff, value: { minAge: 'six', monthDay: '08-31' } },
          },
        };
      },
      'reject',
    ],
    [
      'a citation status that is neither official nor secondary',
      'enrolment-2027.json',
      () => {
        const f = rules2027();
        return { ...f, parameters: { ...f.parameters, pointsHome: { ...f.parameters.pointsHome, status: 'unofficial' } } };
      },
      'reject',
    ],
    ['enrolment file without a publisher', 'enrolment-2027.json', () => ({ ...rules2027(), publisher: undefined }), 'reject'],
    [
      'enrolment file published on a day that does not exist',
      'enrolment-2027.json',
      () => ({ ...rules2027(), published: '2026-02-30' }),
      'reject',
    ],
    [
      'offices.json keyed by an unknown town code',
      'offices.json',
      () => {
        const f = embeddedOfficesFile(publisher, '2026-12-05');
        return { ...f, offices: { ...f.offices, '441900999': Object.values(f.offices)[0] } };
      },
      'reject',
    ],
    [
      'a published programme without its sources',
      'programmes.json',
      () => {
        const f = embeddedProgrammesFile(publisher, '2026-12-05');
        return { ...f, programmes: [{ ...f.programmes[0], sources: [] }, ...f.programmes.slice(1)] };
      },
      'reject',
    ],
  ];
  it.each(cases)('%s', async (_name, path, content, verdict) => {
    const files = withFile(path, content());
    const cli = await cliVerdict(files);
    const app = await appVerdict(files);
    expect(cli.verdict, JSON.stringify(cli.report.problems.slice(0, 3))).toBe(verdict);
    expect(app.verdict, app.result.status === 'failed' ? app.result.error.message : 'updated').toBe(verdict);
    if (verdict === 'accept') expect(app.owned).toEqual([`${path} 2026-12-05`]);
    else expect(app.owned).toEqual([]);
  });

  it('an offices.json that is broken but not listed is reported, not a reason to reject', async () => {
    const files = withFile('offices.json', { publisher }, false);
    const cli = await cliVerdict(files);
    expect(cli.verdict).toBe('accept');
    expect(cli.report.problems.some((p) => p.file === 'offices.json' && p.level === 'record')).toBe(true);
    expect((await appVerdict(files)).owned).toEqual([]);
  });

  it('a bad rules file in the next version keeps the stored one and every record; a version without it removes it', async () => {
    const good = withFile('enrolment-2027.json', rules2027());
    const broken = structuredClone(rules2027()) as { parameters: Record<string, { value: unknown }> };
    broken.parameters.pointsHome!.value = { sameTown: -5, otherTown: 10 };
    const bad = withFile('enrolment-2027.json', { ...broken, published: '2026-12-06' });
    const m = manifestOf(bad);
    setManifest(bad, { ...m, version: `${m.version}-next` });
    const afterBad = await appVerdict(bad, async (sync) => {
      expect((await sync(good)).status).toBe('updated');
    });
    expect(afterBad.verdict).toBe('reject');
    expect(afterBad.owned).toEqual(['enrolment-2027.json 2026-12-05']);
    expect(afterBad.ids.length).toBeGreaterThan(0);

    const without = loadFolder(`${FIXTURES}valid`);
    const m2 = manifestOf(without);
    setManifest(without, { ...m2, version: `${m2.version}-later` });
    const afterRemoval = await appVerdict(without, async (sync) => {
      expect((await sync(good)).status).toBe('updated');
    });
    expect(afterRemoval.verdict).toBe('accept');
    expect(afterRemoval.owned).toEqual([]);
  });
});
