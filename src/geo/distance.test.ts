import { describe, expect, it } from 'vitest';
import { distanceMetres } from './distance';

describe('distanceMetres', () => {
  it('is zero for the same point', () => {
    expect(distanceMetres(22.8, 113.7, 22.8, 113.7)).toBe(0);
  });
  it('one degree of latitude is about 111.2 km', () => {
    expect(distanceMetres(22, 113, 23, 113)).toBeCloseTo(111_195, -1);
  });
  it('one degree of longitude shrinks with cos(latitude)', () => {
    const d = distanceMetres(22.8, 113, 22.8, 114);
    expect(d).toBeCloseTo(111_195 * Math.cos((22.8 * Math.PI) / 180), -2);
  });
  it('is symmetric', () => {
    expect(distanceMetres(22.81, 113.67, 23.02, 113.75)).toBeCloseTo(distanceMetres(23.02, 113.75, 22.81, 113.67), 6);
  });
});
