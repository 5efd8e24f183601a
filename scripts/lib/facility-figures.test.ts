/** Issue 17's feed fields (beds, doctors, sports ground area, day-care floor area): validated, sampled, exported, imported. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateServiceRecord } from '../../src/data/validate-feed.ts';
import { exportHsds } from './export-hsds.ts';
import { importHsds } from '../../src/import/hsds.ts';
import { generateSampleFeed, type SampleRecipe } from './sample-feed.ts';
import { townAt } from './town-polygons.ts';

const recipe = JSON.parse(readFileSync(fileURLToPath(new URL('../../data/sample-recipe.json', import.meta.url)), 'utf8')) as SampleRecipe;
const feed = generateSampleFeed({
  ...recipe,
  totals: { kindergarten: 40, clinic: 80, nursery: 10, elderly_daycare: 80, sports_venue: 80, parking: 10 },
});
const byCategory = (c: string) => feed.records.filter((r) => r.category === c);

describe('facility figures in the feed profile', () => {
  const clinic = byCategory('clinic').find((r) => r.beds !== undefined && r.beds > 0)!;

  it('the validator takes them on the right category and rejects them elsewhere or out of range', () => {
    expect(validateServiceRecord(clinic).ok).toBe(true);
    const kindergarten = byCategory('kindergarten')[0]!;
    expect(validateServiceRecord({ ...kindergarten, beds: 10 }).ok).toBe(false);
    expect(validateServiceRecord({ ...kindergarten, floorAreaM2: 100 }).ok).toBe(false);
    expect(validateServiceRecord({ ...clinic, beds: -1 }).ok).toBe(false);
    expect(validateServiceRecord({ ...clinic, doctors: 2.5 }).ok).toBe(false);
    expect(validateServiceRecord({ ...clinic, beds: '40' }).ok).toBe(false);
    const venue = byCategory('sports_venue').find((r) => r.groundAreaM2 !== undefined)!;
    expect(validateServiceRecord({ ...venue, groundAreaM2: 7500.5 }).ok).toBe(true);
    expect(validateServiceRecord({ ...venue, groundAreaM2: Number.POSITIVE_INFINITY }).ok).toBe(false);
  });

  it('the sample carries plausible figures, only where they belong, and leaves some out', () => {
    for (const r of feed.records) {
      if (r.category !== 'clinic') expect(r.beds ?? r.doctors).toBeUndefined();
      if (r.category !== 'sports_venue') expect(r.groundAreaM2).toBeUndefined();
      if (r.category !== 'elderly_daycare') expect(r.floorAreaM2).toBeUndefined();
    }
    const centres = byCategory('clinic').filter((r) => r.name.en.includes('Centre'));
    expect(centres.length).toBeGreaterThan(0);
    for (const c of centres) {
      expect(c.beds).toBeGreaterThanOrEqual(20);
      expect(c.beds).toBeLessThanOrEqual(80);
      expect(c.doctors).toBeGreaterThanOrEqual(20);
    }
    const venues = byCategory('sports_venue');
    const withArea = venues.filter((r) => r.groundAreaM2 !== undefined);
    expect(withArea.length).toBeGreaterThan(venues.length / 2);
    expect(withArea.length).toBeLessThan(venues.length); // "reported by k of n" has something to say
    expect(withArea.every((r) => r.groundAreaM2! >= 2000 && r.groundAreaM2! <= 20000)).toBe(true);
    expect(byCategory('elderly_daycare').some((r) => r.floorAreaM2 === undefined)).toBe(true);
  });

  it('exports them as HSDS attributes with a label, and an importer without the profile extension reads them back', () => {
    const page = exportHsds([clinic], []) as { contents: Record<string, unknown>[] };
    const attrs = page.contents[0]!.attributes as { value: string; label: string; taxonomy_term: { code: string } }[];
    expect(attrs.find((a) => a.taxonomy_term.code === 'beds')).toMatchObject({ value: String(clinic.beds), label: 'Beds' });
    expect(attrs.find((a) => a.taxonomy_term.code === 'licensed_doctors')).toMatchObject({ value: String(clinic.doctors) });
    const plain = { ...page.contents[0]!, x_dgnearby: undefined };
    const back = importHsds({ ...page, contents: [plain] }, { townAt, updated: '2026-11-28T00:00:00Z' });
    expect(back.records[0]).toMatchObject({ beds: clinic.beds, doctors: clinic.doctors });
  });
});
