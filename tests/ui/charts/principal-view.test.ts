import { describe, expect, it } from 'vitest';
import { principalView, symlogTicks } from '../../../src/ui/charts/principal-view.ts';

describe('principalView', () => {
  // λ₁ = 100, λ₂ = 1; the paths span x ∈ [−2, 1], y ∈ [−3, 0.5].
  const view = principalView({ x: [-2, 1], y: [-3, 0.5] }, [100, 1], 5, 10);
  it('is symmetric about the optimum', () => {
    expect(view.x).toEqual([-2, 2]);
    expect(view.y).toEqual([-3, 3]);
  });
  it('has four closed levels up to 0.8 × the largest ellipse that fits', () => {
    // fit = min(100·2², 1·3²) = 9: the ellipse of excess 9 touches y = ±3.
    const excess = view.levels.map((l) => l - 5);
    expect(view.closed).toBe(4);
    expect(excess[0]).toBeCloseTo(0.009, 12);
    expect(excess[3]).toBeCloseTo(7.2, 12);
    // each closed ellipse's half-widths √(e/λ) stay inside the view
    for (const e of excess.slice(0, 4)) {
      expect(Math.sqrt(e / 100)).toBeLessThan(2);
      expect(Math.sqrt(e / 1)).toBeLessThan(3);
    }
  });
  it('continues geometrically to the corner loss', () => {
    const excess = view.levels.map((l) => l - 5);
    expect(excess).toHaveLength(10);
    // corner excess 100·4 + 9 = 409
    expect(excess[9]).toBeLessThan(409);
    expect(excess[9]).toBeGreaterThan(excess[8]);
  });
  it('sets each constant to the third ellipse half-width on its axis', () => {
    const third = view.levels[2] - 5;
    expect(view.cx).toBeCloseTo(Math.sqrt(third / 100), 12);
    expect(view.cy).toBeCloseTo(Math.sqrt(third), 12);
  });
});

describe('symlogTicks', () => {
  it.each([
    { name: 'powers of ten above the constant, both sides', max: 5, constant: 0.003, count: 5, expected: [-1, -0.1, -0.01, 0, 0.01, 0.1, 1] },
    { name: 'thinned to count a side', max: 1e4, constant: 1e-5, count: 3, expected: [-1e4, -10, -1e-2, 0, 1e-2, 10, 1e4] },
    { name: 'just 0 when the view is inside the linear part', max: 0.5, constant: 1, count: 4, expected: [0] },
  ])('$name', ({ max, constant, count, expected }) => {
    const ticks = symlogTicks(max, constant, count);
    expect(ticks.length).toBe(expected.length);
    ticks.forEach((t, i) => expect(t).toBeCloseTo(expected[i], 12));
  });
});
