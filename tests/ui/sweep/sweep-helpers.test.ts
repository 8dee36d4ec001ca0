import { describe, expect, it } from 'vitest';
import type { RaceConfigSpec } from '../../../src/core/config/schema.ts';
import { defaultRace } from '../../../src/default-race.ts';
import { labelledMessage } from '../../../src/ui/field-labels.ts';
import { handRacers } from '../../../src/ui/sweep/hand-racers.ts';
import { raceIt } from '../../../src/ui/sweep/race-it.ts';
import { sweepSpec, withSweep, withoutSweep, type AxisDraft } from '../../../src/ui/sweep/sweep-draft.ts';
import { sweepProgress } from '../../../src/ui/sweep/sweep-progress.ts';
import { validateRace } from '../../../src/core/config/validate.ts';
import { ConfigError } from '../../../src/core/config/errors.ts';
import { makeRace } from '../charts/fixture.ts';
import { run } from './fixture.ts';

const lrAxis = (fields: Partial<AxisDraft> = {}): AxisDraft => ({ name: 'lr', mode: 'range', from: '1e-7', to: '1e-3', points: '12', scale: 'log', values: '', ...fields });

function message(spec: RaceConfigSpec): string {
  try {
    validateRace(spec);
  } catch (e) {
    if (e instanceof ConfigError) return labelledMessage(e.message, spec);
    throw e;
  }
  return 'valid';
}

describe('sweepSpec: the form\'s text as a sweeps entry', () => {
  it.each([
    { name: 'a log range', axes: [lrAxis()], expected: { racer: 'sgd', lr: { from: 1e-7, to: 1e-3, points: 12, scale: 'log' } } },
    { name: 'a list of values', axes: [lrAxis({ name: 'momentum', mode: 'values', values: '0, 0.5 0.9' })], expected: { racer: 'sgd', momentum: { values: [0, 0.5, 0.9] } } },
    { name: 'batch sizes with full', axes: [lrAxis({ name: 'batchSize', mode: 'values', values: '1, 4, full' })], expected: { racer: 'sgd', batchSize: { values: [1, 4, 'full'] } } },
    { name: 'text that is not a number stays text (the validator names it)', axes: [lrAxis({ from: 'abc' })], expected: { racer: 'sgd', lr: { from: 'abc', to: 1e-3, points: 12, scale: 'log' } } },
  ])('$name', ({ axes, expected }) => {
    expect(sweepSpec({ racer: 'sgd', axes })).toEqual(expected);
  });

  it('a range test: from and to as numbers, no axes', () => {
    expect(sweepSpec({ racer: 'sgd', axes: [], rangeTest: { from: ' 1e-7', to: '1' } })).toEqual({ racer: 'sgd', rangeTest: { from: 1e-7, to: 1 } });
  });
});

describe('a mistake in the form is reported by the field\'s label', () => {
  it.each([
    { name: 'from not a number', axes: [lrAxis({ from: 'abc' })], expected: /^From \(learning rate\) of sweep 1 must be/ },
    { name: 'from 0 on a log scale', axes: [lrAxis({ from: '0' })], expected: /^From \(learning rate\) of sweep 1 must be above 0 on a log scale/ },
    { name: 'one point', axes: [lrAxis({ points: '1' })], expected: /^Points \(learning rate\) of sweep 1 must be/ },
    { name: 'a bad value in a list', axes: [lrAxis({ name: 'momentum', mode: 'values', values: '0, -1' })], expected: /^Value 2 of momentum of sweep 1 must be/ },
    { name: 'a hyperparameter the optimizer lacks', axes: [lrAxis({ name: 'alpha' })], expected: /^Sweep 1: "alpha" cannot be swept for sgd/ },
  ])('$name', ({ axes, expected }) => {
    expect(message(withSweep(defaultRace, sweepSpec({ racer: 'sgd', axes })))).toMatch(expected);
  });

  it.each([
    { name: 'range test from 0', rangeTest: { from: '0', to: '1' }, expected: 'From (learning-rate range test) of sweep 1 must be a learning rate above 0, got 0' },
    { name: 'range test to below from', rangeTest: { from: '1e-3', to: '1e-5' }, expected: 'To (learning-rate range test) of sweep 1 must be greater than from (0.001), got 0.00001' },
    { name: 'range test from left empty', rangeTest: { from: '', to: '1' }, expected: /^From \(learning-rate range test\) of sweep 1 must be/ },
  ])('$name', ({ rangeTest, expected }) => {
    const text = message(withSweep(defaultRace, sweepSpec({ racer: 'sgd', axes: [], rangeTest })));
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
  });
});

describe('withSweep / withoutSweep', () => {
  it('appends a sweep and removes one, keeping the rest of the config', () => {
    const one = withSweep(defaultRace, { racer: 'sgd', lr: { values: [1e-5] } });
    const two = withSweep(one, { racer: 'adam', lr: { values: [0.1] } });
    expect(two.sweeps!.map((s) => s.racer)).toEqual(['sgd', 'adam']);
    expect(withoutSweep(two, 0).sweeps!.map((s) => s.racer)).toEqual(['adam']);
    expect(withoutSweep(one, 0)).toEqual(defaultRace);
  });
});

describe('raceIt', () => {
  it('adds the base racer with the run\'s values under a new id, and keeps the sweep', () => {
    const spec = withSweep(defaultRace, { racer: 'mini', lr: { values: [3e-5] } });
    const out = raceIt(spec, { id: 'mini lr=3e-5', label: 'Mini-batch lr=3e-5', sweep: { sweep: 0, base: 'mini', point: [0], values: { lr: 3e-5 } } }, ['mini lr=3e-5']);
    expect(out.racers.at(-1)).toEqual({ id: 'mini lr=3e-5 raced', label: 'Mini-batch lr=3e-5', optimizer: 'sgd', lr: 3e-5, batchSize: 4 });
    expect(out.sweeps).toEqual(spec.sweeps);
    expect(() => validateRace(out)).not.toThrow();
    const again = raceIt(out, { id: 'mini lr=3e-5', label: 'Mini-batch lr=3e-5', sweep: { sweep: 0, base: 'mini', point: [0], values: { lr: 3e-5 } } }, []);
    expect(again.racers.at(-1)!.id).toBe('mini lr=3e-5 raced 2');
  });
});

describe('handRacers', () => {
  it('drops the sweep runs and returns the same view for the same view', () => {
    const race = makeRace({ epochs: 2 });
    expect(handRacers(race)).toBe(race);
    const swept = { ...race, racers: [...race.racers, { ...race.racers[0], id: 'gd lr=1', sweep: { sweep: 0, base: 'gd', point: [0], values: { lr: 1 } } }] };
    expect(handRacers(swept).racers.map((r) => r.id)).toEqual(race.racers.map((r) => r.id));
    expect(handRacers(swept)).toBe(handRacers(swept));
  });
});

describe('sweepProgress', () => {
  const done = run('a', { lr: 1 }, [0], [3, 2, 1]);
  const diverged = run('b', { lr: 2 }, [1], [3, Infinity], true);
  const halfway = { ...run('c', { lr: 3 }, [2], [3, 2]), done: false };
  // A range test that stopped after epoch 1 of 2: done, and counted as stopped, not finished.
  const stopped = { ...run('d', {}, [], [3, 13]), stopped: true, stoppedAt: 1 };
  // Cancelled after epoch 1 of 2: done, but it trained (and counts) 1 epoch, and none is left.
  const cancelled = { ...run('e', { lr: 4 }, [3], [3, 2]), cancelled: true };
  it.each([
    { name: 'before any time passed', runs: [done, diverged, halfway], elapsed: 0, expected: { total: 3, finished: 1, diverged: 1, stopped: 0, cancelled: 0, fraction: 5 / 6, runsPerSecond: null, secondsLeft: null } },
    // 5 epochs of 6 (epochs 2 each) in 2 s: 2.5 runs in 2 s = 1.25 runs/s; half a run left: 0.4 s.
    { name: 'after 2 s', runs: [done, diverged, halfway], elapsed: 2000, expected: { total: 3, finished: 1, diverged: 1, stopped: 0, cancelled: 0, fraction: 5 / 6, runsPerSecond: 1.25, secondsLeft: 0.4 } },
    // A stopped run counts as all its epochs, like a diverged one: 2 + 2 + 2 + 1 = 7 of 8 epochs,
    // 3.5 runs in 4 s = 0.875 runs/s; half a run left: 0.5 / 0.875 = 0.571 s.
    { name: 'a stopped range test', runs: [done, diverged, stopped, halfway], elapsed: 4000, expected: { total: 4, finished: 1, diverged: 1, stopped: 1, cancelled: 0, fraction: 7 / 8, runsPerSecond: 0.875, secondsLeft: 0.571429 } },
    // Cancelled while two runs were at epoch 1 of 2: each counts the 1 epoch it trained,
    // 2 + 2 + 1 + 1 = 6 of 8 epochs (3 runs' worth in 3 s: 1 run/s), and nothing is left.
    { name: 'after Cancel', runs: [done, diverged, cancelled, { ...halfway, done: true, cancelled: true }], elapsed: 3000, expected: { total: 4, finished: 1, diverged: 1, stopped: 0, cancelled: 2, fraction: 6 / 8, runsPerSecond: 1, secondsLeft: 0 } },
  ])('$name', ({ runs, elapsed, expected }) => {
    const p = sweepProgress(runs, 2, elapsed);
    expect({ ...p, secondsLeft: p.secondsLeft === null ? null : Number(p.secondsLeft.toFixed(6)) }).toEqual(expected);
  });
});
