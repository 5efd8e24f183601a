import { describe, expect, it } from 'vitest';
import { roundDistance } from './format-distance';

describe('roundDistance', () => {
  it.each([
    [0, 'm', '10'],
    [349, 'm', '350'],
    [994, 'm', '990'],
    [995, 'km', '1.0'],
    [1234, 'km', '1.2'],
    [9949, 'km', '9.9'],
    [12_600, 'km', '13'],
  ])('%d m → %s %s', (m, unit, value) => {
    expect(roundDistance(m)).toEqual({ unit, value });
  });
});
