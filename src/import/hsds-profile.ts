/**
 * The DG Nearby profile of HSDS 3.1: what the export writes and the import reads back.
 * HSDS has one language per record, so the profile adds `x_dgnearby` to a service: bilingual name,
 * category, town, fee, features and pinyin. HSDS tools ignore unknown properties.
 * The parts the importer reads (no Node); the export's UUIDs and attributes are in scripts/lib/hsds-profile.ts.
 */
import type { ServiceRecord } from '../data/feed-schema.ts';
import type { Category } from '../data/categories.ts';

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

export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
