/** The race runner: fairness, records, steps, divergence. */
import { describe, expect, it } from 'vitest';
import { validateRace } from '../../src/core/config/validate.ts';
import { mseOf } from '../../src/core/race/optimum.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { RacerRun } from '../../src/core/race/racer-run.ts';
import { epochOrder, runRace } from '../../src/core/race/run-race.ts';
import { isDiverged, type EpochRecord } from '../../src/core/race/record.ts';

function race(spec: Record<string, unknown>) {
  return prepareRace(validateRace({ data: 'crops15', epochs: 3, seed: 5, ...spec }));
}

function records(spec: Record<string, unknown>, timing = false): EpochRecord[] {
  return [...runRace(race(spec), { timing })];
}

describe('steps per epoch follow the batch size (last batch may be smaller)', () => {
  it.each([
    { batchSize: 'full', perEpoch: 1 },
    { batchSize: 15, perEpoch: 1 },
    { batchSize: 1, perEpoch: 15 },
    { batchSize: 4, perEpoch: 4 }, // 4 + 4 + 4 + 3
    { batchSize: 7, perEpoch: 3 }, // 7 + 7 + 1
  ])('batchSize $batchSize → $perEpoch step(s) per epoch', ({ batchSize, perEpoch }) => {
    const rs = records({ racers: [{ id: 'r', optimizer: 'sgd', lr: 1e-5, batchSize }] });
    expect(rs.map((r) => r.steps)).toEqual([0, perEpoch, 2 * perEpoch, 3 * perEpoch]);
  });
});

describe('a fair race', () => {
  const spec = {
    racers: [
      { id: 'a', optimizer: 'sgd', lr: 1e-5, batchSize: 4 },
      { id: 'b', optimizer: 'sgd', lr: 1e-5, batchSize: 4 },
      { id: 'c', optimizer: 'adam', lr: 0.1, batchSize: 2 },
    ],
  };
  const rs = records(spec);

  it('starts every racer from the same weights and loss', () => {
    const starts = rs.filter((r) => r.epoch === 0);
    expect(starts).toHaveLength(3);
    for (const s of starts) expect({ w: s.w, b: s.b, loss: s.loss }).toEqual({ w: starts[0].w, b: starts[0].b, loss: starts[0].loss });
  });

  it('gives identical racers identical trajectories: they see the same batches', () => {
    const a = rs.filter((r) => r.racer === 'a').map(({ racer: _, ...r }) => r);
    const b = rs.filter((r) => r.racer === 'b').map(({ racer: _, ...r }) => r);
    expect(b).toEqual(a);
  });

  it('yields records epoch by epoch across racers', () => {
    expect(rs.map((r) => `${r.racer}${r.epoch}`).join(' ')).toBe('a0 b0 c0 a1 b1 c1 a2 b2 c2 a3 b3 c3');
  });

  it('shuffles with one permutation per epoch, the same for every racer', () => {
    const prepared = race(spec);
    const e1 = epochOrder(prepared, 1)!;
    expect([...e1].sort((x, y) => x - y)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(epochOrder(prepared, 1)).toEqual(e1);
    expect(epochOrder(prepared, 2)).not.toEqual(e1);
    expect(epochOrder(race({ ...spec, shuffle: false }), 1)).toBeNull();
  });
});

describe('records', () => {
  const prepared = race({ holdout: { fraction: 0.2 }, racers: [{ id: 'm', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, batchSize: 3 }] });
  const rs = [...runRace(prepared)];

  it('report the full training-set MSE and hold-out MSE at the recorded weights', () => {
    for (const r of rs) {
      expect(r.loss).toBeCloseTo(mseOf(prepared.train, r), 9);
      expect(r.holdoutLoss).toBeCloseTo(mseOf(prepared.holdout!, r), 9);
    }
  });

  it('have the documented keys in order, with ms measured per epoch', () => {
    expect(Object.keys(rs[1])).toEqual(['racer', 'epoch', 'loss', 'holdoutLoss', 'w', 'b', 'steps', 'ms']);
    expect(rs[0].ms).toBe(0);
    expect(rs[1].ms).toBeGreaterThanOrEqual(0);
  });

  it('give each epoch its chunk’s training time over the chunk’s length, and are the untimed records otherwise', () => {
    // 2,000 epochs of a few µs each: a chunk of one epoch is too short to measure and grows,
    // so the epochs come in runs that share one ms (a chunk), far fewer runs than epochs.
    const spec = { epochs: 2000, racers: [{ id: 'gd', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' }, { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 4 }] };
    const timed = records(spec, true);
    const untimed = records(spec, false);
    expect(timed.map(({ ms: _, ...r }) => r)).toEqual(untimed);
    for (const id of ['gd', 'adam']) {
      const ms = timed.filter((r) => r.racer === id && r.epoch > 0).map((r) => r.ms!);
      const runs = ms.filter((x, i) => i === 0 || x !== ms[i - 1]).length;
      expect(runs, id).toBeLessThan(ms.length / 4);
    }
  });
});

describe('divergence', () => {
  // Full-batch GD on the raw crop data with lr 5e-4 blows up (PyTorch's own run passes
  // 1e8 × the initial loss at epoch 5); the other racer must go on to the end.
  const rs = records({
    epochs: 20,
    shuffle: false,
    racers: [
      { id: 'boom', optimizer: 'sgd', lr: 5e-4, batchSize: 'full' },
      { id: 'calm', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' },
    ],
  });
  const boom = rs.filter((r) => r.racer === 'boom');

  it('stops the racer at the first epoch past 1e8 × its initial loss, marked diverged', () => {
    const last = boom[boom.length - 1];
    expect(last.diverged).toBe(true);
    expect(last.loss!).toBeGreaterThan(1e8 * boom[0].loss!);
    expect(boom.slice(0, -1).every((r) => r.diverged === undefined && r.loss! <= 1e8 * boom[0].loss!)).toBe(true);
  });

  it('a run trained in chunks past its diverged epoch stands where it diverged: epoch, steps, weights', () => {
    // One chunk of 20 epochs trains past epoch 5; settling it stops there (full batch: 1 step an epoch).
    const prepared = race({ epochs: 20, shuffle: false, racers: [{ id: 'boom', optimizer: 'sgd', lr: 5e-4, batchSize: 'full' }] });
    const run = new RacerRun(prepared, prepared.config.racers[0], false);
    run.begin();
    run.trainChunk(20, () => null);
    const settled: number[] = [];
    run.settleChunkInto((steps) => settled.push(steps));
    const last = boom[boom.length - 1];
    expect([run.epoch, run.steps, run.diverged]).toEqual([last.epoch, last.steps, true]);
    expect(settled).toEqual(boom.slice(1).map((r) => r.steps));
    expect([...run.weights, ...run.bias]).toEqual([...last.w.flat(), ...last.b]);
  });

  it('lets the others finish', () => {
    expect(rs.filter((r) => r.racer === 'calm').map((r) => r.epoch).at(-1)).toBe(20);
  });
});

describe('the divergence rule', () => {
  it.each([
    { loss: 5, initial: 5, diverged: false, why: 'a finite epoch 0' },
    { loss: Infinity, initial: Infinity, diverged: true, why: 'an epoch 0 that is not finite' },
    { loss: NaN, initial: NaN, diverged: true, why: 'an epoch 0 that is NaN' },
    { loss: 2e30, initial: 2e30, diverged: true, why: 'an epoch 0 past the 1e30 ceiling' },
    { loss: 1e8, initial: 1, diverged: false, why: 'exactly 1e8 × the initial loss' },
    { loss: 1.5e8, initial: 1, diverged: true, why: 'past 1e8 × the initial loss' },
    { loss: 1e29, initial: 0, diverged: false, why: 'a zero start, below the ceiling' },
    { loss: 1.1e30, initial: 0, diverged: true, why: 'a zero start, past the ceiling' },
    { loss: 1e12, initial: 1e22, diverged: false, why: 'a huge start, below the ceiling' },
  ])('$why: loss $loss from $initial → $diverged', ({ loss, initial, diverged }) => {
    expect(isDiverged(loss, initial)).toBe(diverged);
  });
});

describe('divergence edge cases', () => {
  it('a race whose epoch-0 loss is not finite is diverged at epoch 0 and trains no epoch', () => {
    // Predictions of 1e200 square to Infinity: the mean squared error of the start overflows.
    const rs = [...runRace(prepareRace(validateRace({ data: { inputs: [[1e200], [2e200]], targets: [[1], [2]] }, init: { w: [[1]], b: [0] }, epochs: 5, racers: [{ id: 'r', optimizer: 'sgd', lr: 0.1 }] })), { timing: false })];
    expect(rs.map((r) => [r.epoch, r.loss, r.diverged])).toEqual([[0, null, true]]);
  });

  it('a race that starts at a loss of 0 still diverges, at the 1e30 ceiling', () => {
    // x = ±1, y = x and w = 1, b = 0 fit exactly: loss 0. With lr 1 and weight decay 3 a
    // full-batch step is w ← w − (2(w − 1) + 3w) = 2 − 4w (b stays 0, since mean x = 0), so
    // w − 0.4 = 0.6·(−4)^k and loss = (w − 1)² = 0.36·((−4)^k − 1)²: 4.6e29 at epoch 25,
    // 7.3e30 at epoch 26. Before the ceiling it ran on to the last epoch.
    const rs = [...runRace(prepareRace(validateRace({ data: { inputs: [[1], [-1]], targets: [[1], [-1]] }, init: { w: [[1]], b: [0] }, epochs: 40, shuffle: false, racers: [{ id: 'r', optimizer: 'sgd', lr: 1, weightDecay: 3 }] })), { timing: false })];
    expect(rs[0].loss).toBe(0);
    expect(rs[1].w).toEqual([[-2]]);
    expect(rs[25].loss).toBeCloseTo(0.36 * (4 ** 25 + 1) ** 2, -16);
    expect(rs.at(-1)!.epoch).toBe(26);
    expect(rs.at(-1)!.diverged).toBe(true);
    expect(rs.filter((r) => r.diverged).length).toBe(1);
  });
});

describe('RacerRun', () => {
  it('changes the learning rate from the next epoch on', () => {
    const prepared = race({ shuffle: false, racers: [{ id: 'r', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' }] });
    const slow = new RacerRun(prepared, prepared.config.racers[0], false);
    const zero = new RacerRun(prepared, prepared.config.racers[0], false);
    slow.start();
    zero.start();
    expect(zero.change({ lr: 0 })).toBe(1);
    expect(zero.next(null).w).toEqual(prepared.init.w); // lr 0 leaves the weights where they were
    expect(slow.next(null).w).not.toEqual(prepared.init.w);
  });

  it('refuses to run past its last epoch', () => {
    const prepared = race({ epochs: 1, racers: [{ id: 'r', optimizer: 'sgd', lr: 1e-5 }] });
    const run = new RacerRun(prepared, prepared.config.racers[0]);
    run.start();
    run.next(null);
    expect(run.done).toBe(true);
    expect(() => run.next(null)).toThrow(/finished/);
  });
});

describe('a run keeps its losses in typed arrays, with or without records', () => {
  // crops15 with 3 rows held out; adam at batch 4 and sgd at full batch over 5 epochs.
  const prepared = race({ epochs: 5, holdout: { fraction: 0.2 }, racers: [{ id: 'a', optimizer: 'adam', lr: 0.1, batchSize: 4 }, { id: 'g', optimizer: 'sgd', lr: 1e-5 }] });

  it.each([0, 1])('racer %i: advance() leaves the losses next() records, and builds nothing', (i) => {
    const racer = prepared.config.racers[i];
    const withRecords = new RacerRun(prepared, racer, false);
    const lean = new RacerRun(prepared, racer, false);
    const recorded = [withRecords.start()];
    lean.begin();
    for (let e = 1; e <= 5; e++) {
      recorded.push(withRecords.next(epochOrder(prepared, e)));
      lean.advance(epochOrder(prepared, e));
    }
    expect(Array.from(lean.losses)).toEqual(recorded.map((r) => r.loss));
    expect(Array.from(lean.holdoutLosses!)).toEqual(recorded.map((r) => r.holdoutLoss));
    expect(Array.from(withRecords.losses)).toEqual(Array.from(lean.losses));
    expect(lean.steps).toBe(recorded[5].steps);
    expect(lean.epochMs).toBeNull();
  });
});
