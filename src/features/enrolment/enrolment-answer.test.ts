/**
 * The answer a family acts on: the migrant-father case from issue 16, plain language in every language,
 * the count date, the education office, the timeline dates and calendar file, and the citations' quality.
 */
import { describe, expect, it } from 'vitest';
import { TOWNS } from '../../geo/towns.ts';
import { parseCase, type EnrolmentCase, type EnrolmentCaseInput } from './enrolment-case.ts';
import { emptyDraft, withSchoolYear } from './enrolment-form.ts';
import { educationOffice, publishedCutoffs, registrationEnd, timelineDates, type PublishedCutoff } from './enrolment-next-step.ts';
import { DEFAULT_RULES } from './enrolment-params.ts';
import { evaluate, type EnrolmentResult } from './enrolment-rules.ts';
import type { LocalText } from './enrolment-text.ts';
import { buildTimelineIcs } from './timeline-ics.ts';
import documentsFile from './rules/documents.json';
import timelineFile from './rules/timeline.json';
import officesFile from './rules/education-offices.json';

const HUMEN = '441900121';

/** Daughter born 2021-07-10, grade 1 in 2027 in 虎门镇, permit since 2022-03-01, five insurances 40 months, 3,000 yuan tax, renting. */
const father = (asOf: string): EnrolmentCaseInput => ({
  asOf,
  schoolYear: 2027,
  stage: 'primary1',
  targetTown: HUMEN,
  child: { birthDate: '2021-07-10', hukou: 'otherMainland' },
  parent: {
    hukou: 'otherMainland',
    residencePermit: { type: 'guangdong', since: '2022-03-01', town: HUMEN },
    socialInsurance: { monthsByType: { pension: 40, medical: 40, unemployment: 40, workInjury: 40, maternity: 40 }, town: HUMEN },
    tax: { incomeYuan: 3000, propertyRentalYuan: 0, propertyTransferYuan: 0, town: HUMEN },
    home: { owned: false },
    stableJob: true,
    stableHome: false,
  },
});

const parse = (input: EnrolmentCaseInput): EnrolmentCase => {
  const r = parseCase(input);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
};

/** Every piece of text the result screen can show, in one language. */
function shownText(r: EnrolmentResult, lang: 'zh' | 'zhHant' | 'en'): string[] {
  const pick = (t: LocalText) => (lang === 'zhHant' ? (t.zhHant ?? t.zh) : t[lang]);
  return [
    pick(r.summary),
    pick(r.nextStep),
    pick(r.channel.text),
    pick(r.disclaimer),
    ...r.checks.map((c) => pick(c.reason)),
    ...r.checks.flatMap((c) => (c.reference ? [c.reference.document] : [])),
    ...(r.points?.items ?? []).flatMap((i) => [pick(i.detail), i.reference.document]),
    ...(r.subsidy ? [pick(r.subsidy.reason), r.subsidy.reference.document] : []),
    ...r.seniorHighTrack.checks.map((c) => pick(c.reason)),
    ...r.timeline.flatMap((e) => [pick(e.text), e.source.document]),
    ...r.documents.flatMap((d) => [pick(d.text), d.source.document]),
    ...(r.office.name ? [pick(r.office.name)] : []),
    ...(r.office.address ? [pick(r.office.address)] : []),
    ...(r.office.source ? [r.office.source.document] : []),
  ];
}

/**
 * Latin-script words left after removing URLs, phone numbers and the few names that are written in
 * Latin letters in Chinese text too. Document numbers (东府〔2023〕26号) contain none.
 */
const ALLOWED_LATIN = new Set<string>([]);
const latinWords = (s: string) => (s.replace(/https?:\/\/\S+/g, '').match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w));

const variants: [string, (c: EnrolmentCaseInput) => void][] = [
  ['migrant father', () => {}],
  ['HK parent', (c) => ((c.parent.hukou = 'hk'), (c.parent.residencePermit = { type: 'hkMacau', since: '2022-03-01', town: HUMEN }))],
  ['Taiwan parent without permit', (c) => ((c.parent.hukou = 'taiwan'), (c.parent.residencePermit = { type: 'none' }))],
  ['foreign parent', (c) => ((c.parent.hukou = 'foreign'), (c.parent.residencePermit = { type: 'none' }))],
  ['foreign child', (c) => (c.child.hukou = 'foreign')],
  ['Dongguan-hukou child', (c) => (c.child.hukou = 'dongguan')],
  ['kindergarten', (c) => ((c.stage = 'kindergarten'), (c.child.birthDate = '2023-10-01'))],
  ['junior 1', (c) => ((c.stage = 'junior1'), (c.child.birthDate = '2014-07-10'), (c.child.currentGrade = 'primary6'))],
  [
    'senior high, HK parent',
    (c) => (
      (c.stage = 'seniorHigh'),
      (c.child.birthDate = '2012-07-10'),
      (c.child.dongguanJuniorYears = 3),
      (c.parent.hukou = 'hk'),
      (c.parent.residencePermit = { type: 'hkMacau', since: '2020-01-01', town: HUMEN })
    ),
  ],
  [
    '2025 intake, own home',
    (c) => (
      (c.schoolYear = 2025),
      (c.asOf = '2025-05-20'),
      (c.child.birthDate = '2019-03-01'),
      (c.parent.home = { owned: true, town: HUMEN })
    ),
  ],
  [
    '2023 intake, no permit',
    (c) => (
      (c.schoolYear = 2023),
      (c.asOf = '2023-05-20'),
      (c.child.birthDate = '2017-03-01'),
      (c.parent.residencePermit = { type: 'none' })
    ),
  ],
  ['Songshan Lake', (c) => (c.targetTown = '441900401')],
];

describe('the migrant-father case from issue 16', () => {
  it('counts to the end of the 2027 registration by default: 118 points, not the 112 of counting to today', () => {
    const end = registrationEnd(2027);
    expect(end).toEqual({ date: '2027-05-22', estimated: true });
    const atEnd = evaluate(parse(father(end.date)));
    expect(atEnd.points?.total).toBe(118);
    expect(atEnd.points?.countedToRegistrationEnd).toBe(true);
    const early = evaluate(parse(father('2026-11-30')));
    expect(early.points?.total).toBe(112);
    expect(early.points?.countedToRegistrationEnd).toBe(false);
    // The draft a parent starts from uses the same date.
    expect(emptyDraft('2026-11-30').asOf).toBe('2027-05-22');
  });

  it('opens with one sentence to act on, then a next step that names the town and whom to ask', () => {
    const r = evaluate(parse(father('2027-05-22')));
    expect(r.eligible).toBe('unverified');
    expect(r.summary.zh).toMatch(/^按你的回答，孩子看来可以申请小学一年级（虎门镇，2027年9月入学），但有\d项要先向镇街核实。$/);
    expect(r.summary.en).toMatch(/^From your answers, your child appears able to apply for primary grade 1 in Humen Town/);
    expect(r.nextStep.zh).toContain('2027-05-22前后截止');
    expect(r.nextStep.zh).toContain('0769-85020892');
    expect(r.office.unverified).toBe(true);
  });
});

describe('plain language in every language', () => {
  for (const [name, patch] of variants) {
    it(`${name}: no Latin-script words in zh-Hans or zh-Hant text, no repeated or embedded "unverified" markers`, () => {
      const input = father('2027-05-22');
      patch(input);
      const r = evaluate(parse(input));
      for (const lang of ['zh', 'zhHant'] as const) {
        for (const s of shownText(r, lang)) {
          expect(latinWords(s), `${lang}: ${s}`).toEqual([]);
          // The view adds the status; the text itself never says it, so it cannot appear twice.
          expect(s, `${lang}: ${s}`).not.toMatch(/未核[实實]\W*未核[实實]/);
          expect(s).not.toMatch(/[（(]未核[实實][）)]/);
        }
      }
      for (const s of shownText(r, 'en')) expect(s).not.toMatch(/\(unverified\)\s*\(unverified\)/i);
    });
  }

  it('fails on research notes left in Chinese text (the check can fail)', () => {
    expect(latinWords('2025 洪梅/东城 notices (born on or before 2019-08-31)')).toContain('notices');
    expect(latinWords('东府〔2023〕26号《东莞市非户籍适龄儿童少年接受义务教育实施办法》 https://edu.dg.gov.cn/x')).toEqual([]);
  });
});

describe('citations', () => {
  it('every rule value names a document without research notes, a quality and the date it was last checked', () => {
    for (const [id, p] of Object.entries(DEFAULT_RULES.parameters)) {
      for (const v of p.values) {
        expect(latinWords(v.document), `${id}: ${v.document}`).toEqual([]);
        expect(v.lastChecked, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(['gov', 'mirror', 'press', 'agg']).toContain(v.quality);
      }
    }
    for (const s of [...timelineFile.pattern, ...Object.values(timelineFile.years).flat(), ...documentsFile.items].map((x) => x.source)) {
      expect(latinWords(s.document), s.document).toEqual([]);
      expect(s.lastChecked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('the education office of every unit', () => {
  it('covers all 36 units, citing a source where one names the office and pointing to 12345 otherwise', () => {
    expect(TOWNS).toHaveLength(36);
    let named = 0;
    for (const town of TOWNS) {
      const o = educationOffice(town.code);
      expect(o.cityHotline).toBe('12345');
      if (o.name || o.phone || o.address) {
        named += 1;
        expect(o.source?.url, town.zh).toMatch(/^https?:\/\//);
      } else {
        expect(o.unverified, town.zh).toBe(true);
        expect(o.source).toBeUndefined();
      }
      if (o.phone) expect(o.phone).toMatch(/^0769-\d{8}$/);
    }
    expect(named).toBe(Object.keys(officesFile.offices).length);
  });

  it('a unit with nothing on record says "ask 12345" in the next step rather than guessing', () => {
    const input = father('2027-05-22');
    input.targetTown = '441900101'; // 石碣镇: no stored source names its office
    input.parent.residencePermit = { type: 'guangdong', since: '2022-03-01', town: '441900101' };
    const r = evaluate(parse(input));
    expect(r.office.name).toBeUndefined();
    expect(r.nextStep.zh).toContain('12345政务服务热线');
  });
});

describe('timeline dates and the calendar file', () => {
  it('uses published dates where a source gives them and the usual months, marked estimated, elsewhere', () => {
    const y2023 = timelineDates(2023);
    expect(y2023.find((d) => d.id === 'window')).toEqual({ id: 'window', from: '2023-05-16', to: '2023-05-22', estimated: false });
    expect(registrationEnd(2023)).toEqual({ date: '2023-05-22', estimated: false });
    const y2027 = timelineDates(2027);
    expect(y2027.map((d) => d.id)).toEqual(['notices', 'window', 'results']);
    expect(y2027.every((d) => d.estimated)).toBe(true);
  });

  it('writes one all-day event per step, estimated ones saying so in the title', () => {
    const ics = buildTimelineIcs(2027, timelineDates(2027), {
      title: (id) => `step ${id}`,
      estimatedMark: ' (estimated)',
      description: 'd',
    });
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).toContain('SUMMARY:step window (estimated)');
    expect(ics).toContain('DTSTART;VALUE=DATE:20270516');
    expect(ics).toContain('DTEND;VALUE=DATE:20270523');
    expect(ics).toContain('UID:enrolment-2027-window@dg-nearby');
  });
});

describe('points in context', () => {
  it('lists published lowest admitted points for the town, newest first, and none when no town publishes them', () => {
    expect(publishedCutoffs(HUMEN, 'primary1')).toEqual([]);
    const src = { document: 'x', url: 'https://example.org/', quality: 'gov' };
    const file = {
      cutoffs: [
        { town: HUMEN, year: 2023, stage: 'primary1', points: 100, source: src },
        { town: HUMEN, year: 2024, stage: 'primary1', points: 110, source: src },
        { town: '441900003', year: 2024, stage: 'primary1', points: 90, source: src },
      ] satisfies PublishedCutoff[],
    };
    expect(publishedCutoffs(HUMEN, 'primary1', file).map((c) => c.year)).toEqual([2024, 2023]);
  });

  it('a new admission year moves the default count date along, but never a date the parent typed', () => {
    const d = emptyDraft('2026-11-30');
    expect(withSchoolYear(d, '2028').asOf).toBe('2028-05-22');
    expect(withSchoolYear({ ...d, asOf: '2027-03-01' }, '2028').asOf).toBe('2027-03-01');
  });
});
