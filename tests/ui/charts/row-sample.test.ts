import { describe, expect, it } from 'vitest';
import { rowSample } from '../../../src/ui/charts/row-sample.ts';

describe('rowSample', () => {
  it.each([
    { rows: 5, limit: 10, expected: [0, 1, 2, 3, 4], why: 'fewer rows than the limit: all of them' },
    { rows: 5, limit: 5, expected: [0, 1, 2, 3, 4], why: 'exactly the limit: all of them' },
    { rows: 10, limit: 5, expected: [0, 2, 4, 6, 8], why: 'every second row' },
    { rows: 10, limit: 3, expected: [0, 3, 6], why: 'floor(i · 10 / 3): 0, 3.33, 6.67' },
    { rows: 1_000_000, limit: 4, expected: [0, 250_000, 500_000, 750_000], why: 'a big data set, spread from the first row' },
    { rows: 7, limit: 0, expected: [], why: 'no room: nothing' },
    { rows: 0, limit: 5, expected: [], why: 'no rows: nothing' },
  ])('$why', ({ rows, limit, expected }) => {
    expect(rowSample(rows, limit)).toEqual(expected);
  });
});
