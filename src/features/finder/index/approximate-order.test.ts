import { describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../../data/feed-schema';
import { placeApproximate } from './approximate-order';

const placeApproximateRows = <R extends { record: ServiceRecord; metres: number | null }>(rows: R[]) =>
  placeApproximate(
    rows,
    (r) => r.record.location === 'approximate',
    (r) => r.record.town,
  );
import { navigationSearchLinks } from '../detail/navigation-search-links';

const rec = (id: string, town: string, approximate = false) =>
  ({ id, town, ...(approximate ? { location: 'approximate' as const } : {}) }) as ServiceRecord;
const row = (id: string, town: string, metres: number, approximate = false) => ({ record: rec(id, town, approximate), metres });

describe('placeApproximateRows', () => {
  it('moves approximate rows after the last exact row of their town, without a distance', () => {
    const rows = [
      row('a1', 'A', 100),
      row('ax', 'A', 150, true),
      row('b1', 'B', 200),
      row('a2', 'A', 300),
      row('bx', 'B', 50, true),
      row('b2', 'B', 400),
    ];
    expect(placeApproximateRows(rows).map((r) => [r.record.id, r.metres])).toEqual([
      ['a1', 100],
      ['b1', 200],
      ['a2', 300],
      ['ax', null],
      ['b2', 400],
      ['bx', null],
    ]);
  });

  it('keeps approximate rows of a town with no exact row where they fell, without a distance', () => {
    expect(placeApproximateRows([row('cx', 'C', 10, true), row('a1', 'A', 20)]).map((r) => [r.record.id, r.metres])).toEqual([
      ['cx', null],
      ['a1', 20],
    ]);
  });

  it('returns the same rows when nothing is approximate', () => {
    const rows = [row('a1', 'A', 1), row('b1', 'B', 2)];
    expect(placeApproximateRows(rows)).toBe(rows);
  });
});

describe('navigationSearchLinks (approximate records)', () => {
  const links = navigationSearchLinks({ name: '示例幼儿园', address: '东莞市长安镇示例路3号' });
  it('search by name and address, never by the representative point', () => {
    expect(new URL(links.amap).searchParams.get('keyword')).toBe('示例幼儿园 东莞市长安镇示例路3号');
    expect(links.baidu).toContain(encodeURIComponent('示例幼儿园 东莞市长安镇示例路3号'));
    expect(new URL(links.apple).searchParams.get('q')).toBe('示例幼儿园 东莞市长安镇示例路3号');
    expect(links.geo.startsWith('geo:0,0?q=')).toBe(true);
    for (const l of Object.values(links)) expect(l).not.toMatch(/\d+\.\d{4,}/);
  });
  it('a name cannot add query parameters', () => {
    const u = new URL(navigationSearchLinks({ name: 'x&city=北京#' }).amap);
    expect(u.searchParams.getAll('city')).toEqual(['东莞']);
  });
});

describe('placeApproximateRows with several rows per town', () => {
  it('keeps an all-exact list unchanged even when towns repeat', () => {
    const rows = [row('a1', 'A', 1), row('a2', 'A', 2), row('b1', 'B', 3)];
    expect(placeApproximateRows(rows)).toBe(rows);
  });
});
