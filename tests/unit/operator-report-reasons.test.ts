/**
 * The operator page shows the import core's report reasons in the reader's language (report-reason.ts): every
 * reason the core gives for a list full of faults is known to the page's table, every key of that table has a
 * string in zh-Hans, en and zh-Hant, and a reason the table does not know is shown as the core wrote it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { townsFeatureCollection } from '../../scripts/lib/town-polygons.ts';
import type { TownBoundaries } from '../../src/geo/town-of-point.ts';
import { townAtOf } from '../../src/import/town-lookup.ts';
import type { OperatorField } from '../../src/features/operator/header-guess.ts';
import { importTable } from '../../src/features/operator/import-adapter.ts';
import { REASONS, changeText, reasonKey, reasonText } from '../../src/features/operator/report-reason.ts';
import en from '../../src/i18n/locales/en/operator.json';
import zhHans from '../../src/i18n/locales/zh-Hans/operator.json';
import zhHant from '../../src/i18n/locales/zh-Hant/operator.json';
import { initTestI18n } from './test-i18n.ts';

const townAt = townAtOf(townsFeatureCollection() as TownBoundaries);
const fields: OperatorField[] = ['id', 'name.zh', 'phone', 'town', 'lon', 'lat', 'capacity', 'hours', 'url'];
// One fault a row (虎门镇 is at about 113.67 E, 22.82 N; a list in WGS-84).
const rows = [
  ['k1', '', '', '虎门镇', '113.672', '22.815', '', '', ''],
  ['k2', '无地点幼儿园', '', '', '', '', '', '', ''],
  ['k3', '填反幼儿园', '', '', '22.815', '113.672', '', '', ''],
  ['k4', '北京幼儿园', '', '', '116.4', '39.9', '', '', ''],
  ['k5', '未知镇街幼儿园', '', '亚特兰蒂斯', '113.672', '22.815', '', '', ''],
  ['k6', '坐标文字幼儿园', '', '虎门镇', 'abc', 'def', '', '', ''],
  ['k7', '电话幼儿园', '你好；0769-22223333', '虎门镇', '113.672', '22.815', '', '', ''],
  ['k8', '两个电话幼儿园', '0769-22223333，0769-22224444 转 8001', '虎门镇', '113.672', '22.815', '', '', ''],
  ['k9', '网址幼儿园', '', '虎门镇', '113.672', '22.815', '', '', 'not a url'],
  ['k10', '时间幼儿园', '', '虎门镇', '113.672', '22.815', '', '看情况', ''],
  ['k11', '学位幼儿园', '', '虎门镇', '113.672', '22.815', '-5', '', ''],
  ['k 12!', '编号幼儿园', '', '虎门镇', '113.672', '22.815', '', '', ''],
  ['k13', '重复幼儿园', '', '虎门镇', '113.672', '22.815', '', '', ''],
  ['k13', '重复幼儿园', '', '虎门镇', '113.672', '22.815', '', '', ''],
  ['k14', '外地坐标幼儿园', '', '虎门镇', '116.4', '39.9', '', '', ''],
  ['k15', '填反有镇幼儿园', '', '虎门镇', '22.815', '113.672', '', '', ''],
  ['k16', '超范围幼儿园', '', '虎门镇', '113.672', '222', '', '', ''],
  ['k17', '错镇幼儿园', '', '长安镇', '113.672', '22.815', '', '', ''],
  ['k18', '电话链接幼儿园', '', '虎门镇', '113.672', '22.815', '', '', 'tel:'],
  ['k19', '文件网址幼儿园', '', '虎门镇', '113.672', '22.815', '', '', 'ftp://example.org/list'],
  ['k20', '无协议幼儿园', '', '虎门镇', '113.672', '22.815', '', '', 'www.example.org/kg'],
];
const report = importTable(
  { kind: 'csv', header: fields.map(String), rows, warnings: [] },
  { fields, category: 'kindergarten', crs: 'wgs84', townAt, updated: '2026-12-01T00:00:00Z' },
).report;
const skipReasons = Object.keys(report.skipped);
const fieldChanges = Object.keys(report.fields);

beforeAll(async () => {
  await initTestI18n({ 'zh-Hans': { operator: zhHans }, en: { operator: en }, 'zh-Hant': { operator: zhHant } });
});
type Lang = 'zh-Hans' | 'en' | 'zh-Hant';
const tIn = (lng: Lang) => i18next.getFixedT(lng, 'operator') as (key: string, values: Record<string, string>) => string;
/** The page's two calls, in one language. */
const saying = (lang: Lang) => ({
  reason: (r: string) => reasonText(r, tIn(lang), lang),
  change: (c: string) => changeText(c, tIn(lang), lang),
});

describe('operator report reasons', () => {
  it('knows every reason the core gives for a list full of faults', () => {
    expect(skipReasons.length).toBeGreaterThanOrEqual(5);
    expect(fieldChanges.length).toBeGreaterThanOrEqual(10);
    expect(skipReasons.filter((r) => !reasonKey(r))).toEqual([]);
    const unknown = fieldChanges.filter((c) => {
      const [field, reason] = [c.slice(0, c.indexOf(': ')), c.slice(c.indexOf(': ') + 2)];
      return !reasonKey(reason) || !(field in en.reportField) || (reason.startsWith('dropped: ') && !reasonKey(reason.slice(9)));
    });
    expect(unknown).toEqual([]);
  });

  it('has a string in every language for every reason key', () => {
    const keys = REASONS.map(([, key]) => key);
    for (const locale of [en, zhHans, zhHant]) expect(keys.filter((k) => !(k in locale.reason))).toEqual([]);
  });

  it('says the reasons in zh-Hans, with the field named and the varying parts kept', () => {
    const zh = saying('zh-Hans');
    expect(zh.reason('no name')).toBe('没有名称');
    expect(zh.reason('no coordinates and no town')).toBe('没有坐标，也没有镇街');
    expect(zh.change('phone: extension kept')).toBe('电话：已保留分机号');
    expect(zh.change('url: dropped: not a URL')).toBe('网址：已删除：不是网址');
    expect(zh.change('location: converted from bd09 to wgs84')).toBe('位置：已从 BD-09 转换为 WGS-84');
    expect(zh.change('town: point is in 虎门镇, not the stated town (kept where the point is)')).toBe(
      '镇街：坐标点在虎门镇，不在所填镇街（按坐标点所在镇街保存）',
    );
    // Nothing the reader sees is left in English or shows a raw key.
    for (const text of [...skipReasons.map(zh.reason), ...fieldChanges.map(zh.change)]) {
      expect(text).not.toMatch(/reason\.|reportField\./);
      expect(text.replace(/opening_hours|https?|WGS-84|BD-09|GCJ-02|"[^"]*"|“[^”]*”/g, '')).not.toMatch(/[A-Za-z]{4,}/);
    }
  });

  it('says them in zh-Hant and en too, the town by its name in that language', () => {
    const moved = 'town: point is in 虎门镇, not the stated town (kept where the point is)';
    expect(saying('zh-Hant').change('phone: extension kept')).toBe('電話：已保留分機號');
    expect(saying('zh-Hant').change(moved)).toBe('鎮街：座標點在虎門鎮，不在所填鎮街（按座標點所在鎮街保存）');
    expect(saying('en').change('phone: extension kept')).toBe('Phone: extension kept');
    expect(saying('en').change(moved)).toBe('Town: point is in Humen Town, not the stated town (kept where the point is)');
    expect(saying('en').reason('no coordinates and no town')).toBe('no coordinates and no town');
  });

  it('shows a reason it does not know as the core wrote it, and an unknown field by its name', () => {
    const zh = saying('zh-Hans');
    expect(zh.reason('a reason from a newer core')).toBe('a reason from a newer core');
    expect(zh.change('newField: extension kept')).toBe('newField：已保留分机号');
  });
});
