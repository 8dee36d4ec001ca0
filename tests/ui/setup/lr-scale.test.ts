import { describe, expect, it } from 'vitest';
import { lrAt, lrPosition, lrRange, lrSteps } from '../../../src/ui/setup/lr-scale.ts';

describe('lrRange', () => {
  it.each([
    // GD's limit on the raw crop data is 1.1e-4: decade −4, so 1e-7 … 1e-1.
    { name: 'three decades either side of the anchor', lr: 1e-5, anchor: 1.1e-4, expected: { min: 1e-7, max: 1e-1 } },
    { name: 'an exact power of ten is its own decade', lr: 0.1, anchor: 1e-3, expected: { min: 1e-6, max: 1 } },
    { name: 'widened down to hold a tiny lr', lr: 3e-9, anchor: 1e-3, expected: { min: 1e-9, max: 1 } },
    { name: 'widened up to hold a huge lr', lr: 250, anchor: 1e-3, expected: { min: 1e-6, max: 1e3 } },
    { name: 'no lr: the anchor alone', lr: undefined, anchor: 1, expected: { min: 1e-3, max: 1e3 } },
  ])('$name', ({ lr, anchor, expected }) => {
    const range = lrRange(lr, anchor);
    expect(range.min).toBeCloseTo(expected.min, 15);
    expect(range.max / expected.max).toBeCloseTo(1, 12);
  });
});

describe('lr positions', () => {
  const range = { min: 1e-7, max: 1e-1 };
  it('has 20 steps a decade', () => expect(lrSteps(range)).toBe(120));
  it.each([
    { position: 0, lr: 1e-7 },
    { position: 40, lr: 1e-5 },
    // 10^(1/20) = 1.122… → 1.1e-5
    { position: 41, lr: 1.1e-5 },
    // 10^(10/20) = 3.162… → 3.2e-5
    { position: 50, lr: 3.2e-5 },
    { position: 120, lr: 0.1 },
  ])('position $position is lr $lr, and back', ({ position, lr }) => {
    expect(lrAt(position, range)).toBe(lr);
    expect(lrPosition(lr, range)).toBe(position);
  });
  it('clamps a value outside the range to its ends', () => {
    expect(lrPosition(1, range)).toBe(120);
    expect(lrPosition(0, range)).toBe(0);
  });
});
