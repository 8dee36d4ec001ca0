/**
 * How far the controller lets the workers run: by hand-worked cases of each clock and speed.
 */
import { describe, expect, it } from 'vitest';
import { horizonFor, unbounded, type HorizonInput } from '../../src/race/horizon.ts';

const base: HorizonInput = {
  clock: 'epochs',
  speed: 'max',
  workers: 2,
  now: 1000,
  pace: { time: 0, epoch: 0, ms: 0 },
  slowest: { epoch: 40, spentMs: 12 },
  batch: { epochs: 8, ms: 5 },
  cheapestCost: 0.5,
  batchMs: 16,
};

describe('horizonFor', () => {
  it.each([
    { why: 'max speed, one worker: nothing bounds it', x: { workers: 1 }, horizon: { epoch: Infinity, ms: Infinity } },
    { why: 'max speed, one worker, compute clock: nothing bounds it either', x: { workers: 1, clock: 'compute' as const }, horizon: { epoch: Infinity, ms: Infinity } },
    { why: 'max speed, two workers: one streamed batch past the slowest racer (40 + 8)', x: {}, horizon: { epoch: 48, ms: Infinity } },
    { why: 'max speed, two workers, compute clock: a batch of training time past the slowest (12 + max(16, 5))', x: { clock: 'compute' as const }, horizon: { epoch: Infinity, ms: 28 } },
    { why: '60 epochs a second, 1 s in: 60 epochs are due, but never past the slowest + 1', x: { speed: 60 }, horizon: { epoch: 41, ms: Infinity } },
    { why: '30 epochs a second, 1 s in: 30 are due, behind the slowest + 1', x: { speed: 30 }, horizon: { epoch: 30, ms: Infinity } },
  ])('$why', ({ x, horizon }) => {
    expect(horizonFor({ ...base, ...x })).toEqual(horizon);
  });

  it('is unbounded exactly at max speed on one worker', () => {
    expect([unbounded('max', 1), unbounded('max', 0), unbounded('max', 2), unbounded(60, 1)]).toEqual([true, true, false, false]);
  });
});
