/**
 * Search benchmark over synthetic services (no React): the finder's search index against a plain substring
 * scan over the same records and queries, in the same run. The bench CLI can call `runSearchBench()`;
 * run alone with `node --expose-gc node_modules/.bin/tsx tests/bench/search-bench.ts [count]`
 * (without --expose-gc the heap figure is noisy). Budgets live here, never in unit tests.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ServiceRecord } from '../../src/data/feed-schema';
import { CATEGORIES } from '../../src/data/categories';
import { buildSpatialIndex } from '../unit/spatial-index';
import { TOWNS } from '../../src/geo/towns';
import { distanceMetres } from '../../src/geo/distance';
import { normalizeQuery } from '../../src/features/finder/common/normalize-query';
import { buildSearchIndex } from '../../src/features/finder/search/search-index';
import { buildTypoTerms } from '../../src/features/finder/search/search-typo';
import { loadavg } from 'node:os';

const KINDS: Record<string, { zh: string; py: string; en: string }[]> = {
  kindergarten: [
    { zh: '幼儿园', py: 'you er yuan', en: 'Kindergarten' },
    { zh: '实验幼儿园', py: 'shi yan you er yuan', en: 'Experimental Kindergarten' },
  ],
  clinic: [
    { zh: '社区卫生服务站', py: 'she qu wei sheng fu wu zhan', en: 'Community Health Station' },
    { zh: '诊所', py: 'zhen suo', en: 'Clinic' },
  ],
  nursery: [{ zh: '托育中心', py: 'tuo yu zhong xin', en: 'Nursery Centre' }],
  elderly_daycare: [
    { zh: '长者饭堂', py: 'zhang zhe fan tang', en: 'Elder Canteen' },
    { zh: '日间照料中心', py: 'ri jian zhao liao zhong xin', en: 'Day Care Centre' },
  ],
  sports_venue: [
    { zh: '体育馆', py: 'ti yu guan', en: 'Gymnasium' },
    { zh: '篮球场', py: 'lan qiu chang', en: 'Basketball Court' },
  ],
  parking: [{ zh: '停车场', py: 'ting che chang', en: 'Car Park' }],
};
const ROADS = [
  { zh: '人民路', py: 'ren min lu', en: 'Renmin Road' },
  { zh: '东风路', py: 'dong feng lu', en: 'Dongfeng Road' },
  { zh: '银河', py: 'yin he', en: 'Yinhe' },
  { zh: '新城', py: 'xin cheng', en: 'Xincheng' },
  { zh: '太平', py: 'tai ping', en: 'Taiping' },
  { zh: '金山', py: 'jin shan', en: 'Jinshan' },
  { zh: '莲花', py: 'lian hua', en: 'Lianhua' },
  { zh: '长安', py: 'chang an', en: "Chang'an" },
];

export function syntheticServices(n: number, seed = 42): ServiceRecord[] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const towns = TOWNS.filter((t) => t.label);
  return Array.from({ length: n }, (_, i) => {
    const town = towns[Math.floor(rnd() * towns.length)]!;
    const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
    const kind = KINDS[category]![Math.floor(rnd() * KINDS[category]!.length)]!;
    const road = ROADS[Math.floor(rnd() * ROADS.length)]!;
    const short = town.zh.replace(/(镇|街道)$/u, '');
    const shortPy = town.pinyin
      .split(' ')
      .slice(0, [...short].length)
      .join(' ');
    const no = String((i % 97) + 1);
    const py = `${shortPy} ${road.py} ${kind.py} ${no}`;
    return {
      id: `bench-${i}`,
      category,
      name: { zh: `${short}${road.zh}${kind.zh} ${no}`, en: `${town.en.split(' ')[0]} ${road.en} ${kind.en} ${no}` },
      town: town.code,
      lat: town.label![1] + (rnd() - 0.5) * 0.08,
      lon: town.label![0] + (rnd() - 0.5) * 0.08,
      source: { kind: 'sample', reference: 'bench', updated: '2026-11-28T00:00:00Z' },
      pinyin: {
        full: py,
        initials: py
          .split(' ')
          .map((x) => x[0])
          .join(''),
      },
    } satisfies ServiceRecord;
  });
}

/** A realistic mix, by class: 2-char Chinese, longer Chinese, pinyin (prefixes, spaced, joined), initials, English, towns, typos. */
export const BENCH_QUERY_CLASSES: Record<string, readonly string[]> = {
  // any part of a name
  '2-char Chinese': ['人民', '幼儿', '花诊', '体育', '停车', '卫生', '饭堂', '东风', '球场', '照料'],
  // town + name too
  'longer Chinese': ['幼儿园', '社区卫生服务', '长者饭堂', '东风路幼儿园', '虎门幼儿园'],
  // prefixes, full, spaced, joined
  pinyin: ['youer', 'youeryuan', 'tingche', 'lianh', 'zhensuo', 'humen youeryuan', 'renminlu', 'changzhe fantang'],
  // contiguous and in chunks
  initials: ['yey', 'tcc', 'tyg', 'hmyey', 'hmrmlyey', 'sqws'],
  // word prefixes
  English: ['kindergarten', 'car park', 'gym', 'clinic', 'canteen', 'basket', 'lianhua'],
  towns: ['虎门', '厚街', 'houjie', 'dongcheng', '长安'],
  typos: ['kindergarden', 'youeryaun'],
};
export const BENCH_QUERIES = Object.values(BENCH_QUERY_CLASSES).flat();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The baseline: one lowercase haystack per record (names, joined pinyin, initials, English, town), every
 * query part must be a substring; matches sorted by distance. No index, no ranking beyond distance.
 */
function substringScan(records: readonly ServiceRecord[]) {
  const townBy = new Map(TOWNS.map((t) => [t.code, t]));
  const hay = records.map((r) => {
    const t = townBy.get(r.town);
    return [
      r.name.zh,
      r.name.zhHant ?? '',
      r.pinyin.full.replace(/ /g, ''),
      r.pinyin.initials,
      r.name.en.toLowerCase(),
      t?.zh ?? '',
      t?.pinyin.replace(/ /g, '') ?? '',
      t?.en.toLowerCase() ?? '',
    ].join('\u0001');
  });
  return (query: string, near: { lat: number; lon: number }, limit: number) => {
    const parts = normalizeQuery(query).split(' ').filter(Boolean);
    const hits: { i: number; m: number }[] = [];
    for (let i = 0; i < hay.length; i++) {
      const h = hay[i]!;
      if (parts.every((p) => h.includes(p))) {
        const r = records[i]!;
        hits.push({ i, m: distanceMetres(near.lat, near.lon, r.lat, r.lon) });
      }
    }
    hits.sort((a, b) => a.m - b.m);
    return hits.slice(0, limit);
  };
}

export interface SearchBenchResult {
  count: number;
  /** Search index build (the spatial index, built alongside by the app, is reported apart). */
  buildMs: number;
  spatialBuildMs: number;
  /** Retained by the search index: JS heap + typed-array backing stores (after gc when exposed). */
  heapMB: number;
  jsHeapMB: number;
  arrayBuffersMB: number;
  postingsMB: number;
  index: { p50Ms: number; p95Ms: number; maxMs: number };
  scan: { p50Ms: number; p95Ms: number };
  /** scan p95 / index p95. */
  ratio: number;
  /** First misspelt query after the build (the typo vocabulary is built with the index). */
  firstTypoMs: number;
  /** buildTypoTerms alone (what a worker would run at import time), and the vocabulary's size. */
  typoTermsMs: number;
  typoTerms: number;
  perQueryP95: Record<string, number>;
  /** p50 / p95 / max per query class (BENCH_QUERY_CLASSES). */
  perClass: Record<string, { p50Ms: number; p95Ms: number; maxMs: number; cpuP95Ms: number; slowest: string }>;
  /** CPU time per query (process.cpuUsage, µs resolution): what a query costs on an idle core. */
  indexCpu: { p50Ms: number; p95Ms: number; maxMs: number };
  /** 1-minute load average before and after the timed rounds (the machine is shared). */
  load: [number, number];
  gcExposed: boolean;
}

/** tsx re-spawns node, so --expose-gc may not reach this process: switch it on from here. */
function exposeGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

export function runSearchBench({
  count = 100_000,
  rounds = 20,
  limit = 50,
}: { count?: number; rounds?: number; limit?: number } = {}): SearchBenchResult {
  const records = syntheticServices(count);
  const gc = exposeGc();
  const used = () => {
    gc?.();
    gc?.();
    return process.memoryUsage();
  };

  const s0 = performance.now();
  const spatial = buildSpatialIndex(records);
  const spatialBuildMs = performance.now() - s0;
  const nearestFn = (lat: number, lon: number, n: number, pred: (i: number) => boolean) => spatial.nearest(lat, lon, n, (_r, i) => pred(i));

  const heap0 = used();
  const t0 = performance.now();
  const search = buildSearchIndex(records, TOWNS, nearestFn);
  const buildMs = performance.now() - t0;
  const heap1 = used();
  // The JS-heap delta is noisy (garbage from generating the records can be freed during the build), so it
  // is floored at 0; typed-array storage (arrayBuffers) is where the index lives.
  const jsHeapMB = Math.max(0, (heap1.heapUsed - heap0.heapUsed) / 2 ** 20);
  const arrayBuffersMB = (heap1.arrayBuffers - heap0.arrayBuffers) / 2 ** 20;
  const heapMB = jsHeapMB + arrayBuffersMB;

  const places = TOWNS.filter((t) => t.label).map((t) => ({ lat: t.label![1], lon: t.label![0] }));
  const t1 = performance.now();
  search.search('kindergarden', { near: places[0]!, limit });
  const firstTypoMs = performance.now() - t1;
  const t2 = performance.now();
  const typoTerms = buildTypoTerms(records, TOWNS).length;
  const typoTermsMs = performance.now() - t2;
  const load0 = loadavg()[0]!;

  const scan = substringScan(records);
  const idx: number[] = [];
  const base: number[] = [];
  const perQuery: Record<string, number[]> = {};
  // CPU time of this process per query: on a shared machine, wall time also counts waiting for a core.
  const cpu: number[] = [];
  const perQueryCpu: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++)
    for (const q of BENCH_QUERIES) {
      const near = places[(r * 7 + q.length) % places.length]!;
      const c0 = process.cpuUsage();
      let t = performance.now();
      search.search(q, { near, limit });
      const dt = performance.now() - t;
      const c1 = process.cpuUsage(c0);
      const dc = (c1.user + c1.system) / 1000;
      t = performance.now();
      scan(q, near, limit);
      const ds = performance.now() - t;
      if (r > 1) {
        idx.push(dt);
        cpu.push(dc);
        base.push(ds);
        (perQuery[q] ??= []).push(dt);
        (perQueryCpu[q] ??= []).push(dc);
      } // first rounds warm the JIT
    }
  const p95i = pct(idx, 0.95),
    p95s = pct(base, 0.95);
  const load1 = loadavg()[0]!;
  const perClass = Object.fromEntries(
    Object.entries(BENCH_QUERY_CLASSES).map(([name, qs]) => {
      const xs = qs.flatMap((q) => perQuery[q] ?? []);
      const slowest = qs.reduce((a, q) => (Math.max(...(perQuery[q] ?? [0])) > Math.max(...(perQuery[a] ?? [0])) ? q : a), qs[0]!);
      const cs = qs.flatMap((q) => perQueryCpu[q] ?? []);
      return [
        name,
        { p50Ms: r3(pct(xs, 0.5)), p95Ms: r3(pct(xs, 0.95)), maxMs: r3(Math.max(...xs)), cpuP95Ms: r3(pct(cs, 0.95)), slowest },
      ];
    }),
  );
  return {
    count,
    buildMs: Math.round(buildMs),
    spatialBuildMs: Math.round(spatialBuildMs),
    heapMB: Math.round(heapMB * 10) / 10,
    jsHeapMB: Math.round(jsHeapMB * 10) / 10,
    arrayBuffersMB: Math.round(arrayBuffersMB * 10) / 10,
    postingsMB: Math.round((search.stats.bytes / 2 ** 20) * 10) / 10,
    index: { p50Ms: r3(pct(idx, 0.5)), p95Ms: r3(p95i), maxMs: r3(Math.max(...idx)) },
    scan: { p50Ms: r3(pct(base, 0.5)), p95Ms: r3(p95s) },
    indexCpu: { p50Ms: r3(pct(cpu, 0.5)), p95Ms: r3(pct(cpu, 0.95)), maxMs: r3(Math.max(...cpu)) },
    ratio: Math.round((p95s / p95i) * 10) / 10,
    firstTypoMs: Math.round(firstTypoMs * 10) / 10,
    typoTermsMs: Math.round(typoTermsMs),
    typoTerms,
    perClass,
    load: [Math.round(load0 * 100) / 100, Math.round(load1 * 100) / 100],
    perQueryP95: Object.fromEntries(Object.entries(perQuery).map(([q, xs]) => [q, r3(pct(xs, 0.95))])),
    gcExposed: gc !== undefined,
  };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('search-bench.ts')) {
  console.log(JSON.stringify(runSearchBench({ count: Number(process.argv[2] ?? 100_000) }), null, 2));
}
