import { describe, expect, it } from 'vitest';
import { readQuickChoice } from './youth-quick-entry.tsx';

describe('the kept one-tap choice', () => {
  it('reads back a region and a kind', () => {
    expect(readQuickChoice('{"region":"macau","kind":"startup"}')).toEqual({ region: 'macau', kind: 'startup' });
    expect(readQuickChoice('{"region":"hk","kind":null}')).toEqual({ region: 'hk', kind: null });
  });
  it('trusts nothing else: an unknown region is no choice, an unknown kind is "all"', () => {
    expect(readQuickChoice('{"region":"mainland"}')).toBeNull();
    expect(readQuickChoice('not json')).toBeNull();
    expect(readQuickChoice(null)).toBeNull();
    expect(readQuickChoice('{"region":"hk","kind":"<img>"}')).toEqual({ region: 'hk', kind: null });
  });
});
