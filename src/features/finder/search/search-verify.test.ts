import { describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../../data/feed-schema';
import { indexRecords } from './search-tokens';
import { CandidateRetriever } from './search-retrieve';
import { townTextOf, type SearchTown } from './search-towns';
import { englishQuality, InitialsChunkMatcher, pinyinQuality, Q, verifyRecord, type VerifyContext } from './search-verify';

const HUMEN: SearchTown = { code: '441900121', zh: '虎门镇', en: 'Humen', pinyin: 'hu men zhen', initials: 'hmz' };
const record = (zh: string, en: string, full: string): ServiceRecord => ({
  id: zh,
  category: 'kindergarten',
  name: { zh, en },
  town: HUMEN.code,
  lat: 22.8,
  lon: 113.7,
  source: { kind: 'sample', reference: 't', updated: '2026-11-28T00:00:00Z' },
  pinyin: {
    full,
    initials: full
      .split(' ')
      .map((s) => s[0])
      .join(''),
  },
});
const records = [
  record('白沙幼儿园', 'Baisha Kindergarten', 'bai sha you er yuan'),
  record('长者饭堂', 'Elder Canteen', 'chang zhe fan tang'),
];

describe('verification parts', () => {
  it('pinyin matches start on a syllable; English on a word', () => {
    expect(pinyinQuality('bai sha you er yuan', 'baisha')).toBe(Q.pinyinStart);
    expect(pinyinQuality('bai sha you er yuan', 'youer')).toBe(Q.pinyin);
    expect(pinyinQuality('bai sha you er yuan', 'aisha')).toBe(0);
    expect(englishQuality('Elder Canteen', 'canteen')).toBe(Q.englishWord);
    expect(englishQuality('Elder Canteen', 'cant')).toBe(Q.englishPrefix);
    expect(englishQuality('Elder Canteen', 'anteen')).toBe(0);
  });

  it('two matchers keep their own memo: alternating queries give each its own answer', () => {
    const a = new InitialsChunkMatcher();
    const b = new InitialsChunkMatcher();
    for (let i = 0; i < 3; i++) {
      expect(a.matches('hmyey', 'hmzslyey')).toBe(true);
      expect(b.matches('yehm', 'hmzslyey')).toBe(false);
      expect(a.matches('yehm', 'hmzslyey')).toBe(false);
      expect(b.matches('hmyey', 'hmzslyey')).toBe(true);
    }
  });

  it('verifies a record by name, then by its town (the town and a word of the name)', () => {
    const indexed = indexRecords(records, [HUMEN.code], null);
    const ctx: VerifyContext = {
      records,
      docTown: indexed.docTown,
      towns: [townTextOf(HUMEN)],
      enFolded: indexed.enFolded,
      initials: new InitialsChunkMatcher(),
    };
    expect(verifyRecord(ctx, 0, '白沙幼儿园', true)).toBe(Q.zhExact);
    expect(verifyRecord(ctx, 0, '幼儿园', true)).toBe(Q.zhSubstring);
    expect(verifyRecord(ctx, 0, '虎门幼儿园', true)).toBe(Q.townAndName);
    expect(verifyRecord(ctx, 1, '虎门幼儿园', true)).toBe(0);
    expect(verifyRecord(ctx, 1, 'humen', false)).toBe(Q.town);
    expect(verifyRecord(ctx, 1, 'houjie', false)).toBe(0);
  });
});

describe('indexing and retrieval parts', () => {
  const indexed = indexRecords(records, [HUMEN.code], null);
  const retriever = new CandidateRetriever(indexed, records.length, [HUMEN], [townTextOf(HUMEN)]);
  const ids = (text: string, han: boolean) => {
    const c = retriever.retrieve(text, han);
    return c?.list ? [...c.list] : c;
  };

  it('interns each syllable and word once, apart from each other', () => {
    const syllables = indexed.tokenText.filter((_t, i) => indexed.tokenIsSyllable[i]);
    expect(syllables).toEqual(['bai', 'sha', 'you', 'er', 'yuan', 'chang', 'zhe', 'fan', 'tang']);
    expect(indexed.tokenText.filter((_t, i) => !indexed.tokenIsSyllable[i])).toEqual(['baisha', 'kindergarten', 'elder', 'canteen']);
  });

  it('retrieves by Han bigrams, syllables side by side, initials, English prefixes and towns', () => {
    expect(ids('幼儿', true)).toEqual([0]);
    expect(ids('youer', false)).toEqual([0]);
    expect(ids('changzhe', false)).toEqual([1]);
    expect(ids('zhechang', false)).toEqual([]); // the syllables are there, not side by side
    expect(ids('czft', false)).toEqual([1]);
    expect(ids('cant', false)).toEqual([1]);
    expect(ids('humen', false)).toEqual([0, 1]);
    expect(ids('y', false)).toBeNull(); // one letter: anything
  });

  it('segments a Latin part into syllables, the last one possibly unfinished', () => {
    expect(retriever.segmentations('youery')).toEqual([{ whole: ['you', 'er'], partial: 'y' }]);
  });
});
