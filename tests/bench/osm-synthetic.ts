/**
 * Seeded synthetic Overpass JSON for the importer bench: `n` elements placed inside the real town
 * polygons, with the tag mix real Dongguan extracts show (names, opening_hours, phones, websites,
 * addresses) and a share of elements the importer must skip (no matching tags, outside Dongguan).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRng } from '../../scripts/lib/prng.ts';
import { loadTownPolygons, randomPointIn } from '../../scripts/lib/town-polygons.ts';

const KINDS: Record<string, string>[] = [
  { amenity: 'kindergarten' },
  { amenity: 'clinic' },
  { amenity: 'doctors' },
  { amenity: 'childcare' },
  { amenity: 'parking' },
  { leisure: 'sports_centre' },
  { leisure: 'pitch', access: 'yes' },
  { amenity: 'social_facility', social_facility: 'day_care', 'social_facility:for': 'senior' },
  { shop: 'convenience' },
];
const HOURS = [
  'Mo-Fr 07:30-17:30; PH off',
  '24/7',
  'Mo-Su 08:00-22:00',
  'Mo-Fr 08:00-12:00,14:30-17:30; Sa 08:00-12:00',
  'Mo-Sa 09:00-18:00',
  'Mo-Fr 08:00-17:00; SH off',
  'Tu-Su 10:00-21:00',
];
const WORDS = ['阳光', '明珠', '星辰', '育才', '康宁', '银杏', '东湖', '南山', '金色', '童心', '新城', '翠园'];
const SUFFIX: Record<string, string> = {
  kindergarten: '幼儿园',
  clinic: '社区卫生服务站',
  doctors: '诊所',
  childcare: '托育中心',
  parking: '停车场',
};

export function syntheticOverpass(n: number, seed = 20261130): { elements: unknown[] } {
  const rng = createRng(seed);
  const towns = loadTownPolygons();
  const elements: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const town = rng.pick(towns);
    const outside = rng.chance(0.02);
    const [lon, lat] = outside ? [112.9 + rng.next() * 0.2, 23.5 + rng.next() * 0.2] : randomPointIn(town, rng);
    const kind = rng.pick(KINDS);
    const suffix = SUFFIX[kind.amenity ?? ''] ?? '体育中心';
    const tags: Record<string, string> = { ...kind, name: `${town.zh}${rng.pick(WORDS)}${rng.pick(WORDS)}${suffix}` };
    if (rng.chance(0.6)) tags.opening_hours = rng.pick(HOURS);
    if (rng.chance(0.5)) tags.phone = `+86 769 ${rng.int(2000, 8999)} ${rng.int(1000, 9999)}`;
    if (rng.chance(0.3)) tags.website = `https://example.org/${i}`;
    if (rng.chance(0.4)) {
      tags['addr:city'] = '东莞市';
      tags['addr:street'] = `${rng.pick(WORDS)}路`;
      tags['addr:housenumber'] = String(rng.int(1, 300));
    }
    const way = rng.chance(0.3);
    elements.push(way ? { type: 'way', id: 100000 + i, center: { lat, lon }, tags } : { type: 'node', id: 100000 + i, lat, lon, tags });
  }
  return { elements };
}

/** Writes a synthetic Overpass JSON file element by element (never the whole document in memory). */
export function writeSyntheticOverpass(path: string, n: number, seed = 20261130): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, '{"version":0.6,"generator":"DG Nearby bench (synthetic)","elements":[\n');
    const batch = 10_000;
    for (let start = 0; start < n; start += batch) {
      const part = syntheticOverpass(Math.min(batch, n - start), seed + start).elements;
      // Ids continue across batches so they stay unique.
      const text = part
        .map((el) => JSON.stringify({ ...(el as object), id: 100000 + start + (((el as { id: number }).id - 100000) % batch) }))
        .join(',\n');
      writeSync(fd, `${start ? ',\n' : ''}${text}`);
    }
    writeSync(fd, '\n]}\n');
  } finally {
    closeSync(fd);
  }
}
