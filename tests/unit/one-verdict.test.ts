/**
 * One validator, one verdict (issue 14, class 4): every feed of the corpus — the validator fixtures and
 * structural mutations of the valid one — gets the same accept/reject from `data:validate` (validateFolder)
 * and from the app's sync on a fresh device. Record-level faults: the CLI reports them, the app skips them,
 * so on acceptance both keep the same records.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURES, STRUCTURAL_CASES, appVerdict, cliVerdict, fixtureNames, loadFolder } from '../fuzz/feed-corpus.ts';
import { SIGNATURE_CASES, signedValidFeed, signingContext } from '../fuzz/signature-corpus.ts';

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
