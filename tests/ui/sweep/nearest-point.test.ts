import { describe, expect, it } from 'vitest';
import { nearestPoint } from '../../../src/ui/sweep/nearest-point.ts';

// Two lines' points as columns: (0, 0), (10, 0) and (10, 10); then (20, 0) and (10, 10) again.
const first = { x: [0, 10, 10], y: [0, 0, 10] };
const second = { x: [20, 10], y: [0, 10] };

describe('nearestPoint', () => {
  it.each([
    { name: 'on a point', sets: [first], at: [10, 0], radius: 8, expected: { set: 0, index: 1 } },
    // (9, 4): 4.1 px from (10, 0), 6.1 px from (10, 10), 9.8 px from (0, 0).
    { name: 'the nearest of several in reach', sets: [first], at: [9, 4], radius: 8, expected: { set: 0, index: 1 } },
    { name: 'none within the radius', sets: [first], at: [5, 5], radius: 3, expected: null },
    // Equally near two: the later one (ties go to the point drawn on top).
    { name: 'a tie', sets: [first], at: [10, 5], radius: 8, expected: { set: 0, index: 2 } },
    { name: 'in a later set', sets: [first, second], at: [19, 1], radius: 8, expected: { set: 1, index: 0 } },
    // (10, 10) is in both: the later set's is drawn on top.
    { name: 'a tie between sets', sets: [first, second], at: [10, 10], radius: 8, expected: { set: 1, index: 1 } },
    { name: 'no points', sets: [{ x: [], y: [] }], at: [0, 0], radius: 8, expected: null },
    { name: 'no sets', sets: [], at: [0, 0], radius: 8, expected: null },
  ])('$name', ({ sets, at, radius, expected }) => {
    expect(nearestPoint(sets, at[0], at[1], radius)).toEqual(expected);
  });
});
