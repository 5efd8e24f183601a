import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastRecordCheck, fastValidateServiceRecord } from './fast-record-check.ts';
import { validateServiceRecord } from './validate-feed.ts';

const SERVICES = 'public/feed/services';
const sampleRecords = (): unknown[] =>
  readdirSync(SERVICES)
    .filter((f) => f.endsWith('.json')) // not the chunks' .json.gz copies
    .flatMap((f) => (JSON.parse(readFileSync(join(SERVICES, f), 'utf8')) as { services: unknown[] }).services);

const record = () => ({
  id: 's-1',
  category: 'clinic',
  name: { zh: '诊所', en: 'Clinic' },
  town: '441900121',
  lat: 22.82,
  lon: 113.67,
  source: { kind: 'sample', reference: 'x', updated: '2026-11-28T00:00:00Z' },
  pinyin: { full: 'zhen suo', initials: 'zs' },
});

describe('fastValidateServiceRecord', () => {
  it('takes the fast path for every record of the sample feed and builds what valibot builds', () => {
    const records = sampleRecords();
    expect(records.length).toBeGreaterThan(3000);
    for (const raw of records) {
      // The fast path must not quietly hand the whole feed to valibot.
      expect(fastRecordCheck(raw)).not.toBeNull();
      const { exact, ...result } = fastValidateServiceRecord(raw) as ReturnType<typeof fastValidateServiceRecord> & { exact?: boolean };
      expect(JSON.stringify(result)).toBe(JSON.stringify(validateServiceRecord(raw)));
      // the generated sample holds no key the schema drops: the sync may store its chunks as their bytes
      expect(exact).toBe(true);
    }
  });

  it("leaves the reject and its reasons to valibot, town and distance checks included", () => {
    for (const raw of [
      { ...record(), lat: 95 },
      { ...record(), town: '441900999' },
      { ...record(), lat: 39.9042, lon: 116.4074 },
      { ...record(), category: 'parking', beds: 3 },
    ]) {
      const res = fastValidateServiceRecord(raw);
      expect(res.ok).toBe(false);
      expect(res).toEqual(validateServiceRecord(raw));
    }
  });

  it('drops unknown keys, copies arrays and keeps the schema key order', () => {
    const raw = { x_extra: 1, ...record(), features: ['ev'], ageMonths: [0, 36], capacity: 3 };
    const out = fastRecordCheck(raw)!;
    expect(Object.keys(out)).toEqual(['id', 'category', 'name', 'town', 'lat', 'lon', 'capacity', 'ageMonths', 'features', 'source', 'pinyin']);
    expect(out.features).not.toBe(raw.features);
    expect(out.features).toEqual(['ev']);
  });

  it('calls a record exact only when it holds no key the schema drops, at any depth', () => {
    const exactOf = (raw: unknown) => (fastValidateServiceRecord(raw) as { exact?: boolean }).exact;
    const full = { ...record(), address: { zh: '路', en: 'Road' }, phones: [{ number: '12345', ext: '1' }], hours: { weekly: ['', '', '', '', '', '', ''], publicHolidays: 'open' } };
    expect(exactOf(full)).toBe(true);
    expect(exactOf({ ...full, x_extra: 1 })).toBe(false);
    expect(exactOf({ ...full, name: { ...full.name, fr: 'x' } })).toBe(false);
    expect(exactOf({ ...full, address: { ...full.address, fr: 'x' } })).toBe(false);
    expect(exactOf({ ...full, phones: [{ number: '12345', note: 'x' }] })).toBe(false);
    expect(exactOf({ ...full, hours: { ...full.hours, note: 'x' } })).toBe(false);
    expect(exactOf({ ...full, source: { ...full.source, note: 'x' } })).toBe(false);
    expect(exactOf({ ...full, pinyin: { ...full.pinyin, tone: 'x' } })).toBe(false);
    // JSON.parse makes "__proto__" an own key: one the schema drops
    expect(exactOf(JSON.parse(JSON.stringify(full).replace('{', '{"__proto__":{"x":1},')))).toBe(false);
    // the verdict is per record: an inexact one does not stick to the next
    expect(exactOf(full)).toBe(true);
  });

  it('checks a frozen source or hours shared by records (an unpacked chunk) once, with the same verdicts as valibot', () => {
    const hours = Object.freeze({ weekly: Object.freeze(['08:00-12:00', '', '', '', '', '', '']), publicHolidays: 'closed' });
    const extra = Object.freeze({ kind: 'sample', reference: 'x', updated: '2026-11-28T00:00:00Z', note: 'dropped' });
    const badHours = Object.freeze({ weekly: Object.freeze(['25:00-26:00', '', '', '', '', '', '']), publicHolidays: 'closed' });
    const results = [
      { ...record(), hours },
      { ...record(), id: 's-2', hours },
      { ...record(), id: 's-3', source: extra },
      { ...record(), id: 's-4', source: extra, hours },
      { ...record(), id: 's-5', hours: badHours },
      { ...record(), id: 's-6', hours: badHours },
      { ...record(), id: 's-7', hours },
    ].map((raw) => {
      const { exact, ...result } = fastValidateServiceRecord(raw) as ReturnType<typeof fastValidateServiceRecord> & { exact?: boolean };
      expect(JSON.stringify(result)).toBe(JSON.stringify(validateServiceRecord(raw)));
      return { result, exact };
    });
    // the key the schema drops makes every record holding that source inexact, and no record after it
    expect(results.map((r) => r.exact)).toEqual([true, true, false, false, undefined, undefined, true]);
    // records share one frozen output for the shared hours: none can change another's
    const outputs = results.map((r) => (r.result.ok ? r.result.record.hours : null));
    expect(outputs[1]).toBe(outputs[0]);
    expect(Object.isFrozen(outputs[0]!.weekly)).toBe(true);
    // an object that is not frozen is checked anew each time, its output a copy
    const open = { weekly: ['08:00-12:00', '', '', '', '', '', ''], publicHolidays: 'closed' };
    expect(fastRecordCheck({ ...record(), hours: open })!.hours).not.toBe(fastRecordCheck({ ...record(), hours: open })!.hours);
  });

  it('remembers accepted timestamps and day spans, never rejected ones', () => {
    const good = record();
    expect(fastRecordCheck(good)).not.toBeNull();
    expect(fastRecordCheck(good)).not.toBeNull();
    expect(fastRecordCheck({ ...good, source: { ...good.source, updated: '2026-02-30T00:00:00Z' } })).toBeNull();
    expect(fastRecordCheck({ ...good, source: { ...good.source, updated: '2026-02-30T00:00:00Z' } })).toBeNull();
    const hours = (day: string) => ({ ...good, hours: { weekly: [day, day, '', '', '', '', ''], publicHolidays: 'open' } });
    expect(fastRecordCheck(hours('08:00-24:00'))).not.toBeNull();
    expect(fastRecordCheck(hours('08:00-24:01'))).toBeNull();
    expect(fastRecordCheck(hours('08:00-24:01'))).toBeNull();
  });
});
