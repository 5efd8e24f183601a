/**
 * The DG Nearby profile of HSDS 3.1: what the export writes and the import reads back.
 * HSDS has one language per record, so the profile adds `x_dgnearby` to a service: bilingual name,
 * category, town, fee, features and pinyin. HSDS tools ignore unknown properties.
 */
import { createHash } from 'node:crypto';
import type { Category, ServiceRecord } from '../../src/data/feed-schema.ts';

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
