/**
 * The generated sample feed for Dongguan: per-town counts proportional to the 2020 census,
 * records placed inside the real town polygons, names that say "sample" in both languages.
 */
import { type AvailabilityItem, type ServiceRecord } from '../../src/data/feed-schema.ts';
import { CATEGORIES, type Category } from '../../src/data/categories.ts';
import { TOWN_BY_CODE } from '../../src/geo/towns.ts';
import type { FeedContent } from './feed-writer.ts';
import { GEOGRAPHY_SOURCES } from './feed-writer.ts';
import { pinyinOf, pinyinOfNumbered, toHant } from '../../src/import/chinese-text.ts';
import { createRng, subSeed } from './prng.ts';
import { ID_ABBR, sampleDetails, sampleFacilityFigures, sampleFigures } from './sample-profiles.ts';
import { loadTownPolygons, randomPointIn, type TownPolygon } from './town-polygons.ts';

export interface SampleRecipe {
  asOf: string;
  seed: number;
  totals: Record<Category, number>;
  minPerTown: Record<Category, number>;
  populationWithoutCensus: number;
  availabilityPollSeconds: number;
}

export const SAMPLE_REFERENCE = 'DG Nearby sample generator';
export const XSS_CANARY_ID = 'sample-xss-canary';

/** Scales the city totals so they add up to `services` (for big test and benchmark feeds). */
export function scaleRecipe(recipe: SampleRecipe, services: number): SampleRecipe {
  const sum = CATEGORIES.reduce((s, c) => s + recipe.totals[c], 0);
  // Largest remainder, so the category totals add up to exactly `services` (rounding each could lose one).
  const quotas = CATEGORIES.map((c) => {
    const q = (recipe.totals[c] * services) / sum;
    return { c, n: Math.floor(q), frac: q - Math.floor(q) };
  });
  let left = services - quotas.reduce((s, q) => s + q.n, 0);
  for (const q of [...quotas].sort((a, b) => b.frac - a.frac || a.c.localeCompare(b.c))) {
    if (left-- <= 0) break;
    q.n++;
  }
  const totals = Object.fromEntries(quotas.map((q) => [q.c, q.n])) as Record<Category, number>;
  return { ...recipe, totals };
}

/**
 * Largest-remainder apportionment of `total` over towns by population, then each town raised to
 * `min`. Ties break by town code, so the result is deterministic.
 */
export function apportion(total: number, towns: { code: string; population: number }[], min: number): Map<string, number> {
  const sumPop = towns.reduce((s, t) => s + t.population, 0);
  const quotas = towns.map((t) => {
    const q = (total * t.population) / sumPop;
    return { code: t.code, n: Math.floor(q), frac: q - Math.floor(q) };
  });
  let left = total - quotas.reduce((s, q) => s + q.n, 0);
  for (const q of [...quotas].sort((a, b) => b.frac - a.frac || a.code.localeCompare(b.code))) {
    if (left-- <= 0) break;
    q.n++;
  }
  return new Map(quotas.map((q) => [q.code, Math.max(min, q.n)]));
}

/** "Humen Town" → "Humen"; "Songshan Lake" stays. */
const shortEn = (en: string) => en.replace(/ (Town|Subdistrict)$/, '');

export interface SampleFeedOptions {
  /**
   * Adds the test-only records (the HTML-injection canary) for the e2e suite's test feed. Never set for
   * the feed that ships: residents must not meet test records.
   */
  withTestRecords?: boolean;
}

export function generateSampleFeed(recipe: SampleRecipe, options: SampleFeedOptions = {}): FeedContent {
  const asOfMs = Date.parse(recipe.asOf);
  if (Number.isNaN(asOfMs)) throw new Error(`sample recipe: asOf "${recipe.asOf}" is not a date`);
  const updated = new Date(asOfMs).toISOString().replace('.000Z', 'Z');
  const source = { kind: 'sample' as const, reference: SAMPLE_REFERENCE, updated };
  const polygons = loadTownPolygons();
  const population = polygons.map((t) => ({
    code: t.code,
    population: TOWN_BY_CODE.get(t.code)?.population2020 ?? recipe.populationWithoutCensus,
  }));

  const records: ServiceRecord[] = [];
  for (const category of CATEGORIES) {
    const counts = apportion(recipe.totals[category], population, recipe.minPerTown[category]);
    for (const town of polygons) {
      const rng = createRng(subSeed(recipe.seed, `${town.code}/${category}`));
      // A stream of its own, so the facility figures (issue 17) leave every other sample value unchanged.
      const facilityRng = createRng(subSeed(recipe.seed, `${town.code}/${category}/facility`));
      const n = counts.get(town.code) ?? 0;
      for (let i = 0; i < n; i++) records.push(sampleRecord(town, category, i, rng, source, facilityRng));
    }
  }
  if (options.withTestRecords) records.push(xssCanary(source));

  const availRng = createRng(subSeed(recipe.seed, 'availability'));
  const items: AvailabilityItem[] = records.map((rec) => ({
    serviceId: rec.id,
    // Observed up to 20 minutes before the fixed build clock; the live simulator moves it on.
    observedAt: new Date(asOfMs - availRng.int(0, 20) * 60_000).toISOString().replace('.000Z', 'Z'),
    figures: sampleFigures(rec, asOfMs, availRng),
  }));

  return {
    generatedAt: updated,
    sample: true,
    versionPrefix: options.withTestRecords ? 'sample-test' : 'sample',
    sources: [
      {
        name: { zh: '莞邻示例数据生成器', en: 'DG Nearby sample data generator', zhHant: '莞鄰示例數據生成器' },
        licence: 'Generated sample data, not real places',
        attribution: `${SAMPLE_REFERENCE} (seed ${recipe.seed}); counts per town follow the 2020 census`,
        note: {
          zh: `生成的示例数据，不是真实机构（种子 ${recipe.seed}）；各镇街的数量按 2020 年人口普查比例分配。`,
          en: `Generated sample data, not real places (seed ${recipe.seed}); counts per town follow the 2020 census.`,
          zhHant: `生成的示例數據，不是真實機構（種子 ${recipe.seed}）；各鎮街的數量按 2020 年人口普查比例分配。`,
        },
      },
      ...GEOGRAPHY_SOURCES,
    ],
    records,
    // sample: the app dates these figures when it fetches them (they are generated, not observed).
    availability: { generatedAt: updated, sample: true, pollSeconds: recipe.availabilityPollSeconds, items },
    availabilityPollSeconds: recipe.availabilityPollSeconds,
  };
}

function sampleRecord(
  town: TownPolygon,
  category: Category,
  index: number,
  rng: ReturnType<typeof createRng>,
  source: ServiceRecord['source'],
  facilityRng: ReturnType<typeof createRng>,
): ServiceRecord {
  const [lon, lat] = randomPointIn(town, rng);
  const d = sampleDetails(category, index, rng);
  const facility = sampleFacilityFigures(category, d.kind, facilityRng);
  const n = index + 1;
  const zhPrefix = `${town.zh}示例${d.kind.zh}`;
  // Key order here is the key order in the output files.
  const rec: ServiceRecord = {
    id: `s-${town.code}-${ID_ABBR[category]}-${n}`,
    category,
    name: { zh: `${zhPrefix} ${n}`, en: `${shortEn(town.en)} Sample ${d.kind.en} ${n}`, zhHant: `${toHant(zhPrefix)} ${n}` },
    town: town.code,
    lat,
    lon,
    ...(d.url ? { url: d.url } : {}),
    hours: d.hours,
    ...(d.capacity !== undefined ? { capacity: d.capacity } : {}),
    ...facility,
    ...(d.ageMonths ? { ageMonths: d.ageMonths } : {}),
    ...(d.fee ? { fee: d.fee } : {}),
    ...(d.features ? { features: d.features } : {}),
    source,
    pinyin: pinyinOfNumbered(zhPrefix, n),
  };
  return rec;
}

/** A fixed record whose name is an HTML injection attempt: the finder's e2e checks it renders as text. */
function xssCanary(source: ServiceRecord['source']): ServiceRecord {
  const zh = '虎门镇示例诊所 <img src=x onerror=alert(1)>';
  return {
    id: XSS_CANARY_ID,
    category: 'clinic',
    name: { zh, en: 'Humen Sample Clinic <img src=x onerror=alert(1)>', zhHant: toHant(zh) },
    town: '441900121',
    lat: 22.84339, // the 虎门镇 label point, inside the polygon (checked by the sample feed test)
    lon: 113.69547,
    url: 'tel:12345',
    hours: {
      weekly: [
        '08:00-12:00,14:30-17:30',
        '08:00-12:00,14:30-17:30',
        '08:00-12:00,14:30-17:30',
        '08:00-12:00,14:30-17:30',
        '08:00-12:00,14:30-17:30',
        '08:00-12:00',
        '',
      ],
      publicHolidays: 'closed',
    },
    fee: 'low',
    source,
    pinyin: pinyinOf(zh),
  };
}
