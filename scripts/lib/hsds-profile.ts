/**
 * The DG Nearby profile of HSDS 3.1: what the export writes and the import reads back.
 * HSDS has one language per record, so the profile adds `x_dgnearby` to a service: bilingual name,
 * category, town, fee, features and pinyin. HSDS tools ignore unknown properties.
 */
import { createHash } from 'node:crypto';
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import type { Category } from '../../src/data/categories.ts';

export interface DgNearbyExtension {
  id: string;
  category: Category;
  town: string;
  name: ServiceRecord['name'];
  phone?: ServiceRecord['phone'];
  phones?: ServiceRecord['phones'];
  address?: ServiceRecord['address'];
  location?: ServiceRecord['location'];
  hoursAsWritten?: ServiceRecord['hoursAsWritten'];
  url?: ServiceRecord['url'];
  capacity?: ServiceRecord['capacity'];
  fee?: ServiceRecord['fee'];
  features?: ServiceRecord['features'];
  ageMonths?: ServiceRecord['ageMonths'];
  hours?: ServiceRecord['hours'];
  source: ServiceRecord['source'];
  beds?: ServiceRecord['beds'];
  doctors?: ServiceRecord['doctors'];
  groundAreaM2?: ServiceRecord['groundAreaM2'];
  floorAreaM2?: ServiceRecord['floorAreaM2'];
}

/* ---------- facility figures (issue 17): beds, doctors, sports ground and floor area ---------- */

/** Taxonomy of the facility figures, exported as `attributes` (value + label) and read back on import. */
export const FACILITY_TAXONOMY_ID = '7c1d2e3f-4a5b-5c6d-8e7f-9a0b1c2d3e4f';
export const FACILITY_FIELDS = [
  { field: 'beds', code: 'beds', label: 'Beds' },
  { field: 'doctors', code: 'licensed_doctors', label: 'Licensed (assistant) doctors' },
  { field: 'groundAreaM2', code: 'sports_ground_area_m2', label: 'Sports ground area (m²)' },
  { field: 'floorAreaM2', code: 'floor_area_m2', label: 'Floor area (m²)' },
] as const;
export type FacilityFigures = Pick<ServiceRecord, 'beds' | 'doctors' | 'groundAreaM2' | 'floorAreaM2'>;

/** The facility figures of a record as HSDS 3.1 attributes of the service. */
export function facilityAttributes(rec: ServiceRecord): Record<string, unknown>[] {
  return FACILITY_FIELDS.flatMap(({ field, code, label }) => {
    const value = rec[field];
    if (value === undefined) return [];
    const termId = stableUuid(`facility/${code}`);
    return [
      {
        id: stableUuid(`${rec.id}/facility/${code}`),
        link_type: 'facility_figure',
        link_entity: 'service',
        taxonomy_term_id: termId,
        value: String(value),
        label,
        taxonomy_term: {
          id: termId,
          code,
          name: label,
          description: `DG Nearby facility figure ${code}`,
          taxonomy_id: FACILITY_TAXONOMY_ID,
        },
      },
    ];
  });
}

/** Facility figures from the profile extension, else from facility attributes (numbers only). */
export function facilityFiguresFromHsds(ext: Partial<DgNearbyExtension> | undefined, attributes: unknown): FacilityFigures {
  const out: FacilityFigures = {};
  for (const { field, code } of FACILITY_FIELDS) {
    const fromExt = ext?.[field];
    if (typeof fromExt === 'number') {
      out[field] = fromExt;
      continue;
    }
    const attr = (Array.isArray(attributes) ? attributes : []).find(
      (a): a is { value: unknown } =>
        typeof a === 'object' && a !== null && (a as { taxonomy_term?: { code?: unknown } }).taxonomy_term?.code === code,
    );
    const n = typeof attr?.value === 'string' && attr.value.trim() !== '' ? Number(attr.value) : NaN;
    if (Number.isFinite(n)) out[field] = n;
  }
  return out;
}

/** Taxonomy of the six categories, used in exported `attributes` and recognised on import. */
export const CATEGORY_TAXONOMY_ID = '4e2b3a5c-7d1f-5c6a-9b2e-6a0d1c3f5e7a';

/** HSDS ids must be UUIDs: a stable name-based UUID (SHA-256, RFC 9562 version 8 layout). */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(`dg-nearby:${name}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
