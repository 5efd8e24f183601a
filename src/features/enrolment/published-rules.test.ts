import { describe, expect, it } from 'vitest';
import type { EnrolmentRulesFile, OfficesFile } from '../../data/published-files-schema';
import { embeddedEnrolmentFile, embeddedOfficesFile } from '../../../scripts/lib/embedded-owned-files.ts';
import { DEFAULT_RULES } from './enrolment-params';
import { EMBEDDED_RULES_DATE, isNewerThanEmbedded, rulesProvenance, withPublishedRules } from './published-rules';
import { quickAnswer } from './quick-answer';
import { emptyDraft, withRules } from './enrolment-form';

const BUREAU = { zh: '东莞市教育局', en: 'Dongguan Education Bureau' };
const CHANGAN = '441900119';
const HUMEN = '441900121';

/** The bureau's 2027 rules: today's facts, with the primary-1 cut-off day moved and the window dated, all official. */
function published2027(): EnrolmentRulesFile {
  const file = embeddedEnrolmentFile(2027, BUREAU, '2027-03-01');
  const age = file.parameters.primary1AgeCutoff!;
  file.parameters.primary1AgeCutoff = {
    ...age,
    value: { minAge: 6, monthDay: '09-30' },
    status: 'official',
    document: '东教〔2027〕1号',
    checked: '2027-03-01',
  };
  file.timeline = [
    {
      id: 'window',
      from: '2027-05-10T09:00',
      to: '2027-05-16T17:00',
      text: { zh: '全市网上报名：5月10日至16日', en: 'Citywide online registration: 10 to 16 May' },
      source: { document: '东教〔2027〕1号', url: 'https://edu.dg.gov.cn/', status: 'official', checked: '2027-03-01' },
    },
  ];
  return file;
}

describe('rules published in the feed', () => {
  it('the embedded rules are dated by their last check', () => {
    expect(EMBEDDED_RULES_DATE).toBe('2026-11-30');
    expect(isNewerThanEmbedded({ published: '2026-12-01' })).toBe(true);
    expect(isNewerThanEmbedded({ published: '2026-11-30' })).toBe(false);
  });

  it('a changed value applies to its school year, cited as official, and is no longer "carried forward"', () => {
    const rules = withPublishedRules(DEFAULT_RULES, [published2027()], null);
    const a = quickAnswer('primary1', CHANGAN, '2026-12-05', undefined, rules);
    const age = a.lines.find((l) => l.id === 'age')!;
    expect(age.params).toEqual({ age: 6, latest: '2021-09-30' });
    expect(age.reference).toMatchObject({ document: '东教〔2027〕1号', quality: 'gov', validFrom: 2027, validTo: 2027 });
    expect(age.carriedFrom).toBeNull();
    // The dated window of the file replaces the usual-months estimate.
    expect(a.registration).toEqual({ date: '2027-05-16', estimated: false });
    expect(a.window).toMatchObject({ unverified: false, source: { quality: 'gov' } });
  });

  it('the years either side keep the embedded values', () => {
    const rules = withPublishedRules(DEFAULT_RULES, [published2027()], null);
    for (const today of ['2025-12-05', '2027-12-05']) {
      const published = quickAnswer('primary1', CHANGAN, today, undefined, rules).lines.find((l) => l.id === 'age')!;
      const embedded = quickAnswer('primary1', CHANGAN, today).lines.find((l) => l.id === 'age')!;
      expect(published.params, today).toEqual(embedded.params);
    }
  });

  it('leaves the embedded rules untouched', () => {
    const before = JSON.stringify(DEFAULT_RULES);
    withPublishedRules(DEFAULT_RULES, [published2027()], embeddedOfficesFile(BUREAU, '2027-03-01'));
    expect(JSON.stringify(DEFAULT_RULES)).toBe(before);
  });

  it('published offices replace the embedded office of their town, with the window and the citation status', () => {
    const offices: OfficesFile = {
      publisher: { zh: '虎门镇教育管理中心', en: 'Humen Education Management Centre' },
      published: '2027-03-02',
      offices: {
        [HUMEN]: {
          name: { zh: '虎门镇教育管理中心', en: 'Humen Town Education Management Centre' },
          phone: '0769-85020892',
          address: { zh: '虎门镇（测试地址）', en: 'Humen (test address)' },
          window: { zh: '周一至周五 9:00-12:00', en: 'Mon–Fri 9:00–12:00' },
          source: { document: '虎门镇2027年招生简章', url: 'https://example.gov.cn/humen', status: 'official', checked: '2027-03-02' },
        },
      },
    };
    const rules = withPublishedRules(DEFAULT_RULES, [], offices);
    const office = quickAnswer('junior1', HUMEN, '2026-12-05', undefined, rules).office;
    expect(office).toMatchObject({
      phone: '0769-85020892',
      window: { en: 'Mon–Fri 9:00–12:00' },
      unverified: false,
      source: { quality: 'gov' },
    });
    // A town the file does not name keeps saying what the embedded data says (nothing, here).
    expect(quickAnswer('junior1', CHANGAN, '2026-12-05', undefined, rules).office).toMatchObject({
      unverified: true,
      cityHotline: '12345',
    });
  });

  it('names the publisher of the year shown, or the embedded copy', () => {
    expect(rulesProvenance(2027, [published2027()])).toEqual({ publisher: BUREAU, date: '2027-03-01' });
    expect(rulesProvenance(2028, [published2027()])).toEqual({ publisher: null, date: '2026-11-30' });
  });

  it("the wizard's count date follows a published registration window, unless the parent typed their own", () => {
    const rules = withPublishedRules(DEFAULT_RULES, [published2027()], null);
    const draft = emptyDraft('2026-12-05');
    expect(draft.asOf).toBe('2027-05-22');
    expect(withRules(draft, DEFAULT_RULES, rules).asOf).toBe('2027-05-16');
    expect(emptyDraft('2026-12-05', rules).asOf).toBe('2027-05-16');
    const typed = { ...draft, asOf: '2027-04-01' };
    expect(withRules(typed, DEFAULT_RULES, rules)).toBe(typed);
  });
});
