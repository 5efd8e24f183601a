import { describe, expect, it } from 'vitest';
import { embeddedProgrammesFile } from '../../../scripts/lib/embedded-owned-files.ts';
import { EMBEDDED_PROGRAMMES_DATE, PROGRAMMES } from './programme-catalogue.ts';
import { chooseProgrammes } from './use-programmes.ts';

const OFFICE = { zh: '东莞市港澳青年事务办公室（测试）', en: 'Youth affairs office (test)' };

describe('which programme list the youth pages show', () => {
  it('the embedded list, dated by its last check, when the feed has none', () => {
    expect(EMBEDDED_PROGRAMMES_DATE).toBe('2026-11-30');
    expect(chooseProgrammes(undefined)).toEqual({ programmes: PROGRAMMES, publisher: null, date: '2026-11-30' });
  });
  it('the feed list when published after that, with its publisher', () => {
    const file = embeddedProgrammesFile(OFFICE, '2026-12-05');
    file.programmes = file.programmes.slice(0, 3);
    const chosen = chooseProgrammes(file);
    expect(chosen.publisher).toEqual(OFFICE);
    expect(chosen.date).toBe('2026-12-05');
    expect(chosen.programmes.map((p) => p.id)).toEqual(file.programmes.map((p) => p.id));
  });
  it('not a feed list that is not newer than the embedded one', () => {
    expect(chooseProgrammes(embeddedProgrammesFile(OFFICE, '2026-11-30')).publisher).toBeNull();
  });
  it('not a feed list whose programmes the app cannot read', () => {
    const file = embeddedProgrammesFile(OFFICE, '2026-12-05');
    file.programmes = [{ ...file.programmes[0]!, kind: 'lottery' as 'employment' }];
    expect(chooseProgrammes(file).publisher).toBeNull();
  });
});
