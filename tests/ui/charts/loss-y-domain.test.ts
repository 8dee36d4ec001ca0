import { describe, expect, it } from 'vitest';
import { lossYDomain } from '../../../src/ui/charts/loss-y-domain.ts';

describe('lossYDomain', () => {
  it.each([
    { name: 'log: widened to whole decades', values: [0.909, 54911], scale: 'log' as const, expected: [0.1, 1e5] },
    { name: 'log: zeros, negatives, nulls and NaN left out', values: [0, -3, null, NaN, undefined, 2, 30], scale: 'log' as const, expected: [1, 100] },
    { name: 'log: a single decade value still gets a decade', values: [1, 1], scale: 'log' as const, expected: [1, 10] },
    { name: 'log: exactly a power of ten', values: [10, 1000], scale: 'log' as const, expected: [10, 1000] },
    { name: 'log: nothing to show', values: [null, 0], scale: 'log' as const, expected: [1, 10] },
    { name: 'linear: from zero to a nice top', values: [0.909, 54911], scale: 'linear' as const, expected: [0, 60000] },
    { name: 'linear: infinity left out', values: [Infinity, 3.2], scale: 'linear' as const, expected: [0, 3.5] },
    { name: 'linear: all zero', values: [0, 0], scale: 'linear' as const, expected: [0, 1] },
    { name: 'linear: nothing to show', values: [], scale: 'linear' as const, expected: [0, 1] },
  ])('$name', ({ values, scale, expected }) => {
    const [lo, hi] = lossYDomain(values, scale);
    expect(lo).toBeCloseTo(expected[0], 12);
    expect(hi).toBeCloseTo(expected[1], 12);
  });
});
