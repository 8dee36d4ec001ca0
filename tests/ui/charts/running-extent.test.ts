import { describe, expect, it } from 'vitest';
import { RunningExtent } from '../../../src/ui/charts/running-extent.ts';

describe('RunningExtent', () => {
  it.each([
    { values: [], lo: Infinity, hi: -Infinity, empty: true, why: 'nothing added: empty' },
    { values: [3], lo: 3, hi: 3, empty: false, why: 'one value is both ends' },
    { values: [3, -1, 7, 2], lo: -1, hi: 7, empty: false, why: 'the lowest and the highest, in any order' },
    { values: [NaN, 2, NaN], lo: 2, hi: 2, empty: false, why: 'NaN is never taken' },
    { values: [NaN], lo: Infinity, hi: -Infinity, empty: true, why: 'only NaN: still empty' },
  ])('$why', ({ values, lo, hi, empty }) => {
    const e = new RunningExtent();
    for (const v of values) e.add(v);
    expect([e.lo, e.hi, e.empty]).toEqual([lo, hi, empty]);
  });
});
