/**
 * Derive Traditional Chinese for the enrolment feature with OpenCC (Simplified → Hong Kong Traditional):
 *  - every {zh, en} text in src/features/enrolment/rules/*.json gets a `zhHant`;
 *  - src/i18n/locales/zh-Hant/enrolment.json is rebuilt from zh-Hans/enrolment.json.
 * Run after editing Chinese text: `npx tsx scripts/enrolment-derive-zh-hant.ts`. The output is committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';

const root = fileURLToPath(new URL('..', import.meta.url));
const toHant = OpenCC.Converter({ from: 'cn', to: 'hk' });

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function addHant(node: Json): Json {
  if (Array.isArray(node)) return node.map(addHant);
  if (node && typeof node === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'zhHant') out[k] = addHant(v);
    if (typeof node.zh === 'string' && typeof node.en === 'string') out.zhHant = toHant(node.zh);
    return out;
  }
  return node;
}

function convertAll(node: Json): Json {
  if (typeof node === 'string') return toHant(node);
  if (Array.isArray(node)) return node.map(convertAll);
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, convertAll(v)]));
  return node;
}

const write = (rel: string, data: Json) => writeFileSync(root + rel, JSON.stringify(data, null, 2) + '\n');

for (const f of ['messages', 'timeline', 'documents']) {
  const rel = `src/features/enrolment/rules/${f}.json`;
  write(rel, addHant(JSON.parse(readFileSync(root + rel, 'utf8')) as Json));
}
write(
  'src/i18n/locales/zh-Hant/enrolment.json',
  convertAll(JSON.parse(readFileSync(root + 'src/i18n/locales/zh-Hans/enrolment.json', 'utf8')) as Json),
);
console.log('zh-Hant derived for enrolment');
