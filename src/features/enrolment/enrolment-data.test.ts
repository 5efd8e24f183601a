import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './enrolment-params.ts';
import messages from './rules/messages.json';
import timeline from './rules/timeline.json';
import documents from './rules/documents.json';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('parameters file: every value dated and cited', () => {
  for (const [id, param] of Object.entries(DEFAULT_RULES.parameters)) {
    it(id, () => {
      expect(param.description.length).toBeGreaterThan(10);
      expect(param.values.length).toBeGreaterThan(0);
      for (const v of param.values) {
        expect(v.document.length).toBeGreaterThan(2);
        expect(v.url).toMatch(/^https?:\/\/[^\s/]+/);
        expect(v.lastChecked).toMatch(ISO_DATE);
        expect(['gov', 'mirror', 'press', 'agg']).toContain(v.quality);
        if (v.validFrom !== null && v.validTo !== null) expect(v.validFrom).toBeLessThanOrEqual(v.validTo);
        // A value no source settles cannot claim a confirmed year.
        if (v.unverified) expect(v.confirmedThrough).toBeNull();
      }
      // Periods do not overlap: for any year at most one value applies.
      for (let y = 2000; y <= 2040; y++) {
        const n = param.values.filter((v) => (v.validFrom === null || v.validFrom <= y) && (v.validTo === null || y <= v.validTo)).length;
        expect(n, `${id} ${y}`).toBeLessThanOrEqual(1);
      }
    });
  }
});

describe('answer texts', () => {
  it('every message has zh, en and zh-Hant with the same placeholders', () => {
    for (const [key, m] of Object.entries(messages) as [string, { zh: string; en: string; zhHant?: string }][]) {
      expect(typeof m.zhHant, key).toBe('string');
      expect(placeholders(m.zh), key).toEqual(placeholders(m.en));
      expect(placeholders(m.zhHant ?? ''), key).toEqual(placeholders(m.zh));
    }
  });
  it('timeline and document texts exist in three languages', () => {
    const texts = [...timeline.pattern, ...Object.values(timeline.years).flat(), ...documents.items].map((x) => x.text);
    for (const t of texts) {
      expect(t.zh.length).toBeGreaterThan(0);
      expect(t.en.length).toBeGreaterThan(0);
      expect(t.zhHant?.length).toBeGreaterThan(0);
    }
  });
});
