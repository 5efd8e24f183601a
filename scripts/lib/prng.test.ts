import { describe, expect, it } from 'vitest';
import { createRng, mulberry32 } from './prng.ts';

describe('seeded PRNG', () => {
  it('keeps the stream the sample data and the bench were made with', () => {
    const next = mulberry32(20261128);
    expect([next(), next(), next()]).toEqual([0.9627261769492179, 0.18837198405526578, 0.3504589442163706]);
  });

  it('replays the same numbers from a seed, all in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('createRng draws from the same stream', () => {
    const rng = createRng(42);
    const next = mulberry32(42);
    expect([rng.next(), rng.next()]).toEqual([next(), next()]);
  });
});
