import { describe, expect, it } from 'vitest';
import { pathDomain } from '../../../src/ui/charts/path-domain.ts';
import type { PathPoint, RacerPath } from '../../../src/ui/charts/racer-paths.ts';

const path = (id: string, points: [number, number, number | null][], diverged = false): RacerPath => ({
  id,
  label: id,
  color: '#000000',
  diverged,
  points: points.map(([x, y, loss], epoch): PathPoint => ({ x, y, loss, epoch })),
});

describe('pathDomain', () => {
  it.each([
    {
      // x: 0…10 padded by 10% of 10; y: −2…2 (the centre at 0) by 10% of 4
      name: 'every point and the optimum, padded by a fraction of each span',
      paths: [path('a', [[10, 2, 100], [5, 1, 10]]), path('b', [[10, 2, 100], [0, -2, 5]])],
      center: [1, 0] as [number, number],
      expected: { x: [-1, 11], y: [-2.4, 2.4] },
    },
    {
      // the optimum alone widens nothing; x and y are independent
      name: 'independent axes',
      paths: [path('a', [[0, 0, 4], [1000, 0.001, 1]])],
      center: [0, 0] as [number, number],
      expected: { x: [-100, 1100], y: [-0.0001, 0.0011] },
    },
    {
      // the diverged racer's last point has loss 1e9 > 100, the others' highest: left out;
      // x −20…10 padded by 3 is −23…13, a span of 36 that rounds to steps of 2: −24…14
      name: 'a diverging path beyond the others\' highest loss leaves the view',
      paths: [path('a', [[10, 2, 100], [0, 0, 1]]), path('boom', [[10, 2, 100], [-20, 4, 50], [1e6, -1e6, 1e9], [NaN, NaN, null]], true)],
      center: [0, 0] as [number, number],
      expected: { x: [-24, 14], y: [-0.4, 4.4] },
    },
    {
      // one point at the optimum: ±1 around zero
      name: 'a single point at zero',
      paths: [path('a', [[0, 0, 1]])],
      center: [0, 0] as [number, number],
      expected: { x: [-1, 1], y: [-1, 1] },
    },
    {
      // y span 0: ±10% of 5
      name: 'a flat axis gets ±10% of its value',
      paths: [path('a', [[0, 5, 2], [10, 5, 1]])],
      center: [10, 5] as [number, number],
      expected: { x: [-1, 11], y: [4.5, 5.5] },
    },
  ])('$name', ({ paths, center, expected }) => {
    const domain = pathDomain(paths, [center], 0.1);
    [0, 1].forEach((i) => {
      expect(domain.x[i]).toBeCloseTo(expected.x[i], 9);
      expect(domain.y[i]).toBeCloseTo(expected.y[i], 9);
    });
  });

  it('keeps every anchor in view, before any racer has a point', () => {
    // the optimum (0, 0) and the start (10, −4): x 0…10 padded by 0.8, y −4…0 by 0.32, rounded
    // out to steps of 0.5 and 0.2
    expect(pathDomain([path('a', [])], [[0, 0], [10, -4]])).toEqual({ x: [-1, 11], y: [-4.4, 0.4] });
  });

  it('holds still while a path grows a little, and widens by round steps when it grows more', () => {
    const grown = (x: number) => pathDomain([path('a', [[9, 2, 100], [0, -2, 5], [x, 0, 4]])], [[1, 0]], 0.1);
    // x 0…9 padded by 0.9 is −0.9…9.9, rounded out to steps of 0.5: −1…10; y −2…2 padded: −2.4…2.4
    expect(grown(5)).toEqual({ x: [-1, 10], y: [-2.4, 2.4] });
    // 0…9.05 padded is −0.905…9.955: the same round view
    expect(grown(9.05)).toEqual({ x: [-1, 10], y: [-2.4, 2.4] });
    // 0…9.5 padded is −0.95…10.45: the next round number up
    expect(grown(9.5).x).toEqual([-1, 10.5]);
  });
});
