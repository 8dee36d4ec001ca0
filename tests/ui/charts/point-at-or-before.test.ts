import { describe, expect, it } from 'vitest';
import { pointAtOrBefore } from '../../../src/ui/charts/point-at-or-before.ts';

describe('pointAtOrBefore', () => {
  const points = [{ x: 0 }, { x: 1 }, { x: 2 }, { x: 2 }, { x: 5 }];
  const key = (p: { x: number }) => p.x;

  it.each([
    { name: 'exactly on a point', x: 1, expected: 1 },
    { name: 'between points: the one before', x: 3.9, expected: 3 }, // the last of the two at x = 2
    { name: 'repeated keys: the last of them', x: 2, expected: 3 },
    { name: 'past the end: the last point', x: 99, expected: 4 },
    { name: 'at the first point', x: 0, expected: 0 },
    { name: 'before the first point: none', x: -0.5, expected: null },
  ])('$name (x = $x)', ({ x, expected }) => {
    const found = pointAtOrBefore(points, x, key);
    expect(found === null ? null : points.indexOf(found)).toBe(expected);
  });

  it('finds nothing in an empty list', () => {
    expect(pointAtOrBefore([], 1, key)).toBeNull();
  });
});
