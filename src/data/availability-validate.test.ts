import { describe, expect, it } from 'vitest';
import type { Category } from './categories.ts';
import { classifyBadJson, validateAvailabilityItem } from './availability-validate.ts';

const services = new Map<string, Category>([
  ['pk-1', 'parking'],
  ['sp-1', 'sports_venue'],
  ['ns-1', 'nursery'],
  ['kg-1', 'kindergarten'],
]);
const parking = (figures: Record<string, unknown>, serviceId = 'pk-1') => ({
  serviceId,
  observedAt: '2026-11-28T06:00:00Z',
  figures: { kind: 'parking', free: 5, total: 10, ...figures },
});

describe('validateAvailabilityItem', () => {
  it('accepts consistent figures for a known service', () => {
    const v = validateAvailabilityItem(parking({}), services);
    expect(v.ok).toBe(true);
  });

  it.each([
    ['negative free', { free: -1 }],
    ['fractional free', { free: 1.5 }],
    ['free above total', { free: 11 }],
    ['EV free above EV total', { evFree: 3, evTotal: 2 }],
    ['accessible free above total', { accessibleFree: 4, accessibleTotal: 1 }],
    ['absurd count', { total: 1e9 }],
  ])('rejects %s as impossible numbers', (_name, figures) => {
    const v = validateAvailabilityItem(parking(figures), services);
    expect(v).toMatchObject({ ok: false, fault: 'impossibleNumbers' });
  });

  it('rejects sports slots with more remaining than maximum, and inverted nursery bands', () => {
    const slot = { start: '2026-11-28T20:00:00+08:00', durationMinutes: 60, remaining: 5, maximum: 4 };
    expect(
      validateAvailabilityItem({ serviceId: 'sp-1', observedAt: '2026-11-28T06:00:00Z', figures: { kind: 'sports_venue', slots: [slot] } }, services),
    ).toMatchObject({ ok: false, fault: 'impossibleNumbers' });
    const band = { fromMonths: 24, toMonths: 12, free: 1, total: 2 };
    expect(
      validateAvailabilityItem({ serviceId: 'ns-1', observedAt: '2026-11-28T06:00:00Z', figures: { kind: 'nursery', bands: [band] } }, services),
    ).toMatchObject({ ok: false, fault: 'impossibleNumbers' });
  });

  it('rejects unknown services, mismatched kinds and malformed items', () => {
    expect(validateAvailabilityItem(parking({}, 'nope'), services)).toMatchObject({ ok: false, fault: 'unknownService' });
    expect(validateAvailabilityItem(parking({}, 'kg-1'), services)).toMatchObject({ ok: false, fault: 'wrongKind' });
    expect(validateAvailabilityItem({ serviceId: 'pk-1', figures: { kind: 'parking', free: 1, total: 2 } }, services)).toMatchObject({
      ok: false,
      fault: 'invalidItem',
    });
    expect(validateAvailabilityItem('junk', services)).toMatchObject({ ok: false, fault: 'invalidItem' });
    expect(validateAvailabilityItem(parking({ kind: 'spaceship' }), services)).toMatchObject({ ok: false, fault: 'invalidItem' });
  });

  it('rejects unsafe booking links', () => {
    const slot = { start: '2026-11-28T20:00:00+08:00', durationMinutes: 60, remaining: 1, maximum: 4, bookingUrl: 'javascript:alert(1)' };
    const v = validateAvailabilityItem({ serviceId: 'sp-1', observedAt: '2026-11-28T06:00:00Z', figures: { kind: 'sports_venue', slots: [slot] } }, services);
    expect(v).toMatchObject({ ok: false, fault: 'invalidItem' });
  });
});

describe('classifyBadJson', () => {
  it('tells a cut-off body from garbage', () => {
    const full = JSON.stringify({ items: [{ a: 'x"y', b: [1, 2] }] });
    for (let cut = 1; cut < full.length; cut += 3) expect(classifyBadJson(full.slice(0, cut))).toBe('truncated');
    expect(classifyBadJson('<html>502</html>')).toBe('malformedJson');
    expect(classifyBadJson('{"a":1}}')).toBe('malformedJson');
    expect(classifyBadJson('')).toBe('malformedJson');
  });
});
