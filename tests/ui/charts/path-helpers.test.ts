import { describe, expect, it } from 'vitest';
import type { Slice } from '../../../src/core/analysis/loss-surface.ts';
import { contourLevels } from '../../../src/ui/charts/contour-levels.ts';
import { racerPaths, sliceProjector } from '../../../src/ui/charts/racer-paths.ts';
import { handRacer } from './fixture.ts';

/** A slice with L(x, y) = optimumLoss + a·x² + c·y² around the origin, projecting weights to (w₀₀, b₀). */
function bowl(a: number, c: number, optimumLoss: number): Slice {
  return {
    labels: ['x', 'y'],
    center: [0, 0],
    hessian: [
      [a, 0],
      [0, c],
    ],
    optimumLoss,
    project: (weights) => [weights.w[0][0], weights.b[0]],
    moveTo: (weights, x, y) => ({ w: [[x, ...weights.w[0].slice(1)]], b: [y] }),
    lossAt: (x, y) => optimumLoss + a * x * x + c * y * y,
  };
}

describe('contourLevels', () => {
  it.each([
    // corners (±3, ±1): 1 + 9 + 1 = 11; one level between 1 and 11: √11
    { name: 'the largest loss in view is at a corner', slice: bowl(1, 1, 1), domain: { x: [-3, 3], y: [-1, 1] }, count: 1, expected: [Math.sqrt(11)] },
    // the farthest corner is (2, −1): 1 + 100·4 + 1·1 = 402
    { name: 'an ill-conditioned bowl', slice: bowl(100, 1, 1), domain: { x: [0, 2], y: [-1, 0.5] }, count: 1, expected: [Math.sqrt(402)] },
    // 0 + 1·1 + 1·1 = 2 at every corner; optimum 0 raised to 2·1e-6; ratio (1e6)^(1/2) = 1000
    { name: 'a perfect fit (optimum 0)', slice: bowl(1, 1, 0), domain: { x: [-1, 1], y: [-1, 1] }, count: 1, expected: [2e-3] },
  ])('$name', ({ slice, domain, count, expected }) => {
    const levels = contourLevels(slice, domain as { x: [number, number]; y: [number, number] }, count);
    expect(levels).toHaveLength(expected.length);
    levels.forEach((l, i) => expect(l).toBeCloseTo(expected[i], 9));
  });
});

describe('racerPaths', () => {
  it('projects each recorded epoch and drops points that are not finite', () => {
    const r = handRacer('a', [9, 5, null]);
    // epoch 2's weights overflowed
    const history = r.history.map((h) => (h.epoch === 2 ? { ...h, w: [[Infinity]] } : h));
    const [path] = racerPaths([{ ...r, history, status: 'diverged', divergedAt: 2 }], bowl(1, 1, 0));
    // handRacer: w = [[epoch]], b = [0]
    expect(path.points).toEqual([
      { x: 0, y: 0, epoch: 0, loss: 9 },
      { x: 1, y: 0, epoch: 1, loss: 5 },
    ]);
    expect(path.diverged).toBe(true);
  });
});

describe('sliceProjector', () => {
  it('projects each recorded epoch once, however many redraws ask for it', () => {
    const slice = bowl(1, 1, 0);
    let calls = 0;
    const project = sliceProjector({ project: (w) => (calls++, slice.project(w)) });
    const [first, second] = handRacer('a', [9, 5]).history;
    const p = project(first);
    expect(p).toEqual({ x: 0, y: 0, epoch: 0, loss: 9 });
    expect(project(first)).toBe(p);
    expect(project(second)).toEqual({ x: 1, y: 0, epoch: 1, loss: 5 });
    expect(calls).toBe(2);
  });

  it('remembers that a point has no place on the slice', () => {
    let calls = 0;
    const project = sliceProjector({ project: () => (calls++, [NaN, 0]) });
    const [h] = handRacer('a', [1]).history;
    expect(project(h)).toBeNull();
    expect(project(h)).toBeNull();
    expect(calls).toBe(1);
  });
});
