import { describe, expect, it } from 'vitest';
import { geometricLevels } from '../../../src/ui/charts/geometric-levels.ts';

describe('geometricLevels', () => {
  it.each([
    // ratio (1000/1)^(1/3) = 10
    { name: 'two levels between 1 and 1000', lo: 1, hi: 1000, count: 2, expected: [10, 100] },
    // ratio (16/1)^(1/4) = 2
    { name: 'three levels between 1 and 16', lo: 1, hi: 16, count: 3, expected: [2, 4, 8] },
    // lo raised to 1e6 · 1e-6 = 1, ratio 1e6^(1/6) = 10
    { name: 'an optimum of 0 is raised to hi·floor', lo: 0, hi: 1e6, count: 5, expected: [10, 100, 1e3, 1e4, 1e5] },
    { name: 'no room: hi at lo', lo: 5, hi: 5, count: 3, expected: [] },
    { name: 'no room: hi below lo', lo: 5, hi: 1, count: 3, expected: [] },
    { name: 'no levels asked', lo: 1, hi: 100, count: 0, expected: [] },
    { name: 'hi not finite', lo: 1, hi: Infinity, count: 2, expected: [] },
  ])('$name', ({ lo, hi, count, expected }) => {
    const levels = geometricLevels(lo, hi, count);
    expect(levels).toHaveLength(expected.length);
    levels.forEach((level, i) => expect(level).toBeCloseTo(expected[i], 9));
  });
});
