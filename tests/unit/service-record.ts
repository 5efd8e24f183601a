/** A minimal valid service record for filter and list tests: one town, one point, sample source; `extra` adds the fields a test is about. */
import type { ServiceRecord } from '../../src/data/feed-schema.ts';

export function serviceRecord(id: string, category: ServiceRecord['category'], extra: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    town: '441900121',
    lat: 22.8,
    lon: 113.7,
    source: { kind: 'sample', reference: 't', updated: '2026-11-28T00:00:00Z' },
    pinyin: { full: 'a', initials: 'a' },
    id,
    category,
    name: { zh: id, en: id },
    ...extra,
  };
}
