/**
 * The relay's config file (`live.json`): checked with valibot, then the facts a schema can't see
 * (an owner named twice, a feed folder that isn't there, a header whose variable is unset, an owner
 * file that is missing). Every problem is one line; the CLI prints them all and exits 2.
 * Secrets never live here: a header value "env:NAME" is read from the environment at start.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { CATEGORIES, type Category } from '../../../src/data/categories.ts';
import { parseSelector } from './json-select.ts';
import { MAP_SCHEMAS, type OwnerMapping } from './kind-mapping.ts';

const OWNER_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Header names that carry credentials: their values must come from the environment. */
const SECRET_HEADER = /authorization|cookie|token|key|secret|password|signature/i;
const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

const seconds = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const ownerBase = {
  id: v.pipe(v.string(), v.regex(OWNER_ID, 'must be lower-case letters, digits, "-" or "_" (up to 64)')),
  url: v.optional(
    v.pipe(
      v.string(),
      v.url(),
      v.check((u) => /^https?:/.test(u), 'must be http: or https:'),
      v.check((u) => !/^https?:\/\/[^/]*@/.test(u), 'must not carry a user or password (use headers with env:)'),
    ),
  ),
  file: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Seconds between polls of this owner (default: pollSeconds). */
  every: v.optional(seconds(1, 86_400)),
  timeoutSeconds: v.optional(seconds(1, 120)),
  headers: v.optional(
    v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]+$/, 'is not a header name')), v.pipe(v.string(), v.maxLength(500))),
  ),
  format: v.picklist(['json', 'csv']),
  /** JSON: which values are the items. CSV: every row is an item. */
  items: v.optional(
    v.pipe(
      v.string(),
      v.check((s) => typeof parseSelector(s) !== 'string', 'is not a selector like $.data.lots[*]'),
    ),
  ),
  csvDelimiter: v.optional(v.pipe(v.string(), v.length(1))),
};

/** The owner schema of one kind (the kind is checked first, so its message can list the kinds). */
const ownerSchema = (kind: Category) => v.strictObject({ ...ownerBase, kind: v.literal(kind), map: MAP_SCHEMAS[kind] as v.GenericSchema });

const configSchema = v.strictObject({
  $comment: v.optional(v.string()),
  feed: v.pipe(v.string(), v.minLength(1)),
  out: v.pipe(v.string(), v.minLength(1), v.endsWith('.json')),
  /** How often the relay merges and writes; also what the file tells phones to poll at (at least 5). */
  pollSeconds: seconds(1, 86_400),
  owners: v.pipe(v.array(v.unknown()), v.minLength(1, 'needs at least one owner')),
});

/** The out file's path inside the feed when the manifest pins it by sha256 (a versioned file must not change). */
function versionedPath(feedDir: string, outFile: string): string | null {
  const relative = path.relative(feedDir, outFile).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  try {
    const manifest = JSON.parse(readFileSync(path.join(feedDir, 'manifest.json'), 'utf8').replace(/^\uFEFF/, '')) as {
      files?: Record<string, unknown>;
    };
    return manifest.files && Object.prototype.hasOwnProperty.call(manifest.files, relative) ? relative : null;
  } catch {
    return null; // an unreadable manifest is reported when the feed is read
  }
}

export type Owner = {
  id: string;
  source: { url: string } | { file: string };
  everySeconds: number;
  timeoutMs: number;
  /** Header values resolved from the environment: never logged, never written. */
  headers: Record<string, string>;
  format: 'json' | 'csv';
  items: string;
  csvDelimiter: string;
  mapping: OwnerMapping;
};

export type RelayConfig = { feedDir: string; outFile: string; pollSeconds: number; owners: Owner[] };

const issueLines = (where: string, issues: readonly v.BaseIssue<unknown>[]) =>
  issues.map((i) => `${where}${v.getDotPath(i) ? `${v.getDotPath(i)}: ` : ''}${i.message}`);

/**
 * The config's problems (one line each) or the config, resolved: paths relative to the config file,
 * headers from `env`. Nothing here touches the network; the first poll checks selectors and fields.
 */
export function checkConfig(
  raw: unknown,
  configPath: string,
  env: NodeJS.ProcessEnv = process.env,
): { problems: string[]; config?: RelayConfig } {
  const name = path.basename(configPath);
  const base = path.dirname(path.resolve(configPath));
  const top = v.safeParse(configSchema, raw);
  if (!top.success) return { problems: issueLines(`${name}: `, top.issues) };
  const problems: string[] = [];
  const feedDir = path.resolve(base, top.output.feed);
  if (!existsSync(path.join(feedDir, 'manifest.json')))
    problems.push(`${name}: feed: cannot reach the feed folder ${feedDir} (no manifest.json there)`);
  const outFile = path.resolve(base, top.output.out);
  const listed = versionedPath(feedDir, outFile);
  if (listed)
    problems.push(
      `${name}: out: the feed's manifest.json lists ${listed} with a sha256, so the app would refuse the feed once the relay rewrites it: publish the feed without it in "files" (the live file is not part of a version)`,
    );

  const owners: Owner[] = [];
  const seen = new Set<string>();
  top.output.owners.forEach((rawOwner, i) => {
    const label = `${name}: owners[${i}]${rawOwner && typeof (rawOwner as { id?: unknown }).id === 'string' ? ` (${(rawOwner as { id: string }).id})` : ''}: `;
    const kind = (rawOwner as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !(CATEGORIES as readonly string[]).includes(kind)) {
      problems.push(`${label}kind: unknown kind ${JSON.stringify(kind)} (one of ${CATEGORIES.join(', ')})`);
      return;
    }
    const parsed = v.safeParse(ownerSchema(kind as Category), rawOwner);
    if (!parsed.success) {
      problems.push(...issueLines(label, parsed.issues));
      return;
    }
    const o = parsed.output as unknown as v.InferOutput<v.ObjectSchema<typeof ownerBase, undefined>> & {
      kind: Category;
      map: OwnerMapping['map'];
    };
    const before = problems.length;
    if (seen.has(o.id)) problems.push(`${label}id: owner "${o.id}" is named twice`);
    seen.add(o.id);
    if ((o.url === undefined) === (o.file === undefined)) problems.push(`${label}needs exactly one of url or file`);
    const file = o.file === undefined ? undefined : path.resolve(base, o.file);
    if (file !== undefined && !(existsSync(file) && statSync(file).isFile())) problems.push(`${label}file: ${file} does not exist`);
    if (o.format === 'json' && o.items === undefined)
      problems.push(`${label}items: a JSON owner needs an items selector such as "$.data.lots[*]"`);
    const headers: Record<string, string> = {};
    for (const [header, value] of Object.entries(o.headers ?? {})) {
      const ref = ENV_REF.exec(value);
      if (!ref) {
        if (SECRET_HEADER.test(header))
          problems.push(`${label}headers.${header}: must be "env:NAME" (secrets come from the environment, not the config)`);
        else headers[header] = value;
        continue;
      }
      const secret = env[ref[1]!];
      if (secret === undefined || secret === '') problems.push(`${label}headers.${header}: environment variable ${ref[1]} is not set`);
      else headers[header] = secret;
    }
    if (problems.length > before) return;
    owners.push({
      id: o.id,
      source: o.url !== undefined ? { url: o.url } : { file: file! },
      everySeconds: o.every ?? top.output.pollSeconds,
      timeoutMs: (o.timeoutSeconds ?? 10) * 1000,
      headers,
      format: o.format,
      items: o.items ?? '$[*]',
      csvDelimiter: o.csvDelimiter ?? ',',
      mapping: { kind: o.kind, map: o.map } as OwnerMapping,
    });
  });
  return problems.length ? { problems } : { problems, config: { feedDir, outFile, pollSeconds: top.output.pollSeconds, owners } };
}
