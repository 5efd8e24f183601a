import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import raw from '../../../data/programmes.json';
import { programmesFileSchema } from '../../data/programme-schema.ts';
import { CATALOGUE, PROGRAMMES } from './programme-catalogue.ts';
import { loadProgrammes } from './programme-catalogue.ts';

describe('data/programmes.json', () => {
  it('validates against the programme schema, with no record skipped', () => {
    const parsed = v.safeParse(programmesFileSchema, raw);
    expect(parsed.issues?.map((i) => `${i.path?.map((p) => p.key).join('.')}: ${i.message}`) ?? []).toEqual([]);
    expect(CATALOGUE.skipped).toBe(0);
  });

  it('has unique ids and the programmes the issue asks for', () => {
    const ids = PROGRAMMES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'hk-gbayes-2023',
      'hk-gbayes-2025',
      'zhanchi-plan',
      'songshan-lake-base',
      'binhaiwan-base',
      'gd-startup-support-floor',
      'hkmo-trainee-jiuye-jianxi',
      'hkmo-unemployment-registration',
      'hkmo-employment-registration',
      'hkmo-residence-permit',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('has zh-Hant text wherever it has zh text', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.zh === 'string' && typeof o.en === 'string' && typeof o.zhHant !== 'string') missing.push(path);
        for (const [k, val] of Object.entries(o)) walk(val, `${path}.${k}`);
      }
    };
    walk(raw, '');
    expect(missing).toEqual([]);
  });

  it('links only to URLs that are also listed as sources (nothing unsourced)', () => {
    for (const p of PROGRAMMES) {
      const sourced = new Set(p.sources.map((s) => s.url));
      if (p.officialUrl) expect(sourced, p.id).toContain(p.officialUrl);
      for (const b of p.benefits) if (b.source) expect(sourced, p.id).toContain(b.source);
    }
  });

  it('keeps both conflicting figures, each with its own source, marked unverified', () => {
    for (const p of PROGRAMMES) {
      const conflicting = p.benefits.filter((b) => b.conflict);
      if (conflicting.length === 0) continue;
      expect(conflicting.length, p.id).toBeGreaterThanOrEqual(2);
      expect(new Set(conflicting.map((b) => b.source)).size, p.id).toBe(conflicting.length);
      expect(p.status, p.id).toBe('unverified');
    }
  });

  it('skips a bad record instead of failing the list', () => {
    const good = PROGRAMMES[0];
    const out = loadProgrammes({ programmes: [good, { ...good, id: 'x', officialUrl: 'javascript:alert(1)' }] });
    expect(out.programmes).toHaveLength(1);
    expect(out.skipped).toBe(1);
  });
});
