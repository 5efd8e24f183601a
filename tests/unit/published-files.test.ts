/**
 * The published-file schemas fit the data the app already carries: the embedded rules of every year, the
 * offices and the programmes, written as owned files, pass the one-verdict check (feed-structure.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkKnownFile } from '../../src/data/feed-structure.ts';
import { enrolmentFileName } from '../../src/data/owned-file-names.ts';
import { embeddedEnrolmentFile, embeddedOfficesFile, embeddedProgrammesFile } from '../../scripts/lib/embedded-owned-files.ts';

const PUBLISHER = { zh: '东莞市教育局', en: 'Dongguan Education Bureau' };

describe('embedded data as published files', () => {
  it.each([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028])('enrolment rules of %i', (year) => {
    const file = embeddedEnrolmentFile(year, PUBLISHER, '2026-12-05');
    expect(Object.keys(file.parameters).length).toBeGreaterThan(15);
    expect(checkKnownFile(enrolmentFileName(year), file)).toEqual([]);
  });
  it('offices', () => {
    const file = embeddedOfficesFile(PUBLISHER, '2026-12-05');
    expect(Object.keys(file.offices).length).toBeGreaterThan(0);
    expect(checkKnownFile('offices.json', file)).toEqual([]);
  });
  it('programmes', () => {
    const file = embeddedProgrammesFile(PUBLISHER, '2026-12-05');
    expect(file.programmes.length).toBeGreaterThan(5);
    expect(checkKnownFile('programmes.json', file)).toEqual([]);
  });
  it('a value the schema does not allow is named by its path', () => {
    const file = embeddedEnrolmentFile(2027, PUBLISHER, '2026-12-05');
    const bad = {
      ...file,
      parameters: { ...file.parameters, pointsHome: { ...file.parameters.pointsHome!, value: { sameTown: 'twenty', otherTown: 10 } } },
    };
    expect(checkKnownFile('enrolment-2027.json', bad)).toEqual([
      { file: 'enrolment-2027.json', path: '$.parameters.pointsHome.value.sameTown', reason: expect.stringContaining('number') },
    ]);
  });
  it('an unknown parameter is named', () => {
    const file = embeddedEnrolmentFile(2027, PUBLISHER, '2026-12-05');
    const bad = { ...file, parameters: { ...file.parameters, bonusPoints: file.parameters.pointsHome } };
    expect(checkKnownFile('enrolment-2027.json', bad)).toEqual([
      { file: 'enrolment-2027.json', path: '$.parameters.bonusPoints', reason: 'unknown field "bonusPoints"' },
    ]);
  });
});
