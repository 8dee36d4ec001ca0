/** The bounded per-racer history the charts draw. */
import { describe, expect, it } from 'vitest';
import type { RecordBatch } from '../../src/race/index.ts';
import { ViewHistory } from '../../src/ui/view-history.ts';

/** A batch of a 1-input, 1-output racer: w = epoch, b = −epoch, 2 steps and 1 ms per epoch. */
function batch(from: number, losses: (number | null)[]): RecordBatch {
  const n = losses.length;
  const epochs = Array.from({ length: n }, (_, i) => from + i);
  return {
    racer: 'r',
    from,
    count: n,
    inputs: 1,
    outputs: 1,
    loss: Float64Array.from(losses, (l) => (l === null ? NaN : l)),
    holdoutLoss: null,
    w: Float64Array.from(epochs),
    b: Float64Array.from(epochs, (e) => -e),
    steps: Float64Array.from(epochs, (e) => 2 * e),
    ms: new Float64Array(n).fill(1),
    diverged: false,
  };
}

function fill(losses: (number | null)[], capacity: number, batchSize = 3): ViewHistory {
  const h = new ViewHistory(capacity);
  for (let from = 0; from < losses.length; from += batchSize) h.append(batch(from, losses.slice(from, from + batchSize)));
  return h;
}

describe('ViewHistory', () => {
  it('gives the same points, and version, until records arrive: an idle racer is not redrawn', () => {
    const h = fill([5, 4, 3], 8);
    const [points, version] = [h.points(), h.version];
    expect(h.points()).toBe(points);
    expect(h.version).toBe(version);
    h.append(batch(3, []));
    expect(h.points()).toBe(points);
    h.append(batch(3, [2]));
    expect(h.version).toBe(version + 1);
    expect(h.points()).not.toBe(points);
    expect(h.points().map((p) => p.epoch)).toEqual([0, 1, 2, 3]);
    // points already drawn are the same objects: their projections are reused too
    expect(h.points()[1]).toBe(points[1]);
  });

  it('keeps every epoch while there is room, as whole points', () => {
    const h = fill([5, 4, 3], 4);
    expect(h.points()).toEqual([
      { epoch: 0, loss: 5, steps: 0, ms: 1, cumulativeMs: 1, w: [[0]], b: [-0] },
      { epoch: 1, loss: 4, steps: 2, ms: 1, cumulativeMs: 2, w: [[1]], b: [-1] },
      { epoch: 2, loss: 3, steps: 4, ms: 1, cumulativeMs: 3, w: [[2]], b: [-2] },
    ]);
  });

  it('past capacity, keeps each window\'s lowest, highest and last epoch', () => {
    // capacity 2: windows merge to 2 epochs, then 4.
    // losses:      0  1  2  3  4  5  6  7
    const h = fill([9, 1, 8, 7, 2, 6, 5, 3], 2);
    // [0..3]: min 1@1, max 9@0, last 7@3; [4..7]: min 2@4, max 6@5, last 3@7
    expect(h.points().map((p) => p.epoch)).toEqual([0, 1, 3, 4, 5, 7]);
  });

  it('counts a non-finite loss as the highest, so a blow-up is never dropped', () => {
    const h = fill([3, 2, 1, null, 1, 1, 1, 1], 2);
    expect(h.points().find((p) => p.epoch === 3)?.loss).toBeNull();
  });

  it('stays bounded whatever the number of epochs, with epoch 0 and the latest always there', () => {
    const h = fill(Array.from({ length: 10_000 }, (_, i) => Math.sin(i)), 64, 250);
    const points = h.points();
    expect(points.length).toBeLessThanOrEqual(3 * 64 + 1);
    expect(points[0].epoch).toBe(0);
    expect(points.at(-1)!.epoch).toBe(9_999);
    expect(h.latest).toMatchObject({ epoch: 9_999, w: [[9_999]], cumulativeMs: 10_000 });
  });

  it('keeps the same points whether epochs arrive one by one or thousands to a batch', () => {
    const losses = Array.from({ length: 5_000 }, (_, i) => (i % 97 === 13 ? null : 1 + Math.sin(i / 7) + 1 / (i + 1)));
    const oneByOne = fill(losses, 32, 1).points();
    for (const size of [7, 64, 5_000]) expect(fill(losses, 32, size).points()).toEqual(oneByOne);
  });
});

describe('ViewHistory of a range test', () => {
  it('keeps each point\'s lr (what the range-test chart plots the loss against), and none for other racers', () => {
    const h = new ViewHistory(8);
    // lr 1e-3 · 10^epoch at epochs 0, 1, 2.
    h.append({ ...batch(0, [5, 4, 9]), lr: Float64Array.of(1e-3, 1e-2, 1e-1), stopped: true });
    expect(h.points().map((p) => [p.epoch, p.lr])).toEqual([
      [0, 1e-3],
      [1, 1e-2],
      [2, 1e-1],
    ]);
    expect(h.latest!.lr).toBe(1e-1);
    expect('lr' in fill([5, 4], 8).points()[0]).toBe(false);
  });
});
