/**
 * The export side of the DG Nearby HSDS profile (src/import/hsds-profile.ts has what the import reads):
 * stable UUIDs (node:crypto) and the facility figures as HSDS attributes.
 */
import { createHash } from 'node:crypto';
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import { FACILITY_FIELDS, FACILITY_TAXONOMY_ID } from '../../src/import/hsds-profile.ts';

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

/** HSDS ids must be UUIDs: a stable name-based UUID (SHA-256, RFC 9562 version 8 layout). */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(`dg-nearby:${name}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
