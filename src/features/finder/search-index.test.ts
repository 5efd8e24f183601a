import { describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../data/feed-schema';
import { distanceMetres } from '../../geo/distance';
import { buildSpatialIndex } from '../../geo/spatial-index';
import { TOWNS } from '../../geo/towns';
import { syntheticServices } from '../../../tests/bench/search-bench';
import { buildSearchIndex, initialsInChunks, normalizeQuery, Q, withinOneEdit } from './search-index';

const HUMEN = '441900121';
const HOUJIE = '441900122';

function rec(id: string, zh: string, en: string, pinyin: string, town: string, lat: number, lon: number, category: ServiceRecord['category'] = 'kindergarten'): ServiceRecord {
  const syl = pinyin.split(' ');
  return {
    id, category, name: { zh, en }, town, lat, lon,
    source: { kind: 'sample', reference: 't', updated: '2026-11-28T00:00:00Z' },
    pinyin: { full: pinyin, initials: syl.map((s) => s[0]).join('') },
  };
}

const records: ServiceRecord[] = [
  rec('kg-humen-1', '虎门镇示例幼儿园 1', 'Humen Sample Kindergarten 1', 'hu men zhen shi li you er yuan 1', HUMEN, 22.82, 113.67),
  rec('kg-humen-2', '虎门镇示例幼儿园 2', 'Humen Sample Kindergarten 2', 'hu men zhen shi li you er yuan 2', HUMEN, 22.90, 113.70),
  rec('kg-houjie', '厚街镇示例幼儿园 1', 'Houjie Sample Kindergarten 1', 'hou jie zhen shi li you er yuan 1', HOUJIE, 22.94, 113.67),
  rec('clinic-humen', '虎门镇社区卫生服务中心', 'Humen Community Health Centre', 'hu men zhen she qu wei sheng fu wu zhong xin', HUMEN, 22.816, 113.673, 'clinic'),
  rec('park-humen', '虎门高铁站停车场', 'Humen Railway Station Car Park', 'hu men gao tie zhan ting che chang', HUMEN, 22.83, 113.68, 'parking'),
  rec('sports', '厚街体育馆', 'Houjie Gymnasium', 'hou jie ti yu guan', HOUJIE, 22.95, 113.66, 'sports_venue'),
  rec('xian', '西安路托育中心', 'Xi\'an Road Nursery', 'xi an lu tuo yu zhong xin', HOUJIE, 22.93, 113.66, 'nursery'),
];
records[3]!.name.zhHant = '虎門鎮社區衛生服務中心';

const idx = buildSearchIndex(records, TOWNS);
const near = { lat: 22.815, lon: 113.672 };
const ids = (q: string) => idx.search(q, { near }).map((h) => records[h.index]!.id);

describe('search index', () => {
  it('幼儿园 finds every kindergarten, nearest first', () => {
    expect(ids('幼儿园')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
  });

  it('finds any substring of the Chinese name, not only word starts', () => {
    expect(ids('儿园')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
    expect(ids('卫生服务')).toEqual(['clinic-humen']);
    expect(ids('铁')).toEqual(['park-humen']);
    expect(ids('幼园')).toEqual([]); // not contiguous
  });

  it('matches Traditional Chinese names when the record has them', () => {
    expect(ids('衛生')).toEqual(['clinic-humen']);
  });

  it('exact and prefix Chinese matches rank above substrings, then distance', () => {
    const hits = idx.search('虎门', { near });
    expect(hits[0]!.quality).toBe(Q.zhPrefix);
    const grouped = hits.map((h) => h.quality);
    expect([...grouped].sort((a, b) => b - a)).toEqual(grouped);
  });

  it('pinyin: youeryuan, humen youeryuan, humenyoueryuan', () => {
    expect(ids('youeryuan')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
    expect(ids('humen youeryuan')).toEqual(['kg-humen-1', 'kg-humen-2']);
    expect(ids('humenyoueryuan')).toEqual([]); // 示例 sits between: not contiguous pinyin
    expect(ids('humenzhen shili')).toEqual(['kg-humen-1', 'kg-humen-2']);
  });

  it('pinyin prefix on the last syllable, syllable-aligned only', () => {
    expect(ids('youery')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
    expect(ids('eryua')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
    expect(ids('ouery')).toEqual([]); // starts mid-syllable
  });

  it('ambiguous syllables: xian matches 西安 (xi an)', () => {
    expect(ids('xian')).toContain('xian');
  });

  it('initials: hmyey is not a substring of hmzslyey, hmzslyey is; slyey too', () => {
    expect(ids('hmzslyey')).toEqual(['kg-humen-1', 'kg-humen-2']);
    expect(ids('slyey')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
  });

  it('initials in chunks: hmyey finds 虎门镇示例幼儿园 (hm…yey), ranked below contiguous initials', () => {
    expect(ids('hmyey')).toEqual(['kg-humen-1', 'kg-humen-2']);
    expect(idx.search('hmyey', { near })[0]!.quality).toBe(Q.initialsChunks);
    expect(ids('hjyey')).toEqual(['kg-houjie']);
    expect(ids('hmyex')).toEqual([]);
  });

  it('English words by prefix, case-insensitive', () => {
    expect(ids('kindergarten')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
    expect(ids('Kinder')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
    expect(ids('health centre')).toEqual(['clinic-humen']);
    expect(ids('gym')).toEqual(['sports']);
  });

  it('a town name finds every service in that town', () => {
    expect(new Set(ids('厚街'))).toEqual(new Set(['kg-houjie', 'sports', 'xian']));
    expect(new Set(ids('houjie'))).toEqual(new Set(['kg-houjie', 'sports', 'xian']));
    expect(idx.townsMatching('Humen')).toEqual([HUMEN]);
    expect(ids('厚街 托育')).toEqual(['xian']);
  });

  it('town + name words in one Chinese run: 虎门幼儿园', () => {
    expect(ids('虎门幼儿园')).toEqual(['kg-humen-1', 'kg-humen-2']);
  });

  it('tolerates one typo in terms of 5+ letters', () => {
    expect(ids('kindergarden')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
    expect(ids('youeryaun')).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
    expect(ids('gymnasuim')).toEqual(['sports']);
    const hit = idx.search('kindergarden', { near })[0]!;
    expect(hit.quality).toBe(Q.typo);
    expect(ids('kindxrgxrten')).toEqual([]); // two edits
  });

  it('applies the accept filter and the limit', () => {
    const onlyHumen = idx.search('幼儿园', { near, accept: (i) => records[i]!.town === HUMEN });
    expect(onlyHumen.map((h) => records[h.index]!.id)).toEqual(['kg-humen-1', 'kg-humen-2']);
    expect(idx.search('幼儿园', { near, limit: 1 })).toHaveLength(1);
  });

  it('matchAll returns every match (for the map)', () => {
    expect(idx.matchAll('youeryuan').map((i) => records[i]!.id)).toEqual(['kg-humen-1', 'kg-humen-2', 'kg-houjie']);
    expect(idx.matchAll('   ')).toEqual([]);
  });

  it('returns distances when a place is given', () => {
    const hit = idx.search('卫生', { near })[0]!;
    expect(hit.metres).toBeGreaterThan(50);
    expect(hit.metres).toBeLessThan(300);
  });
});

describe('helpers', () => {
  it('normalizeQuery folds case, width and punctuation', () => {
    expect(normalizeQuery('  ＨＵＭＥＮ，幼儿园! ')).toBe('humen 幼儿园');
  });
  it('initialsInChunks', () => {
    expect(initialsInChunks('hmyey', 'hmzslyey')).toBe(true);
    expect(initialsInChunks('hmy', 'hmzslyey')).toBe(false); // would leave a lone "y"
    expect(initialsInChunks('yehm', 'hmzslyey')).toBe(false); // out of order
  });
  it('withinOneEdit', () => {
    expect(withinOneEdit('youeryuan', 'youeryaun')).toBe(true);
    expect(withinOneEdit('garden', 'garten')).toBe(true);
    expect(withinOneEdit('garden', 'gardens')).toBe(true);
    expect(withinOneEdit('garden', 'gxrdxn')).toBe(false);
  });
});

describe('search index at scale (synthetic feed, checked against brute force)', () => {
  // 6k records: broad queries cross the candidate cap, so the spatial walk and mask paths run too.
  const big = syntheticServices(6000, 7);
  const spatial = buildSpatialIndex(big);
  const index = buildSearchIndex(big, TOWNS, (lat, lon, n, pred) => spatial.nearest(lat, lon, n, (_r, i) => pred(i)));
  const here = { lat: 22.82, lon: 113.67 };
  const brute = (pred: (r: ServiceRecord) => boolean) => big.flatMap((r, i) => (pred(r) ? [i] : []));
  const enWords = (r: ServiceRecord) => r.name.en.toLowerCase().split(/[^a-z0-9]+/);

  it('matchAll equals a brute-force scan for Chinese substrings, pinyin, English prefixes', () => {
    for (const q of ['人民', '花诊', '幼儿园', '社区卫生服务站', '莲']) expect(index.matchAll(q)).toEqual(brute((r) => r.name.zh.includes(q)));
    expect(index.matchAll('youeryuan')).toEqual(brute((r) => r.pinyin.full.replace(/ /g, '').includes('youeryuan')));
    expect(index.matchAll('baske')).toEqual(brute((r) => enWords(r).some((w) => w.startsWith('baske'))));
    const flagged = index.matchAll('tcc');
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged).toEqual(brute((r) => r.pinyin.initials.includes('tcc')));
  });

  it('a broad query (beyond the candidate cap) returns the nearest matches, in distance order', () => {
    const hits = index.search('幼儿园', { near: here, limit: 30 });
    const expected = brute((r) => r.name.zh.includes('幼儿园'))
      .map((i) => ({ i, m: distanceMetres(here.lat, here.lon, big[i]!.lat, big[i]!.lon) }))
      .sort((a, b) => a.m - b.m)
      .slice(0, 30);
    expect(expected.length).toBe(30);
    expect(hits.map((h) => h.index)).toEqual(expected.map((e) => e.i));
    expect(hits.every((h) => h.quality === Q.zhSubstring)).toBe(true);
  });

  it('town + name query and typo correction work at scale', () => {
    const humen = TOWNS.find((t) => t.zh === '虎门镇')!.code;
    expect(index.matchAll('虎门 幼儿园')).toEqual(brute((r) => r.town === humen && r.name.zh.includes('幼儿园')));
    expect(new Set(index.matchAll('youeryaun'))).toEqual(new Set(index.matchAll('youeryuan')));
  });

  it('keeps postings compact (typed arrays, no per-record objects)', () => {
    expect(index.stats.postings).toBeGreaterThan(big.length * 10);
    expect(index.stats.postings).toBeLessThan(big.length * 60); // ~40 keys per record
    expect(index.stats.bytes).toBeLessThan(index.stats.postings * 4 + (1 << 17) * 4 + 200_000);
  });
});
