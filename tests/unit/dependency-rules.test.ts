/**
 * The architecture rules (.dependency-cruiser.cjs, run by `npm run check:architecture` in `npm test`) fail on
 * planted violations: a tree with one of each is cruised with the project's own configuration.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dep-rules-'));
  dirs.push(dir);
  const tsconfig = {
    compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', jsx: 'react-jsx', allowImportingTsExtensions: true, noEmit: true },
    include: ['src'],
  };
  for (const [path, text] of Object.entries({ 'tsconfig.app.json': JSON.stringify(tsconfig), ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const depcruise = (dir: string, outputType: 'json' | 'err') =>
  spawnSync(
    process.execPath,
    [join(ROOT, 'scripts/depcruise.mjs'), 'src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', outputType],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );

/** Every violation as "rule: from → to" (a cycle once, from its first module). */
function violations(dir: string): string[] {
  const out = JSON.parse(depcruise(dir, 'json').stdout) as {
    summary: { violations: { from: string; to: string; rule: { name: string } }[] };
  };
  return out.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

const LEGAL = {
  'src/geo/towns.ts': `export const towns = ['a'];\n`,
  'src/data/store.ts': `import { towns } from '../geo/towns.ts';\nexport const count = towns.length;\n`,
  'src/i18n/languages.ts': `export type Language = 'en';\n`,
  'src/features/availability/availability-badge.tsx': `export const Badge = () => <span>free</span>;\n`,
  'src/features/finder/common/limits.ts': `export const LIMIT = 50;\n`,
  'src/features/finder/index/rows.ts': `import { LIMIT } from '../common/limits.ts';\nexport const rows = (): number[] => Array.from({ length: LIMIT }, (_x, i) => i);\n`,
  'src/features/finder/search/search.ts': `import { rows } from '../index/rows.ts';\nexport const search = () => rows();\n`,
  'src/features/finder/detail/detail.tsx': `import { LIMIT } from '../common/limits.ts';\nexport const Detail = () => <p>{LIMIT}</p>;\n`,
  'src/features/finder/map/map.tsx': `import { rows } from '../index/rows.ts';\nexport const MapView = () => <p>{rows().length}</p>;\n`,
  'src/features/finder/list/list.tsx': `import { Badge } from '../../availability/availability-badge.tsx';\nimport { count } from '../../../data/store.ts';\nimport type { Language } from '../../../i18n/languages.ts';\nimport { search } from '../search/search.ts';\nimport { Detail } from '../detail/detail.tsx';\nexport const List = (p: { l: Language }) => <p>{count}{p.l}{search().length}<Badge /><Detail /></p>;\n`,
  'src/app/app.tsx': `import { List } from '../features/finder/list/list.tsx';\nimport { MapView } from '../features/finder/map/map.tsx';\nexport const App = () => <><List l="en" /><MapView /></>;\n`,
};

describe('architecture rules', () => {
  it('pass a tree that keeps them (layers down, the documented cross-feature link, type imports)', () => {
    expect(violations(tree(LEGAL))).toEqual([]);
  }, 60_000);

  it('fail on a cycle, a wrong-direction import, a type-only import across layers, a barrel and an undocumented cross-feature import', () => {
    const dir = tree({
      ...LEGAL,
      'src/data/a.ts': `import { b } from './b.ts';\nexport const a = () => b;\n`,
      'src/data/b.ts': `import { a } from './a.ts';\nexport const b = () => a;\n`,
      'src/geo/up.ts': `import { List } from '../features/finder/list/list.tsx';\nexport const up = List;\n`,
      'src/geo/words.ts': `import type { Language } from '../i18n/languages.ts';\nexport const word = (l: Language) => l;\n`,
      'src/i18n/index.ts': `export * from './languages.ts';\n`,
      'src/app/shell.tsx': `import type { Language } from '../i18n/index.ts';\nexport const shell = (l: Language) => l;\n`,
      'src/features/availability/private-bit.ts': `export const secret = 1;\n`,
      'src/features/finder/detail/detail.tsx': `import { secret } from '../../availability/private-bit.ts';\nexport const Detail = () => <p>{secret}</p>;\n`,
      'src/features/towns/card.tsx': `import { Badge } from '../availability/availability-badge.tsx';\nexport const Card = () => <Badge />;\n`,
    });
    expect(violations(dir)).toEqual(
      [
        'no-cycles: src/data/a.ts → src/data/b.ts',
        'geo-imports-only-itself: src/geo/up.ts → src/features/finder/list/list.tsx',
        'geo-imports-only-itself: src/geo/words.ts → src/i18n/languages.ts',
        'no-barrels: src/app/shell.tsx → src/i18n/index.ts',
        'no-barrel-files: src/i18n/index.ts → src/i18n/languages.ts',
        'finder-uses-only-public-availability-files: src/features/finder/detail/detail.tsx → src/features/availability/private-bit.ts',
        'features-not-into-other-features: src/features/towns/card.tsx → src/features/availability/availability-badge.tsx',
      ].sort(),
    );
    // What `npm run check:architecture` prints: a non-zero exit and one line a rule.
    const r = depcruise(dir, 'err');
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('error no-cycles: src/data/a.ts');
  }, 60_000);

  it('fail on a finder room importing the wrong way (the engine into a view, the map into the list, common into a room, a file outside the rooms)', () => {
    const dir = tree({
      ...LEGAL,
      'src/features/finder/index/rows.ts': `import { List } from '../list/list.tsx';\nexport const rows = (): number[] => [List.length];\n`,
      'src/features/finder/map/map.tsx': `import { List } from '../list/list.tsx';\nexport const MapView = () => <List l="en" />;\n`,
      'src/features/finder/common/limits.ts': `import { search } from '../search/search.ts';\nexport const LIMIT = 50;\nexport const again = search;\n`,
      'src/features/finder/loose.ts': `export const loose = 1;\n`,
      'src/features/finder/detail/detail.tsx': `import { loose } from '../loose.ts';\nexport const Detail = () => <p>{loose}</p>;\n`,
    });
    expect(violations(dir).filter((v) => !v.startsWith('no-cycles'))).toEqual(
      [
        'finder-index-search-not-into-list-detail-map: src/features/finder/index/rows.ts → src/features/finder/list/list.tsx',
        'finder-map-not-into-list-detail: src/features/finder/map/map.tsx → src/features/finder/list/list.tsx',
        'finder-common-not-into-index-search-list-detail-map: src/features/finder/common/limits.ts → src/features/finder/search/search.ts',
        'finder-files-in-rooms: src/features/finder/detail/detail.tsx → src/features/finder/loose.ts',
      ].sort(),
    );
  }, 60_000);

  it('keep the import core (src/import) free of Node built-ins, scripts/ and the layers above it', () => {
    const dir = tree({
      ...LEGAL,
      'src/import/report.ts': `import { towns } from '../geo/towns.ts';\nexport const report = () => towns.length;\n`,
      'src/import/read.ts': `import { readFileSync } from 'node:fs';\nexport const read = (f: string) => readFileSync(f, 'utf8');\n`,
      'src/import/hash.ts': `import { createHash } from 'crypto';\nexport const hash = (s: string) => createHash('sha256').update(s).digest('hex');\n`,
      'src/import/cli.ts': `import { run } from '../../scripts/lib/run.ts';\nexport const cli = run;\n`,
      'src/import/page.ts': `import { List } from '../features/finder/list/list.tsx';\nexport const page = List;\n`,
      'scripts/lib/run.ts': `export const run = () => 1;\n`,
    });
    expect(violations(dir)).toEqual(
      [
        'import-core-no-node-builtins: src/import/read.ts → fs',
        'import-core-no-node-builtins: src/import/hash.ts → crypto',
        'src-not-into-scripts-or-tests: src/import/cli.ts → scripts/lib/run.ts',
        'import-imports-only-data-geo-lib-and-itself: src/import/page.ts → src/features/finder/list/list.tsx',
      ].sort(),
    );
  }, 60_000);
});
