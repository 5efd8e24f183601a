import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import { TownSpool } from './town-spool.ts';

const dir = mkdtempSync(join(tmpdir(), 'dgn-spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rec = (id: string, town: string) => ({ id, town, name: { zh: `名${id}`, en: `n${id}` } }) as unknown as ServiceRecord;

describe('TownSpool (records kept on disk by town during a large import)', () => {
  it('gives each town the same chunk text JSON.stringify would, across flushes, and refuses duplicate ids', () => {
    const spool = new TownSpool(join(dir, 's'));
    const a = [rec('a1', '441900121'), rec('a2', '441900121')];
    const b = [rec('b1', '441900004')];
    expect(spool.add(a[0]!)).toBe(true);
    expect(spool.add(b[0]!)).toBe(true);
    spool.flush(); // a chunk spread over two appends must still come out whole
    expect(spool.add(a[1]!)).toBe(true);
    expect(spool.add(rec('a1', '441900004'))).toBe(false);
    expect(spool.size).toBe(3);
    expect(spool.towns()).toEqual(['441900004', '441900121']);
    expect(spool.chunkText('441900121')).toEqual({ text: JSON.stringify({ town: '441900121', services: a }), count: 2 });
    expect(spool.chunkText('441900004')).toEqual({ text: JSON.stringify({ town: '441900004', services: b }), count: 1 });
    spool.dispose();
  });
});
