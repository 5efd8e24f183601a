/**
 * The `feed:publish` config (publish.json): the publisher, the owners' sources and the owned files.
 * Checked with valibot; every problem is one line (all of them, not only the first), paths are resolved
 * against the config file's folder. See docs/operators.md ("Many owners") and docs/examples/publish/.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as v from 'valibot';
import { SOURCE_ID_PATTERN } from '../../src/data/feed-schema.ts';
import { CATEGORIES, type Category } from '../../src/data/categories.ts';
import { CONTACT_URL } from '../../src/data/safe-url.ts';
import { INPUT_CRS, type InputCrs } from '../../src/import/crs.ts';
import { CSV_ENCODINGS, type CsvEncoding } from './import-spreadsheet.ts';
import { readJsonFile } from './json-argument.ts';

export const SOURCE_FORMATS = ['csv', 'hsds', 'osm', 'feed'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

const line = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max), v.regex(/^[^\r\n]*$/, 'must be one line'));
const localized = v.strictObject({ zh: line(200), en: line(200), zhHant: v.optional(line(200)) });

const sourceSchema = v.strictObject({
  $comment: v.optional(v.string()),
  /** Stable between publishes: every record carries it (source.id), the breaker and the review count by it. */
  id: v.pipe(v.string(), v.regex(SOURCE_ID_PATTERN, 'id must be 1–40 chars of a-z 0-9 -, starting with a letter or digit')),
  /** The owner named to residents on every record, and where "report a problem" goes (tel:, mailto: or https:). */
  owner: v.strictObject({
    zh: line(200),
    en: line(200),
    zhHant: v.optional(line(200)),
    contact: v.optional(v.pipe(v.string(), v.maxLength(500), v.regex(CONTACT_URL, 'contact must be a tel:, mailto: or https: address'))),
  }),
  /** The list's own name in Data status (default: the owner's name). */
  name: v.optional(localized),
  from: v.picklist(SOURCE_FORMATS, `from must be one of ${SOURCE_FORMATS.join(', ')}`),
  /** The owner's file (csv/xlsx, HSDS JSON file or folder, Overpass JSON, or a built feed folder). */
  file: line(500),
  /** Spreadsheets: the column mapping (docs/examples/kindergarten-mapping.json). */
  map: v.optional(line(500)),
  crs: v.optional(v.picklist([...INPUT_CRS, 'auto'], `crs must be one of ${INPUT_CRS.join(', ')} or auto`)),
  encoding: v.optional(v.picklist(CSV_ENCODINGS)),
  licence: v.optional(line(200)),
  attribution: v.optional(line(500)),
  url: v.optional(v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^\s]+$/i, 'url must be an http(s) address'))),
  /** The categories this owner may supply (default: any). A record of another category stops the publish. */
  categories: v.optional(v.pipe(v.array(v.picklist(CATEGORIES)), v.minLength(1))),
  /** Higher wins when two owners list the same place. */
  priority: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-1000), v.maxValue(1000))),
  /** The owner's own terms → category (HSDS taxonomy codes such as AIRS/211 codes, "key=value" OSM tags, a type column's values). */
  categoryTerms: v.optional(v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(200)), v.picklist(CATEGORIES))),
});

const configSchema = v.strictObject({
  $comment: v.optional(v.string()),
  publisher: v.optional(localized),
  sources: v.pipe(v.array(sourceSchema), v.minLength(1, 'sources needs at least one source'), v.maxLength(200)),
  /** Holidays, programmes, enrolment rules and offices: the owned files (checked where they are built). */
  files: v.optional(v.unknown()),
});

export interface PublishSource {
  id: string;
  owner: { zh: string; en: string; zhHant?: string; contact?: string };
  name?: { zh: string; en: string; zhHant?: string };
  from: SourceFormat;
  /** Absolute path. */
  file: string;
  map?: string;
  /** 'auto': chosen from the share of points inside their stated town (src/import/crs-auto.ts). */
  crs: InputCrs | 'auto';
  encoding?: CsvEncoding;
  licence: string;
  attribution: string;
  url?: string;
  categories?: Category[];
  priority: number;
  categoryTerms?: Record<string, Category>;
  /** Position in the config: breaks priority ties, so the result never depends on anything else. */
  order: number;
}

export interface PublishConfig {
  /** Folder of the config file; relative paths in `files` resolve against it. */
  baseDir: string;
  publisher?: { zh: string; en: string; zhHant?: string };
  sources: PublishSource[];
  files?: unknown;
}

const OSM_LICENCE = 'ODbL 1.0';
const OSM_ATTRIBUTION = '© OpenStreetMap contributors, available under the Open Database License (ODbL)';

const issuePath = (issue: v.BaseIssue<unknown>) => (issue.path ?? []).map((p) => String(p.key)).join('.');

/** Reads and checks a config; returns it, or every problem as one line each. */
export function loadPublishConfig(file: string): { config: PublishConfig } | { problems: string[] } {
  let json: unknown;
  try {
    json = readJsonFile(file);
  } catch (e) {
    return { problems: [(e as Error).message] };
  }
  const parsed = v.safeParse(configSchema, json);
  if (!parsed.success) return { problems: parsed.issues.map((i) => `${file}: ${issuePath(i) || 'config'}: ${i.message}`) };
  const baseDir = dirname(resolve(file));
  const problems: string[] = [];
  const seen = new Set<string>();
  const sources: PublishSource[] = parsed.output.sources.map((s, order) => {
    const where = `source ${s.id}`;
    if (seen.has(s.id)) problems.push(`${where}: two sources have the id "${s.id}"`);
    seen.add(s.id);
    const path = resolve(baseDir, s.file);
    if (!existsSync(path)) problems.push(`${where}: no such file or folder: ${s.file}`);
    else if (s.from === 'feed' && !existsSync(join(path, 'manifest.json')))
      problems.push(`${where}: ${s.file} is not a feed folder (no manifest.json)`);
    else if (s.from === 'csv' && !statSync(path).isFile()) problems.push(`${where}: ${s.file} is not a file`);
    const map = s.map === undefined ? undefined : resolve(baseDir, s.map);
    if (s.from === 'csv' && !map) problems.push(`${where}: a csv/xlsx source needs "map" (the column mapping)`);
    if (map && !existsSync(map)) problems.push(`${where}: no such mapping file: ${s.map}`);
    if ((s.from === 'csv' || s.from === 'hsds') && !s.crs)
      problems.push(
        `${where}: "crs" is required for ${s.from} (${INPUT_CRS.join(', ')}, or auto; Chinese government data is usually gcj02 or bd09)`,
      );
    if ((s.from === 'csv' || s.from === 'hsds') && (!s.licence || !s.attribution))
      problems.push(`${where}: "licence" and "attribution" are required: residents are told whose data they read`);
    for (const [term, category] of Object.entries(s.categoryTerms ?? {}))
      if (s.categories && !s.categories.includes(category))
        problems.push(
          `${where}: categoryTerms maps "${term}" to ${category}, which the source may not supply (categories: ${s.categories.join(', ')})`,
        );
    return {
      id: s.id,
      owner: s.owner,
      ...(s.name ? { name: s.name } : {}),
      from: s.from,
      file: path,
      ...(map ? { map } : {}),
      crs: s.crs ?? 'wgs84',
      ...(s.encoding ? { encoding: s.encoding } : {}),
      licence: s.licence ?? (s.from === 'osm' ? OSM_LICENCE : 'Not stated'),
      attribution: s.attribution ?? (s.from === 'osm' ? OSM_ATTRIBUTION : `Published by ${s.owner.en}`),
      ...(s.url ? { url: s.url } : {}),
      ...(s.categories ? { categories: [...new Set(s.categories)] } : {}),
      priority: s.priority ?? 0,
      ...(s.categoryTerms ? { categoryTerms: s.categoryTerms } : {}),
      order,
    };
  });
  if (problems.length) return { problems };
  return {
    config: {
      baseDir,
      ...(parsed.output.publisher ? { publisher: parsed.output.publisher } : {}),
      sources,
      ...(parsed.output.files !== undefined ? { files: parsed.output.files } : {}),
    },
  };
}
