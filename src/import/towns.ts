/**
 * Towns for records without a usable point: a town column (name or code) or a town name inside the
 * address, and the town's representative point (src/geo/dongguan-towns.json `label`, inside its polygon).
 * Nothing is geocoded through an online service.
 */
import { TOWNS, TOWN_BY_CODE, type Town } from '../geo/towns.ts';

const SUFFIX = /(街道|镇|鎮|新区|新區)$/;
/** Full names (虎门镇, 南城街道, 松山湖) match anywhere; short names (虎门) only right after 东莞市 or at the start. */
const FULL_NAMES: [string, Town][] = TOWNS.flatMap((t) => [
  [t.zh, t] as [string, Town],
  ...(t.zhHant !== t.zh ? [[t.zhHant, t] as [string, Town]] : []),
]).sort((a, b) => b[0].length - a[0].length);
const SHORT_NAMES: [string, Town][] = TOWNS.flatMap((t) => {
  const short = t.zh.replace(SUFFIX, '');
  return short.length >= 2 && short !== t.zh ? [[short, t] as [string, Town]] : [];
});

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
const BY_NAME = new Map<string, Town>();
for (const t of TOWNS) {
  for (const n of [t.zh, t.zhHant, t.en, t.zh.replace(SUFFIX, ''), t.en.replace(/ (Subdistrict|Town)$/i, ''), t.pinyin.replace(/ /g, '')])
    BY_NAME.set(norm(n), t);
}

/** A town named by a town column: official code, Chinese name with or without 镇/街道, or English name. */
export function townFromName(value: string): Town | undefined {
  const v = value.trim();
  return TOWN_BY_CODE.get(v) ?? BY_NAME.get(norm(v)) ?? BY_NAME.get(norm(v).replace(/ /g, ''));
}

/** The town named in a Chinese address, earliest mention first. */
export function townInAddress(address: string): Town | undefined {
  let best: { at: number; town: Town } | undefined;
  for (const [name, town] of FULL_NAMES) {
    const at = address.indexOf(name);
    if (at >= 0 && (!best || at < best.at)) best = { at, town };
  }
  if (best) return best.town;
  const rest = address.replace(/^\s*(广东省|廣東省)?\s*(东莞市|東莞市)?\s*/, '');
  for (const [name, town] of SHORT_NAMES) if (rest.startsWith(name)) return town;
  return undefined;
}

/** Representative point [lon, lat] of a town (inside its polygon), or undefined when the town has none. */
export function townRepresentativePoint(code: string): [number, number] | undefined {
  return TOWN_BY_CODE.get(code)?.label ?? undefined;
}
