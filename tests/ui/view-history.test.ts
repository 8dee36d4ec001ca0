/** The bounded per-racer history the charts draw. */
import { describe, expect, it } from 'vitest';
import { ViewHistory } from '../../src/ui/view-history.ts';

function fill(losses: (number | null)[], capacity: number): ViewHistory {
  const h = new ViewHistory(capacity);
  losses.forEach((loss, epoch) => h.push({ epoch, loss, steps: epoch * 2, ms: 1, w: [[epoch]], b: [0] }));
  return h;
}

describe('ViewHistory', () => {
  it('keeps every epoch while there is room', () => {
    const h = fill([5, 4, 3], 4);
    expect(h.points().map((p) => p.epoch)).toEqual([0, 1, 2]);
  });

  it('sums the epochs\' ms into cumulativeMs', () => {
    const h = fill([5, 4, 3], 4);
    expect(h.points().map((p) => p.cumulativeMs)).toEqual([1, 2, 3]);
  });

  it('past capacity, keeps each window\'s lowest, highest and last epoch', () => {
    // capacity 2: epochs 0–1 and 2–3 fill it; epoch 4 merges into windows of 2… then 4.
    // losses:      0  1  2  3  4  5  6  7
    const h = fill([9, 1, 8, 7, 2, 6, 5, 3], 2);
    // windows of 4 epochs: [0..3] min 1@1, max 9@0, last 7@3; [4..7] min 2@4, max 6@5, last 3@7
    expect(h.points().map((p) => p.epoch)).toEqual([0, 1, 3, 4, 5, 7]);
  });

  it('counts a non-finite loss as the highest, so a blow-up is never dropped', () => {
    const h = fill([3, 2, 1, null, 1, 1, 1, 1], 2);
    expect(h.points().some((p) => p.loss === null && p.epoch === 3)).toBe(true);
  });

  it('stays bounded whatever the number of epochs', () => {
    const h = fill(Array.from({ length: 10_000 }, (_, i) => Math.sin(i)), 64);
    const points = h.points();
    expect(points.length).toBeLessThanOrEqual(3 * 64);
    expect(points[0].epoch).toBe(0);
    expect(points.at(-1)!.epoch).toBe(9_999);
    expect(h.latest!.epoch).toBe(9_999);
  });
});
