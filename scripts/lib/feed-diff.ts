/**
 * What changes between two versions of a feed, per source: records added, removed and changed (with the changed
 * fields of the first 20), and which chunks and files changed. Used by `feed:publish --previous` (the review and
 * the removals breaker) and by `feed:diff` for any two feed folders. Records are compared by id; a record's
 * source is its `source.id` (records without one count under "-").
 */
import { canonicalJson } from '../../src/data/canonical-json.ts';
import type { FeedManifest, ServiceRecord } from '../../src/data/feed-schema.ts';

export const CHANGED_EXAMPLES = 20;
/** A source may remove at most this share of its previous records without --allow-removals. */
export const REMOVAL_LIMIT = 0.1;
export const NO_SOURCE = '-';

export interface SourceDiff {
  before: number;
  after: number;
  added: number;
  removed: number;
  changed: number;
  /** The first CHANGED_EXAMPLES changed records and their changed fields ("phone", "source.updated" …). */
  changedExamples: { id: string; fields: string[] }[];
  addedIds: string[];
  removedIds: string[];
}

export interface FeedDiff {
  sources: Record<string, SourceDiff>;
  chunks: { added: string[]; removed: string[]; changed: string[]; unchanged: number };
  files: { added: string[]; removed: string[]; changed: string[] };
}

const sourceOf = (r: ServiceRecord) => r.source.id ?? NO_SOURCE;

/** Top-level fields whose content differs; `source` is reported field by field. */
export function changedFields(a: ServiceRecord, b: ServiceRecord): string[] {
  const out: string[] = [];
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    if (k === 'source') {
      const sa = ra.source as Record<string, unknown>;
      const sb = rb.source as Record<string, unknown>;
      for (const s of [...new Set([...Object.keys(sa), ...Object.keys(sb)])].sort())
        if (canonicalJson(sa[s]) !== canonicalJson(sb[s])) out.push(`source.${s}`);
    } else if (canonicalJson(ra[k]) !== canonicalJson(rb[k])) out.push(k);
  }
  return out;
}

const emptySource = (): SourceDiff => ({
  before: 0,
  after: 0,
  added: 0,
  removed: 0,
  changed: 0,
  changedExamples: [],
  addedIds: [],
  removedIds: [],
});

export function diffRecords(before: readonly ServiceRecord[], after: readonly ServiceRecord[]): Record<string, SourceDiff> {
  const sources: Record<string, SourceDiff> = {};
  const of = (id: string) => (sources[id] ??= emptySource());
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Set<string>();
  for (const r of before) of(sourceOf(r)).before++;
  for (const r of after) {
    const s = of(sourceOf(r));
    s.after++;
    now.add(r.id);
    const was = old.get(r.id);
    if (!was) {
      s.added++;
      s.addedIds.push(r.id);
      continue;
    }
    if (was === r) continue; // feed:publish hands over the previous record itself when it did not change
    const fields = changedFields(was, r);
    if (!fields.length) continue;
    s.changed++;
    if (s.changedExamples.length < CHANGED_EXAMPLES) s.changedExamples.push({ id: r.id, fields });
  }
  for (const r of before)
    if (!now.has(r.id)) {
      const s = of(sourceOf(r));
      s.removed++;
      s.removedIds.push(r.id);
    }
  const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  for (const s of Object.values(sources)) {
    s.addedIds.sort(natural);
    s.removedIds.sort(natural);
  }
  return Object.fromEntries(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

type ManifestFiles = Pick<FeedManifest, 'chunks' | 'files'>;

export function diffManifests(before: ManifestFiles | undefined, after: ManifestFiles): Pick<FeedDiff, 'chunks' | 'files'> {
  const compare = (a: Map<string, string>, b: Map<string, string>) => ({
    added: [...b.keys()].filter((p) => !a.has(p)).sort(),
    removed: [...a.keys()].filter((p) => !b.has(p)).sort(),
    changed: [...b.keys()].filter((p) => a.has(p) && a.get(p) !== b.get(p)).sort(),
  });
  const chunksOf = (m: ManifestFiles | undefined) => new Map((m?.chunks ?? []).map((c) => [c.path, c.sha256]));
  const filesOf = (m: ManifestFiles | undefined) => new Map(Object.entries(m?.files ?? {}));
  const chunks = compare(chunksOf(before), chunksOf(after));
  return {
    chunks: { ...chunks, unchanged: after.chunks.length - chunks.added.length - chunks.changed.length },
    files: compare(filesOf(before), filesOf(after)),
  };
}

export interface Breach {
  source: string;
  /** "source X would remove N of its M records (…); K remain" */
  summary: string;
  /** The summary and what to do: the one line a refused publish prints. */
  line: string;
}

/**
 * The removals breaker: a source that would remove more than REMOVAL_LIMIT of its previous records, or every
 * record it had in some category of some town. Returns one line per source that trips it.
 */
export function removalBreaches(
  before: readonly ServiceRecord[],
  after: readonly ServiceRecord[],
  diff: Record<string, SourceDiff>,
): Breach[] {
  const breaches: Breach[] = [];
  const cells = (records: readonly ServiceRecord[]) => {
    const m = new Map<string, Set<string>>();
    for (const r of records) {
      const key = `${r.town}|${r.category}`;
      const set = m.get(sourceOf(r));
      if (set) set.add(key);
      else m.set(sourceOf(r), new Set([key]));
    }
    return m;
  };
  const was = cells(before);
  const now = cells(after);
  for (const [source, d] of Object.entries(diff)) {
    if (!d.before || !d.removed) continue;
    const share = d.removed / d.before;
    const gone = [...(was.get(source) ?? [])].filter((cell) => !now.get(source)?.has(cell)).sort();
    if (share <= REMOVAL_LIMIT && !gone.length) continue;
    const why =
      share > REMOVAL_LIMIT
        ? `more than ${REMOVAL_LIMIT * 100} %`
        : `every ${gone[0]!.split('|')[1]} of town ${gone[0]!.split('|')[0]}${gone.length > 1 ? ` (and ${gone.length - 1} more town categories)` : ''}`;
    const summary = `source ${source} would remove ${d.removed} of its ${d.before} records (${Math.round(share * 1000) / 10} %; ${why}); ${d.after} remain`;
    breaches.push({ source, summary, line: `${summary}. Check the owner's file, or pass --allow-removals ${source}` });
  }
  return breaches;
}

/** The printed review: a few lines per source, then the chunks and files. */
export function diffSummary(diff: FeedDiff): string[] {
  const lines: string[] = [];
  for (const [source, d] of Object.entries(diff.sources)) {
    lines.push(`  ${source}: ${d.before} → ${d.after} records: +${d.added} added, -${d.removed} removed, ~${d.changed} changed`);
    if (d.addedIds.length) lines.push(`    added: ${d.addedIds.slice(0, 10).join(', ')}${d.addedIds.length > 10 ? ', …' : ''}`);
    if (d.removedIds.length) lines.push(`    removed: ${d.removedIds.slice(0, 10).join(', ')}${d.removedIds.length > 10 ? ', …' : ''}`);
    for (const c of d.changedExamples) lines.push(`    changed ${c.id}: ${c.fields.join(', ')}`);
    if (d.changed > d.changedExamples.length) lines.push(`    … ${d.changed - d.changedExamples.length} more changed`);
  }
  const c = diff.chunks;
  lines.push(
    `  chunks: ${c.changed.length} changed, ${c.added.length} added, ${c.removed.length} removed, ${c.unchanged} unchanged${
      c.changed.length + c.added.length + c.removed.length
        ? ` (${[...c.changed, ...c.added.map((p) => `+${p}`), ...c.removed.map((p) => `-${p}`)].join(', ')})`
        : ''
    }`,
  );
  const f = diff.files;
  const fileList = [...f.changed, ...f.added.map((p) => `+${p}`), ...f.removed.map((p) => `-${p}`)];
  lines.push(`  files: ${fileList.length ? fileList.join(', ') : 'unchanged'}`);
  return lines;
}
