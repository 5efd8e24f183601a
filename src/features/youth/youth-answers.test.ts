/**
 * Issue 16, youth: the 24-year-old Hong Kong graduate. Matches respect the kinds picked, open and upcoming
 * come before closed everywhere, every programme has an official link or an office to contact, and the
 * form is kept on the device.
 */
import { describe, expect, it } from 'vitest';
import type { Programme } from '../../data/programme-schema.ts';
import { PROGRAMMES } from './programme-catalogue.ts';
import {
  WINDOW_ORDER,
  byDeadline,
  evaluate,
  interestFits,
  lastClosed,
  matchProgrammes,
  windowState,
  type YouthProfile,
} from './programme-matcher.ts';
import { EMPTY_FORM, FORM_STORAGE_KEY, readKeptForm } from './matcher-form.ts';

const graduate: YouthProfile = {
  asOf: '2026-11-30',
  age: 24,
  identity: 'hk',
  education: 'bachelor',
  graduationYear: 2024,
  interests: ['employment', 'internship'],
};

describe('the Hong Kong graduate (24, employment and internship ticked, start-up not)', () => {
  const outcome = matchProgrammes(PROGRAMMES, graduate);
  const all = [...outcome.matches, ...outcome.nearMisses];

  it('gets no start-up base, since start-up was not ticked', () => {
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((r) => r.programme.kind === 'startup_base').map((r) => r.programme.id)).toEqual([]);
    const withStartup = matchProgrammes(PROGRAMMES, { ...graduate, interests: ['startup'] });
    expect([...withStartup.matches, ...withStartup.nearMisses].some((r) => r.programme.kind === 'startup_base')).toBe(true);
  });

  it('sees open and upcoming programmes before closed ones, in matches and in the full list', () => {
    const ranks = (list: { window: keyof typeof WINDOW_ORDER }[]) => list.map((r) => WINDOW_ORDER[r.window]);
    const sorted = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);
    expect(sorted(ranks(outcome.matches))).toBe(true);
    const browse = PROGRAMMES.map((p) => evaluate(p, { ...graduate, interests: ['employment', 'internship', 'startup'] }, PROGRAMMES)).sort(
      byDeadline,
    );
    expect(sorted(ranks(browse))).toBe(true);
    expect(browse.at(-1)?.window).toBe('closed');
    // The 2025 employment scheme has opened with no published end: it is open, not "dates unknown".
    expect(browse[0]?.programme.id).toBe('hk-gbayes-2025');
    expect(browse[0]?.window).toBe('open');
  });

  it('labels the closed 2023 scheme with the date its last round closed', () => {
    const old = PROGRAMMES.find((p) => p.id === 'hk-gbayes-2023')!;
    const r = evaluate(old, graduate, PROGRAMMES);
    expect(r.window).toBe('closed');
    expect(r.lastClosed).toBe('2024-12-31');
  });
});

describe('every programme says where to go', () => {
  it('has an official link or an office to contact', () => {
    for (const p of PROGRAMMES) expect(Boolean(p.officialUrl || p.contact), p.id).toBe(true);
  });

  it('names no phone number in a contact (only the 12345 hotline)', () => {
    for (const p of PROGRAMMES) {
      for (const text of Object.values(p.contact ?? {})) expect(text.replace(/12345/g, ''), p.id).not.toMatch(/\d{5,}/);
    }
  });
});

describe('kind filter and windows', () => {
  const base = PROGRAMMES.find((p) => p.kind === 'startup_base')!;
  it('a start-up base fits only when start-up is picked, whatever else it lists', () => {
    expect(base.interests.length).toBeGreaterThan(1);
    expect(interestFits(base, ['internship', 'employment'])).toBe(false);
    expect(interestFits(base, ['startup'])).toBe(true);
  });

  it('an opened round with no closing date is open; the last closed round is found', () => {
    const p = { ...base, application: { type: 'dated', rounds: [{ opens: '2025-01-01' }] } } as Programme;
    expect(windowState(p, '2026-01-01')).toBe('open');
    expect(windowState(p, '2024-12-31')).toBe('upcoming');
    const closed = {
      ...base,
      application: { type: 'dated', rounds: [{ opens: '2023-01-01', closes: '2023-06-30' }, { closes: '2024-06-30' }] },
    } as Programme;
    expect(lastClosed(closed, '2026-01-01')).toBe('2024-06-30');
  });
});

describe('the form kept on the device', () => {
  const store = (raw: string | null) => ({ getItem: (k: string) => (k === FORM_STORAGE_KEY ? raw : null) });
  it('comes back as it was typed, with the submitted flag', () => {
    const values = { ...EMPTY_FORM, age: '24', identity: 'hk', education: 'bachelor', interests: ['employment' as const] };
    expect(readKeptForm(store(JSON.stringify({ values, submitted: true })))).toEqual({ values, submitted: true });
  });
  it('drops anything unexpected instead of trusting it', () => {
    expect(readKeptForm(store('{not json'))).toBeNull();
    expect(readKeptForm(store(null))).toBeNull();
    const kept = readKeptForm(store(JSON.stringify({ values: { age: 24, interests: ['employment', 'hacking'] }, submitted: 'yes' })));
    expect(kept).toEqual({ values: { ...EMPTY_FORM, interests: ['employment'] }, submitted: false });
  });
});
