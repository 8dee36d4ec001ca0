/**
 * What the page keeps of a sweep's run (RunTally): best loss, the first epoch within each
 * target gap, the latest record, and a bounded curve. Optimum loss 1 throughout, so the gap
 * 0.25 is reached at a loss of 1.25 or less, 0.01 at 1.01 or less.
 */
import { describe, expect, it } from 'vitest';
import type { RecordBatch } from '../../../src/race/index.ts';
import { RunTally } from '../../../src/ui/sweep/run-tally.ts';

/** A batch of a 1-input, 1-output run from epoch `from`: w = epoch, b = −epoch, 4 steps and 1 ms an epoch. */
function batch(from: number, losses: number[], lr?: number[]): RecordBatch {
  const epochs = losses.map((_, i) => from + i);
  return {
    racer: 'r',
    from,
    count: losses.length,
    inputs: 1,
    outputs: 1,
    loss: Float64Array.from(losses),
    holdoutLoss: null,
    w: Float64Array.from(epochs),
    b: Float64Array.from(epochs, (e) => -e),
    steps: Float64Array.from(epochs, (e) => 4 * e),
    ms: new Float64Array(losses.length).fill(1),
    diverged: false,
    ...(lr ? { lr: Float64Array.from(lr) } : {}),
  };
}

describe('RunTally', () => {
  it.each([
    // 10 → 3 → 1.2 → 1.005 → 2: best 1.005 at epoch 3; within 25% (≤ 1.25) first at epoch 2, within 1% (≤ 1.01) at 3.
    { name: 'a run that gets close, then worse', batches: [[10, 3], [1.2, 1.005, 2]], best: [1.005, 3], reached: { 0.25: 2, 0.01: 3, 1: 2 }, latest: [4, 2] },
    // NaN (a diverged epoch) is never best and never within a gap.
    { name: 'a run that diverges', batches: [[10, 5], [NaN]], best: [5, 1], reached: { 0.25: null, 0.01: null, 1: null }, latest: [2, null] },
  ])('$name: best, first within each gap, latest', ({ batches, best, reached, latest }) => {
    const t = new RunTally(1);
    let from = 0;
    for (const losses of batches) {
      t.add(batch(from, losses));
      from += losses.length;
    }
    expect([t.bestLoss, t.bestEpoch]).toEqual(best);
    for (const [gap, epoch] of Object.entries(reached)) expect(t.reached(Number(gap)), `gap ${gap}`).toBe(epoch);
    expect([t.epoch, t.loss]).toEqual(latest);
    // The latest record as a chart point, weights included: w = epoch, b = −epoch; 4 steps and 1 ms an epoch.
    const e = latest[0]!;
    expect(t.latest).toEqual({ epoch: e, loss: latest[1], steps: 4 * e, ms: 1, cumulativeMs: e + 1, w: [[e]], b: [-e] });
  });

  it('refuses a gap the leaderboard does not offer (a bug, not a user mistake)', () => {
    expect(() => new RunTally(1).reached(0.3)).toThrow('the target gap 0.3 is not one of 0.01, 0.05, 0.1, 0.25, 0.5, 1');
  });

  it('keeps every epoch while the curve has room, then every 2nd, 4th…, always ending with the latest', () => {
    const t = new RunTally(1, 4);
    t.add(batch(0, [9, 8, 7]));
    expect(t.curve().map((p) => p.epoch)).toEqual([0, 1, 2]);
    // Epoch 4 does not fit 4 points: the curve keeps epochs 0 and 2, then 4 (stride 2); 5 is the latest.
    t.add(batch(3, [6, 5, 4]));
    expect(t.curve().map((p) => [p.epoch, p.loss])).toEqual([
      [0, 9],
      [2, 7],
      [4, 5],
      [5, 4],
    ]);
    // The same array until the next add.
    expect(t.curve()).toBe(t.curve());
  });

  it("keeps a range test's lr with each curve point", () => {
    const t = new RunTally(1, 8, true);
    t.add(batch(0, [9, 3, 13], [1e-6, 1e-5, 1e-4]));
    expect(t.curve()).toEqual([
      { epoch: 0, loss: 9, lr: 1e-6 },
      { epoch: 1, loss: 3, lr: 1e-5 },
      { epoch: 2, loss: 13, lr: 1e-4 },
    ]);
    expect(t.latest!.lr).toBe(1e-4);
  });
});
