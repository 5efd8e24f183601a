// `npm run size`: gzip size of the JavaScript the first screen (route "/") needs: the entry chunk, its static
// imports, and the finder page chunk with its static imports. Budget: 140 KB. Also lists every other chunk.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// Plain Node (no tsx), so scripts/lib/run-cli.ts's contract is kept by hand: one line on stderr, exit 2,
// `--debug` for the trace.
process.on('uncaughtException', (err) => {
  process.stderr.write(
    `size: ${String(err?.message ?? err)
      .replace(/\s+/g, ' ')
      .slice(0, 300)}\n`,
  );
  if (process.argv.includes('--debug') && err?.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(2);
});

const BUDGET_KB = 140;
const dist = process.env.DIST_DIR ?? 'dist';
const manifestPath = path.join(dist, '.vite', 'manifest.json');
if (!fs.existsSync(manifestPath)) {
  console.error(`size: ${manifestPath} not found: run \`npm run build\` first (it writes ${dist}/ with the manifest this reads)`);
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8').replace(/^\uFEFF/, ''));
const gzipKB = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;

function staticClosure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    staticClosure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const finderKey = Object.keys(manifest).find((key) => key.endsWith('features/finder/list/finder-page.tsx'));
const firstScreen = staticClosure([entryKey, finderKey].filter(Boolean));
const firstFiles = [...firstScreen].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
const total = firstFiles.reduce((sum, file) => sum + gzipKB(file), 0);

const rows = Object.values(manifest)
  .filter((chunk) => chunk.file.endsWith('.js'))
  .map((chunk) => ({ file: chunk.file, gzipKB: gzipKB(chunk.file), firstScreen: firstFiles.includes(chunk.file) }))
  .sort((a, b) => b.gzipKB - a.gzipKB);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ budgetKB: BUDGET_KB, firstScreenKB: total, chunks: rows }, null, 2));
} else {
  for (const row of rows) console.log(`${row.firstScreen ? '*' : ' '} ${row.gzipKB.toFixed(1).padStart(7)} KB  ${row.file}`);
  console.log(`\nFirst-screen JS (* above): ${total.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
}
// Dexie loads with the first read of the store, after the first paint (docs/architecture.md, "First visit"): a
// static import that pulls it back onto the first screen fails here, not silently in a Lighthouse run.
const withDexie = firstFiles.filter((file) => fs.readFileSync(path.join(dist, file), 'utf8').includes('DexieError'));
if (withDexie.length > 0) {
  console.error(`Dexie is on the first screen (${withDexie.join(', ')}): import the store lazily (see src/data/store-exists.ts).`);
  process.exit(1);
}
if (total > BUDGET_KB) {
  console.error(`Over budget by ${(total - BUDGET_KB).toFixed(1)} KB: code-split what the first screen does not need.`);
  process.exit(1);
}
