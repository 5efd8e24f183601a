/**
 * feed:publish, the whole run as one function (the CLI, the tests and the bench call it):
 * config → every source through its importer (with its report) → the owner's id on every record →
 * duplicates across owners merged by priority → dates carried over → review against the previous feed →
 * removals breaker → the feed planned, then written all at once (only changed files get new bytes).
 *
 * Outcomes: exit 0 published (or nothing changed); 1 a source whose rows all failed, not allowed;
 * 2 unusable input (every problem one line, nothing written) or the breaker. The previous feed is never touched
 * unless the publish succeeds.
 */
import { canonicalJson } from '../../src/data/canonical-json.ts';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_ID_PATTERN, type AvailabilityItem, type ServiceRecord } from '../../src/data/feed-schema.ts';
import { type Category } from '../../src/data/categories.ts';
import { validateServiceRecord } from '../../src/data/validate-feed.ts';
import { diffManifests, diffRecords, diffSummary, NO_SOURCE, removalBreaches, type FeedDiff } from './feed-diff.ts';
import { readFeed } from './feed-folder.ts';
import { GEOGRAPHY_SOURCES, type FeedSource } from './feed-writer.ts';
import { sourceTermTable } from '../../src/import/categories.ts';
import { ImportReport, type ImportReportJson } from '../../src/import/report.ts';
import { importSource, inputFiles, readJson } from './import-source.ts';
import { parseMapping } from '../../src/import/spreadsheet-mapping.ts';
import { loadPublishConfig, type PublishConfig, type PublishSource } from './publish-config.ts';
import { buildPublishedFiles, type BuiltFiles } from './publish-files.ts';
import { mergeDuplicates, type Merge, type SourcedRecord } from './publish-merge.ts';
import { planFeed, writeFeedPlan, type PreviousFeed } from './publish-writer.ts';
import { signManifest, type SigningKey } from './feed-signing.ts';
import { oneLine } from './run-cli.ts';

export interface PublishOptions {
  config: string;
  out: string;
  previous?: string;
  /** Source ids allowed to remove more than the breaker lets through (or to import nothing). */
  allowRemovals?: readonly string[];
  /** generatedAt (and the date of new or changed records) when anything changed; default now. */
  generatedAt?: string;
  now?: Date;
  /** Sign the manifest (issue 23): the publishing key, and the live keys that may sign availability.json. */
  sign?: { key: SigningKey; liveKeys?: string[]; expiresDays?: number };
}

export interface PublishOutcome {
  exitCode: 0 | 1 | 2;
  /** What the CLI prints on stdout (the review) and stderr (one line per problem). */
  out: string[];
  errors: string[];
  report?: PublishReport;
}

export interface PublishReport {
  version: string;
  generatedAt: string;
  changed: boolean;
  previousVersion: string | null;
  sources: Record<string, { owner: string; from: string; read: number; imported: number; published: number; import: ImportReportJson }>;
  merges: Merge[];
  renamedIds: { source: string; from: string; to: string }[];
  allowedRemovals: string[];
  review: FeedDiff;
  written: string[];
}

interface ImportedSource {
  source: PublishSource;
  records: ServiceRecord[];
  availability: AvailabilityItem[];
  report: ImportReport;
}

/** The record with its owner's source id, key order as the schema has it (so its bytes do not depend on the path it took). */
function withSourceId(r: ServiceRecord, id: string): ServiceRecord {
  return { ...r, source: { id, kind: r.source.kind, reference: r.source.reference, updated: r.source.updated } };
}

/** A csv source without its own id prefix gets the source id: two town offices' row "1" must not collide. */
async function importOne(s: PublishSource, updated: string, now: Date | undefined): Promise<ImportedSource> {
  const report = new ImportReport(s.from, s.crs, [s.file]);
  const records: ServiceRecord[] = [];
  const availability: AvailabilityItem[] = [];
  const ids = new Set<string>();
  if (s.from === 'feed') {
    const feed = readFeed(s.file);
    report.read = feed.records.length;
    for (const r of feed.records) {
      if (!ids.has(r.id)) records.push(r);
      ids.add(r.id);
    }
    report.imported = records.length;
    availability.push(...feed.availability);
  } else {
    const mapping = s.map ? parseMapping(readJson(s.map)) : undefined;
    await importSource(
      {
        from: s.from,
        files: inputFiles(s.from, s.file),
        crs: s.crs,
        report,
        updated,
        ...(s.categoryTerms ? { categoryTerms: sourceTermTable(s.categoryTerms) } : {}),
        ...(mapping ? { mapping: { ...mapping, idPrefix: mapping.idPrefix ?? `${s.id}-` } } : {}),
        ...(s.encoding ? { encoding: s.encoding } : {}),
        ...(now ? { now } : {}),
      },
      (r, live) => {
        records.push(r);
        if (live) availability.push(live);
      },
    );
  }
  return { source: s, records: records.map((r) => withSourceId(r, s.id)), availability, report };
}

function categoryProblems(s: PublishSource, records: readonly ServiceRecord[]): string[] {
  if (!s.categories) return [];
  const counts = new Map<Category, number>();
  for (const r of records) if (!s.categories.includes(r.category)) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  return [...counts].map(
    ([c, n]) => `source ${s.id}: ${n} records of category ${c}, which it may not supply (categories: ${s.categories!.join(', ')})`,
  );
}

/** A record's content without its date: equal → the record did not change, and keeps its date. */
const undated = (r: ServiceRecord) => canonicalJson({ ...r, source: { ...r.source, updated: '' } });

function manifestSources(config: PublishConfig): FeedSource[] {
  return [
    ...config.sources.map((s) => ({
      id: s.id,
      name: s.name ?? { zh: s.owner.zh, en: s.owner.en, ...(s.owner.zhHant ? { zhHant: s.owner.zhHant } : {}) },
      owner: { zh: s.owner.zh, en: s.owner.en, ...(s.owner.zhHant ? { zhHant: s.owner.zhHant } : {}) },
      ...(s.owner.contact ? { contact: s.owner.contact } : {}),
      licence: s.licence,
      attribution: s.attribution,
      ...(s.url ? { url: s.url } : {}),
    })),
    ...GEOGRAPHY_SOURCES,
  ];
}

/**
 * OWNED FILES (issue 22, point 6): the holidays, programmes, enrolment rules and offices named in the config's
 * `files` are read, built and checked with the sync's validator (publish-files.ts), path → text, and travel in
 * the manifest's `files` map with their sha256. A holidays file of the owner replaces the embedded table.
 */
function buildOwnedFiles(config: PublishConfig): Promise<BuiltFiles> {
  return buildPublishedFiles(config.files, config.baseDir);
}

export async function publishFeed(opts: PublishOptions): Promise<PublishOutcome> {
  const out: string[] = [];
  const refuse = (exitCode: 1 | 2, errors: string[]): PublishOutcome => ({ exitCode, out, errors });
  const loaded = loadPublishConfig(opts.config);
  if ('problems' in loaded) return refuse(2, loaded.problems);
  const { config } = loaded;
  const allowed = new Set(opts.allowRemovals ?? []);
  const problems: string[] = [];
  for (const id of allowed)
    // A source no longer in the config may be named (its removal is the point); "-" names the records of a
    // previous feed that had no source ids (one built by data:import).
    if (id !== NO_SOURCE && !SOURCE_ID_PATTERN.test(id)) problems.push(`--allow-removals ${id}: not a source id`);
  const generatedAt = new Date(opts.generatedAt ?? opts.now ?? new Date()).toISOString();

  let previous: (PreviousFeed & { records: ServiceRecord[] }) | undefined;
  if (opts.previous) {
    if (!existsSync(join(opts.previous, 'manifest.json')))
      return refuse(2, [...problems, `--previous ${opts.previous}: not a feed folder (no manifest.json)`]);
    try {
      const feed = readFeed(opts.previous);
      previous = { dir: opts.previous, manifest: feed.manifest, records: feed.records };
    } catch (e) {
      return refuse(2, [...problems, `--previous ${opts.previous}: ${oneLine((e as Error).message)}`]);
    }
    // Devices that trust the key refuse an unsigned version of a signed feed: never publish one by mistake.
    if (!opts.sign && existsSync(join(opts.previous, 'manifest.sig')))
      problems.push(
        `--previous ${opts.previous} is signed: give --sign <private-key> (devices refuse an unsigned version of a signed feed)`,
      );
  }

  // 1. Every source through its importer.
  const imported: ImportedSource[] = [];
  for (const s of config.sources) {
    try {
      const one = await importOne(s, generatedAt, opts.now);
      problems.push(...categoryProblems(s, one.records));
      imported.push(one);
      const summary = one.report.summary(generatedAt).split('\n');
      out.push(`source ${s.id} (${s.from}, ${s.owner.en}): ${summary[0]}`, ...summary.slice(1).map((l) => `  ${l}`));
    } catch (e) {
      problems.push(`source ${s.id}: ${oneLine((e as Error).message)}`);
    }
  }
  const owned = await buildOwnedFiles(config);
  problems.push(...owned.problems);
  if (problems.length) return refuse(2, problems);

  const failed = imported.filter((i) => i.records.length === 0 && !allowed.has(i.source.id));
  if (failed.length)
    return refuse(
      1,
      failed.map(
        (i) =>
          `source ${i.source.id}: none of its ${i.report.read} records could be imported (see the lines above); nothing published. Fix the file, or pass --allow-removals ${i.source.id} to publish without it`,
      ),
    );

  // 2. Duplicates across owners → one record each, from the higher-priority owner.
  const previousById = new Map((previous?.records ?? []).map((r) => [r.id, r]));
  const sourced: SourcedRecord[] = imported.flatMap((i) =>
    i.records.map((record) => ({ record, sourceId: i.source.id, priority: i.source.priority, order: i.source.order })),
  );
  const { kept, merges } = mergeDuplicates(sourced, new Set(previousById.keys()));
  for (const m of merges) out.push(`merged: ${m.dropped.source} ${m.dropped.id} → ${m.kept.source} ${m.kept.id} (${m.metres} m apart)`);

  // 3. Ids unique across owners (two owners may use the same id for different places), dates carried over.
  const renamedIds: PublishReport['renamedIds'] = [];
  const ids = new Set<string>();
  const records: ServiceRecord[] = [];
  for (const k of kept) {
    let r = k.record;
    if (ids.has(r.id)) {
      const to = `${k.sourceId}:${r.id}`.slice(0, 100);
      renamedIds.push({ source: k.sourceId, from: r.id, to });
      out.push(`id ${r.id} of source ${k.sourceId} is another owner's id too: published as ${to}`);
      r = { ...r, id: to };
    }
    ids.add(r.id);
    const was = previousById.get(r.id);
    if (was && (r.source.updated === generatedAt || r.source.updated === was.source.updated) && undated(was) === undated(r)) {
      // Unchanged: the previous record itself (already checked, same bytes, its date).
      records.push(was);
      continue;
    }
    const checked = validateServiceRecord(r);
    if (!checked.ok) throw new Error(`record ${r.id}: ${checked.issues[0]!.path}: ${checked.issues[0]!.reason}`);
    records.push(checked.record);
  }
  const liveIds = new Set<string>();
  const availability = imported
    .flatMap((i) => i.availability)
    .filter((a) => ids.has(a.serviceId) && !liveIds.has(a.serviceId) && liveIds.add(a.serviceId))
    .sort((a, b) => (a.serviceId < b.serviceId ? -1 : 1));

  // 4. Plan the feed, review it against the previous one, and stop on removals nobody allowed.
  const plan = planFeed({ records, availability, sources: manifestSources(config), files: owned.files, generatedAt }, previous, {
    sign: opts.sign !== undefined,
  });
  if (opts.sign && plan.changed) {
    const signed = await signManifest(plan.manifest, opts.sign.key, {
      now: new Date(generatedAt),
      ...(opts.sign.expiresDays !== undefined ? { expiresDays: opts.sign.expiresDays } : {}),
      ...(opts.sign.liveKeys ? { liveKeys: opts.sign.liveKeys } : {}),
    });
    plan.manifest = signed.manifest;
    plan.texts.set('manifest.json', new TextDecoder().decode(signed.manifestBytes));
    plan.texts.set('manifest.sig', signed.signatureText);
  }
  const review: FeedDiff = { sources: diffRecords(previous?.records ?? [], records), ...diffManifests(previous?.manifest, plan.manifest) };
  out.push(
    previous
      ? `review against ${opts.previous} (version ${previous.manifest.version} → ${plan.manifest.version}):`
      : `review (first publish, version ${plan.manifest.version}):`,
    ...diffSummary(review),
  );
  const breaches = removalBreaches(previous?.records ?? [], records, review.sources);
  const blocked = breaches.filter((b) => !allowed.has(b.source));
  if (blocked.length)
    return refuse(
      2,
      blocked.map((b) => b.line),
    );
  for (const b of breaches) out.push(`allowed by --allow-removals ${b.source}: ${b.summary}`);

  // 5. Write: chunks and files first, then the manifest; the folder is swapped in at the end.
  const report: PublishReport = {
    version: plan.manifest.version,
    generatedAt: plan.manifest.generatedAt,
    changed: plan.changed,
    previousVersion: previous?.manifest.version ?? null,
    sources: Object.fromEntries(
      imported.map((i) => [
        i.source.id,
        {
          owner: i.source.owner.en,
          from: i.source.from,
          read: i.report.read,
          imported: i.report.imported,
          published: records.filter((r) => r.source.id === i.source.id).length,
          import: i.report.toJson(generatedAt),
        },
      ]),
    ),
    merges,
    renamedIds,
    allowedRemovals: breaches.map((b) => b.summary),
    review,
    written: [],
  };
  const written = writeFeedPlan(opts.out, plan, previous, {});
  report.written = written.written;
  writeReport(opts.out, report);
  out.push(
    plan.changed
      ? `version ${plan.manifest.version}: ${records.length} services in ${plan.manifest.chunks.length} chunks → ${opts.out}; ${written.written.length} files written with .gz and .br (report: ${join(opts.out, 'publish-report.json')})`
      : `nothing changed: version ${plan.manifest.version} kept, the feed is byte for byte the previous one (${opts.out})`,
  );
  return { exitCode: 0, out, errors: [], report };
}

/** Beside the feed, not listed in the manifest: for the operator, not for devices. */
function writeReport(dir: string, report: PublishReport): void {
  writeFileSync(join(dir, 'publish-report.json'), `${JSON.stringify(report, null, 2)}\n`);
}
