import { describe, expect, it } from 'vitest';
import { nearestPoint } from '../../../src/ui/sweep/nearest-point.ts';

const points = [
  { x: 0, y: 0 },
  { x: 10, y: 0 },
  { x: 10, y: 10 },
];

describe('nearestPoint', () => {
  it.each([
    { name: 'on a point', at: [10, 0], radius: 8, expected: 1 },
    // (9, 4): 4.1 px from (10, 0), 6.1 px from (10, 10), 9.8 px from (0, 0).
    { name: 'the nearest of several in reach', at: [9, 4], radius: 8, expected: 1 },
    { name: 'none within the radius', at: [5, 5], radius: 3, expected: -1 },
    // Equally near two: the later one (ties go to the point drawn on top).
    { name: 'a tie', at: [10, 5], radius: 8, expected: 2 },
    { name: 'no points', at: [0, 0], radius: 8, expected: -1, none: true },
  ])('$name', ({ at, radius, expected, none }) => {
    expect(nearestPoint(none ? [] : points, at[0], at[1], radius)).toBe(expected);
  });
});
