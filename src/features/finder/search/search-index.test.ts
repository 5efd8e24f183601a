import { describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../../data/feed-schema';
import { distanceMetres } from '../../../geo/distance';
import { buildSpatialIndex } from '../../../../tests/unit/spatial-index';
import { TOWNS } from '../../../geo/towns';
import { syntheticServices } from '../../../../tests/bench/search-bench';
import { normalizeQuery } from '../common/normalize-query';
import { buildSearchIndex } from './search-index';
import { withinOneEdit } from './search-typo';
import { initialsInChunks, Q } from './search-verify';

const HUMEN = '441900121';
const HOUJIE = '441900122';

function rec(
  id: string,
  zh: string,
  en: string,
  pinyin: string,
  town: string,
  lat: number,
  lon: number,
  category: ServiceRecord['category'] = 'kindergarten',
): ServiceRecord {
  const syl = pinyin.split(' ');
  return {
    id,
    category,
    name: { zh, en },
    town,
    lat,
    lon,
    source: { kind: 'sample', reference: 't', updated: '2026-11-28T00:00:00Z' },
    pinyin: { full: pinyin, initials: syl.map((s) => s[0]).join('') },
  };
}

const records: ServiceRecord[] = [
  rec('kg-humen-1', '虎门镇示例幼儿园 1', 'Humen Sample Kindergarten 1', 'hu men zhen shi li you er yuan 1', HUMEN, 22.82, 113.67),
  rec('kg-humen-2', '虎门镇示例幼儿园 2', 'Humen Sample Kindergarten 2', 'hu men zhen shi li you er yuan 2', HUMEN, 22.9, 113.7),
  rec('kg-houjie', '厚街镇示例幼儿园 1', 'Houjie Sample Kindergarten 1', 'hou jie zhen shi li you er yuan 1', HOUJIE, 22.94, 113.67),
  rec(
    'clinic-humen',
    '虎门镇社区卫生服务中心',
    'Humen Community Health Centre',
    'hu men zhen she qu wei sheng fu wu zhong xin',
    HUMEN,
    22.816,
    113.673,
    'clinic',
  ),
  rec(
    'park-humen',
    '虎门高铁站停车场',
    'Humen Railway Station Car Park',
    'hu men gao tie zhan ting che chang',
    HUMEN,
    22.83,
    113.68,
    'parking',
  ),
  rec('sports', '厚街体育馆', 'Houjie Gymnasium', 'hou jie ti yu guan', HOUJIE, 22.95, 113.66, 'sports_venue'),
  rec('xian', '西安路托育中心', "Xi'an Road Nursery", 'xi an lu tuo yu zhong xin', HOUJIE, 22.93, 113.66, 'nursery'),
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
    for (const q of ['人民', '花诊', '幼儿园', '社区卫生服务站', '莲'])
      expect(index.matchAll(q)).toEqual(brute((r) => r.name.zh.includes(q)));
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

  it('initialsInChunks agrees with a plain search over every split of the query', () => {
    // Reference: try every split into chunks of 2+ letters (never a lone letter at the end) and every occurrence.
    const reference = (q: string, ini: string): boolean => {
      const walk = (qi: number, from: number): boolean => {
        if (qi === q.length) return true;
        for (let len = 2; qi + len <= q.length; len++) {
          if (q.length - qi - len === 1) continue;
          const chunk = q.slice(qi, qi + len);
          for (let at = ini.indexOf(chunk, from); at >= 0; at = ini.indexOf(chunk, at + 1)) if (walk(qi + len, at + len)) return true;
        }
        return false;
      };
      return q.length >= 2 && walk(0, 0);
    };
    let rnd = 5;
    const letter = () => 'abcdh'[(rnd = (rnd * 1103515245 + 12345) % 2 ** 31) % 5]!;
    let agreed = 0,
      matched = 0;
    for (let i = 0; i < 3000; i++) {
      const ini = Array.from({ length: 3 + (i % 9) }, letter).join('');
      const q = Array.from({ length: 2 + (i % 5) }, letter).join('');
      expect(initialsInChunks(q, ini), `${q} in ${ini}`).toBe(reference(q, ini));
      agreed++;
      if (reference(q, ini)) matched++;
    }
    expect(agreed).toBe(3000);
    expect(matched).toBeGreaterThan(100);
  });

  it('keeps postings compact (typed arrays, no per-record objects)', () => {
    expect(index.stats.postings).toBeGreaterThan(big.length * 10);
    expect(index.stats.postings).toBeLessThan(big.length * 60); // ~40 keys per record
    expect(index.stats.bytes).toBeLessThan(index.stats.postings * 4 + ((1 << 17) + (1 << 16)) * 4 + 200_000);
  });
});

describe('ranking paths at scale, checked against brute force', () => {
  // 20k records: 幼儿园 (~3,300 matches) is dense enough for the spatial walk, 人民 (~2,500) is ranked by
  // distance selection over its candidate list, 花诊 and a town + name query are ranked in full.
  const big = syntheticServices(20_000, 11);
  const spatial = buildSpatialIndex(big);
  const index = buildSearchIndex(big, TOWNS, (lat, lon, n, pred) => spatial.nearest(lat, lon, n, (_r, i) => pred(i)));
  const places = [
    { lat: 22.82, lon: 113.67 }, // Humen
    { lat: 23.05, lon: 113.75 }, // the city centre
    { lat: 22.64, lon: 114.2 }, // the far south-east corner
  ];
  /** Every match of a query whose matches all have one quality: the nearest `limit`, ties by index. */
  const nearestMatches = (
    pred: (r: ServiceRecord) => boolean,
    near: { lat: number; lon: number },
    limit: number,
    accept?: (i: number) => boolean,
  ) =>
    big
      .flatMap((r, i) => (pred(r) && (!accept || accept(i)) ? [{ i, m: distanceMetres(near.lat, near.lon, r.lat, r.lon) }] : []))
      .sort((a, b) => a.m - b.m || a.i - b.i)
      .slice(0, limit)
      .map((x) => x.i);

  it('returns the nearest matches, whichever path ranks them', () => {
    const humen = TOWNS.find((t) => t.zh === '虎门镇')!.code;
    const cases: [string, (r: ServiceRecord) => boolean][] = [
      ['幼儿园', (r) => r.name.zh.includes('幼儿园')],
      ['人民', (r) => r.name.zh.includes('人民')],
      ['花诊', (r) => r.name.zh.includes('花诊')],
      ['虎门 幼儿园', (r) => r.town === humen && r.name.zh.includes('幼儿园')],
    ];
    for (const [q, pred] of cases) {
      for (const near of places) {
        for (const limit of [10, 50, 300]) {
          const hits = index.search(q, { near, limit });
          expect(new Set(hits.map((h) => h.quality)).size, q).toBe(1);
          expect(
            hits.map((h) => h.index),
            `${q} ${limit}`,
          ).toEqual(nearestMatches(pred, near, limit));
          for (const h of hits) expect(h.metres).toBeCloseTo(distanceMetres(near.lat, near.lon, big[h.index]!.lat, big[h.index]!.lon), 6);
        }
      }
    }
  });

  it('applies the accept filter on every path', () => {
    const parking = (i: number) => big[i]!.category === 'parking';
    for (const [q, pred] of [
      ['人民', (r: ServiceRecord) => r.name.zh.includes('人民')],
      ['停车', (r: ServiceRecord) => r.name.zh.includes('停车')],
    ] as const) {
      for (const near of places)
        expect(index.search(q, { near, limit: 40, accept: parking }).map((h) => h.index)).toEqual(nearestMatches(pred, near, 40, parking));
    }
  });

  it('ranks better matches first among the nearest: a town name before services that merely sit in the town', () => {
    const hits = index.search('虎门', { near: places[1]!, limit: 300 });
    const qualities = hits.map((h) => h.quality);
    expect([...qualities].sort((a, b) => b - a)).toEqual(qualities);
    expect(hits.length).toBe(300);
  });

  it('a misspelt query finds what the corrected one finds', () => {
    for (const near of places) {
      const fixed = index.search('youeryaun', { near, limit: 50 }).map((h) => h.index);
      expect(fixed).toEqual(index.search('youeryuan', { near, limit: 50 }).map((h) => h.index));
      expect(fixed).toHaveLength(50);
    }
  });
});
