/**
 * The architecture rules of docs/architecture.md, checked by dependency-cruiser (`npm run check:architecture`,
 * part of `npm test`). Imports flow lib → data/geo/i18n/pwa/ui → features → app; a feature reaches into another only
 * through the public files listed here; no cycles; no barrel files. Type-only imports count too.
 */
/** Cross-feature imports that are deliberate: a page composing another feature's public component or hook. */
const FINDER_USES = ['availability/availability-badge', 'availability/availability-panel', 'availability/has-availability'];
const SETTINGS_USES = ['finder/list/saved-services', 'data-status/data-status-panel', 'availability/availability-faults'];
const file = (p) => `^src/features/${p}\\.tsx?$`;

/** What each lower layer may import besides itself; src/lib (the store and worker-bridge helpers) is below them all. */
const LOWER = { lib: [], data: ['geo', 'lib'], geo: [], i18n: ['lib'], pwa: ['data', 'lib'], ui: ['lib'], import: ['data', 'geo', 'lib'] };

/**
 * The finder's rooms (docs/architecture.md, "The finder's rooms"): common/ ← index/ ⇄ search/ ← detail/ ← list/,
 * and map/ beside list/. Each entry: which rooms a room never imports, and why.
 */
const FINDER_ROOMS_NEVER = [
  [
    'common',
    ['index', 'search', 'list', 'detail', 'map'],
    'The common pieces (types, limits, open-now, formatting, the filter store) sit below every room.',
  ],
  ['index|search', ['list', 'detail', 'map'], 'The index and search rooms serve the views; they never import one.'],
  ['detail', ['list', 'map'], 'The detail page is opened from the list and the map by route; it imports neither.'],
  ['map', ['list', 'detail'], 'The map shares place, filters and selection with the list through common/finder-store.'],
  ['list', ['map'], 'The list links to the map by route; the map chunk stays out of the list.'],
];
const FINDER_ROOM_RULES = FINDER_ROOMS_NEVER.map(([rooms, never, comment]) => ({
  name: `finder-${rooms.replace('|', '-')}-not-into-${never.join('-')}`,
  comment,
  severity: 'error',
  from: { path: `^src/features/finder/(${rooms})/` },
  to: { path: `^src/features/finder/(${never.join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes load order matter and hides which module owns what.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-barrels',
      comment: 'No index files that re-export a folder: import the module that holds the thing.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/(|.*/)index\\.(ts|tsx|js|mjs)$' },
    },
    {
      name: 'no-barrel-files',
      comment: 'An index file is a barrel even before anyone imports it.',
      severity: 'error',
      from: { path: '^src/(|.*/)index\\.(ts|tsx|js|mjs)$' },
      to: {},
    },
    ...Object.entries(LOWER).map(([layer, allowed]) => ({
      name: `${layer}-imports-only-${allowed.length ? allowed.join('-') + '-and-itself' : 'itself'}`,
      comment: `src/${layer} is a lower layer: it may import ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') + ' and ' : ''}its own files.`,
      severity: 'error',
      from: { path: `^src/${layer}/` },
      to: { path: '^src/', pathNot: [`^src/${layer}/`, ...allowed.map((a) => `^src/${a}/`)] },
    })),
    {
      name: 'features-not-into-app',
      comment: 'Features never import the app shell.',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'features-not-into-other-features',
      comment:
        'A feature uses another only through the deliberate links (finder → availability, settings → finder, data-status, availability).',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/', pathNot: '^src/features/(finder|settings)/' },
      to: { path: '^src/features/', pathNot: '^src/features/$1/' },
    },
    {
      name: 'finder-uses-only-public-availability-files',
      severity: 'error',
      from: { path: '^src/features/finder/' },
      to: { path: '^src/features/', pathNot: ['^src/features/finder/', ...FINDER_USES.map(file)] },
    },
    ...FINDER_ROOM_RULES,
    {
      name: 'finder-files-in-rooms',
      comment: 'Every finder module lives in a room (common, index, search, list, detail, map).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/features/finder/[^/]+$' },
    },
    {
      name: 'settings-uses-only-public-feature-files',
      severity: 'error',
      from: { path: '^src/features/settings/' },
      to: { path: '^src/features/', pathNot: ['^src/features/settings/', ...SETTINGS_USES.map(file)] },
    },
    {
      name: 'sw-imports-only-the-tile-rule',
      comment: 'The service worker shares one import-free rule file with the map.',
      severity: 'error',
      from: { path: '^src/sw/' },
      to: { path: '^src/', pathNot: ['^src/sw/', '^src/features/finder/map/tile-cache-rule\\.ts$'] },
    },
    {
      name: 'import-core-no-node-builtins',
      comment:
        'src/import is the import core the CLIs and the operator page share: no Node built-ins (node:fs, node:crypto …); file and stream code stays in scripts/.',
      severity: 'error',
      from: { path: '^src/import/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-not-into-scripts-or-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(scripts|tests)/' },
    },
  ],
  options: {
    // Tests may reach anywhere (fixtures, another feature's data): the rules are about the shipped code.
    exclude: { path: '\\.test\\.tsx?$' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.app.json' },
    parser: 'tsc',
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
