import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import common from '../../i18n/locales/en/common.json';
import towns from '../../i18n/locales/en/towns.json';
import zhTowns from '../../i18n/locales/zh-Hans/towns.json';
import zhCommon from '../../i18n/locales/zh-Hans/common.json';
import { classOf } from './town-map';
import { formatFigure, formatReported, formatVsTarget, townReportCsv } from './town-format';
import { MEASURE_BY_ID, MEASURES } from './town-measures';
import type { TownEntry, TownReportDocument } from './town-report-document';
import { sortTowns } from './towns-page';
import { initTestI18n } from '../../../tests/unit/test-i18n.ts';

let t: TFunction;
let tZh: TFunction;
beforeAll(async () => {
  const i = await initTestI18n({ en: { common, towns }, 'zh-Hans': { common: zhCommon, towns: zhTowns } });
  t = i.getFixedT('en');
  tZh = i.getFixedT('zh-Hans');
});

const entry = (code: string, figures: TownEntry['figures'], population2020: number | null = 1000): TownEntry => ({
  code,
  zh: `镇${code}`,
  en: `Town ${code}`,
  population2020,
  gridAreaKm2: 1,
  figures,
});
const beds = MEASURE_BY_ID.get('clinic.bedsPer1000')!;
const coverage = MEASURE_BY_ID.get('kindergarten.coverage')!;

describe('town figures as text', () => {
  it('a missing figure reads as its reason, never 0', () => {
    expect(formatFigure(beds, { value: null, missing: 'no-data' }, 'en', t)).toBe('no data');
    expect(formatFigure(beds, { value: null, missing: 'no-census' }, 'zh-Hans', tZh)).toBe('无普查人口');
    expect(formatFigure(beds, { value: 0 }, 'en', t)).toBe('0.0'); // a measured zero is a zero
    expect(formatFigure(coverage, { value: 0.6009 }, 'en', t)).toBe('60.1%');
  });

  it('compares with the target and says how many services reported the field', () => {
    expect(formatVsTarget(beds, { value: 2.4, target: 4.8 }, 'en', t)).toBe('50% of the 2025 target (4.8)');
    expect(formatVsTarget(beds, { value: null, missing: 'no-data', target: 4.8 }, 'en', t)).toBeNull();
    expect(formatVsTarget(coverage, { value: 0.5 }, 'en', t)).toBeNull();
    expect(formatReported({ value: 1, reported: 371, of: 400 }, t)).toBe('reported by 371 of 400');
    expect(formatReported({ value: 1, reported: 400, of: 400 }, t)).toBeNull();
  });

  it('sorting puts towns without a figure last in both directions', () => {
    const list = [
      entry('1', { [beds.id]: { value: 2 } }),
      entry('2', { [beds.id]: { value: null, missing: 'no-data' } }),
      entry('3', { [beds.id]: { value: 5 } }),
    ];
    expect(sortTowns(list, { key: beds.id, descending: true }, 'en').map((e) => e.code)).toEqual(['3', '1', '2']);
    expect(sortTowns(list, { key: beds.id, descending: false }, 'en').map((e) => e.code)).toEqual(['1', '3', '2']);
    expect(sortTowns(list, { key: 'population', descending: true }, 'en').map((e) => e.code)).toEqual(['1', '2', '3']);
  });

  it('the map classes split the range evenly and keep the maximum in the top class', () => {
    expect(classOf(0, 0, 10)).toBe(0);
    expect(classOf(1.99, 0, 10)).toBe(0);
    expect(classOf(2, 0, 10)).toBe(1);
    expect(classOf(10, 0, 10)).toBe(4);
    expect(classOf(3, 3, 3)).toBe(0);
  });

  it('the CSV starts with a BOM, uses CRLF, quotes commas, and writes "no data" rather than 0', () => {
    const figures = Object.fromEntries(MEASURES.map((m) => [m.id, { value: null, missing: 'no-data' as const }]));
    const doc = {
      feed: { version: 'v1', generatedAt: '2026-11-28T00:00:00Z', sample: true },
      towns: [entry('441900121', { ...figures, [coverage.id]: { value: 0.5 } }, 838144)],
      city: { ...entry('city', figures, null), en: 'Dongguan, city', kindergartenPlaces: { value: null } },
    } as unknown as TownReportDocument;
    const csv = townReportCsv(doc, MEASURES, 'en', t);
    expect(csv.startsWith('\uFEFFCode,Town,Residents (2020),Kindergartens: Services,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // header, town, city, final empty
    expect(lines[1]).toMatch(/^441900121,Town 441900121,838144,no data,no data,50,/);
    expect(lines[1]).toMatch(/,v1,yes$/);
    expect(lines[2]).toMatch(/^city,"Dongguan, city",no census figure,/);
    expect(lines[1]!.split(',').filter((c) => c === '0')).toEqual([]);
  });
});
