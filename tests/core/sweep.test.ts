/**
 * Sweeps in the config: the validator expands them into racers (ids, order, values, origin)
 * and refuses a bad one with a message naming the field. crops5 has 5 rows, so batch sizes
 * go from 1 to 5.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/config/errors.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import type { Racer } from '../../src/core/config/schema.ts';

type Config = Record<string, unknown>;

function race(sweeps: unknown, racers: Config[] = [{ id: 'a', optimizer: 'sgd', lr: 0.01 }], epochs = 3): Config {
  return { data: 'crops5', epochs, racers, sweeps };
}

const ids = (racers: readonly Racer[]) => racers.map((r) => r.id);

describe('validateRace expands a grid sweep into racers after the written ones', () => {
  const cases: { name: string; sweeps: unknown[]; racers?: Config[]; expected: string[] }[] = [
    {
      // 10^-4, 10^-3, 10^-2: the middle point of a 3-point log range is the geometric mean.
      name: 'lr on a log scale, 3 points',
      sweeps: [{ racer: 'a', lr: { from: 1e-4, to: 1e-2, points: 3, scale: 'log' } }],
      expected: ['a', 'a lr=1e-4', 'a lr=0.001', 'a lr=0.01'],
    },
    {
      // 0 + k · 0.9 / 3: 0, 0.3, 0.6, 0.9.
      name: 'momentum on a linear scale, 4 points',
      sweeps: [{ racer: 'a', momentum: { from: 0, to: 0.9, points: 4, scale: 'linear' } }],
      expected: ['a', 'a momentum=0', 'a momentum=0.3', 'a momentum=0.6', 'a momentum=0.9'],
    },
    {
      name: 'values listed by hand keep the form they were written in',
      sweeps: [{ racer: 'a', lr: { values: [0.5, 1e-5, 0.125] } }],
      expected: ['a', 'a lr=0.5', 'a lr=1e-5', 'a lr=0.125'],
    },
    {
      name: 'two hyperparameters: the first written is the outer loop',
      sweeps: [{ racer: 'a', lr: { values: [0.1, 0.2] }, momentum: { values: [0, 0.9] } }],
      expected: ['a', 'a lr=0.1 momentum=0', 'a lr=0.1 momentum=0.9', 'a lr=0.2 momentum=0', 'a lr=0.2 momentum=0.9'],
    },
    {
      name: 'batch size, "full" included',
      sweeps: [{ racer: 'a', batchSize: { values: [1, 2, 'full'] } }],
      expected: ['a', 'a batchSize=1', 'a batchSize=2', 'a batchSize=full'],
    },
    {
      // 1 · 5^(k/2) for k = 0, 1, 2: 1, 2.236, 5, rounded to whole rows.
      name: 'batch size from a log range is rounded to whole rows',
      sweeps: [{ racer: 'a', batchSize: { from: 1, to: 5, points: 3, scale: 'log' } }],
      expected: ['a', 'a batchSize=1', 'a batchSize=2', 'a batchSize=5'],
    },
    {
      name: 'two sweeps over two racers, in sweep order',
      racers: [{ id: 'a', optimizer: 'sgd', lr: 0.01 }, { id: 'b', optimizer: 'adam' }],
      sweeps: [{ racer: 'b', eps: { values: [1e-8, 1e-6] } }, { racer: 'a', weightDecay: { values: [0, 0.1] } }],
      expected: ['a', 'b', 'b eps=1e-8', 'b eps=1e-6', 'a weightDecay=0', 'a weightDecay=0.1'],
    },
  ];

  it.each(cases)('$name', ({ sweeps, racers, expected }) => {
    expect(ids(validateRace(race(sweeps, racers)).config.racers)).toEqual(expected);
  });

  it("writes the issue's example id: 25 log points from 1e-7 to 1e-3 hold 10^-5.5 ≈ 3.2e-6", () => {
    const { racers } = validateRace(
      race([{ racer: 'sgd', lr: { from: 1e-7, to: 1e-3, points: 25, scale: 'log' }, momentum: { values: [0, 0.5, 0.9, 0.99] } }], [{ id: 'sgd', optimizer: 'sgd', lr: 1e-5 }]),
    ).config;
    expect(racers).toHaveLength(1 + 25 * 4);
    // Point 9 of 24 steps over 4 decades: 10^(−7 + 9 · 4/24) = 10^−5.5.
    const run = racers.find((r) => r.id === 'sgd lr=3.2e-6 momentum=0.9')!;
    expect(run.options.lr).toBeCloseTo(10 ** -5.5, 18);
    expect(run.sweep).toEqual({ sweep: 0, base: 'sgd', point: [9, 2], values: { lr: run.options.lr, momentum: 0.9 } });
  });

  it('uses more digits only when two points would read the same (1.00 to 1.02 in 3 points)', () => {
    const { racers } = validateRace(race([{ racer: 'a', lr: { from: 1, to: 1.02, points: 3, scale: 'linear' } }])).config;
    expect(ids(racers).slice(1)).toEqual(['a lr=1', 'a lr=1.01', 'a lr=1.02']);
  });

  it("runs are the base racer with the point's values, label and origin; the base stays as written", () => {
    const base = { id: 'a', label: 'Momentum', optimizer: 'sgd', lr: 0.01, momentum: 0.9, batchSize: 2, color: '#1f77b4', changes: [{ epoch: 2, momentum: 0.5 }] };
    const { config } = validateRace(race([{ racer: 'a', lr: { values: [0.1, 0.2] } }], [base]));
    const [written, first, second] = config.racers;
    expect(written).toEqual({ ...validateRace(race(undefined, [base])).config.racers[0] });
    expect(written.sweep).toBeUndefined();
    expect(first).toEqual({
      id: 'a lr=0.1',
      label: 'Momentum lr=0.1',
      optimizer: 'sgd',
      batchSize: 2,
      color: '#1f77b4',
      options: { lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 },
      changes: [{ epoch: 2, momentum: 0.5 }],
      sweep: { sweep: 0, base: 'a', point: [0], values: { lr: 0.1 } },
    });
    expect(second.sweep).toEqual({ sweep: 0, base: 'a', point: [1], values: { lr: 0.2 } });
    expect(config.sweeps).toEqual([{ kind: 'grid', racer: 'a', axes: [{ name: 'lr', values: [0.1, 0.2], scale: 'values' }] }]);
  });

  it('survives JSON: the validated config read back from its text is the same', () => {
    const { config } = validateRace(race([{ racer: 'a', lr: { values: [0.1, 0.2] }, batchSize: { values: [1, 'full'] } }, { racer: 'a', rangeTest: { from: 1e-6, to: 1 } }]));
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('a config without sweeps has no sweeps field', () => {
    expect('sweeps' in validateRace(race(undefined)).config).toBe(false);
  });
});

describe('validateRace expands a range test into one racer with a per-step lr', () => {
  it.each([
    // crops5 at batch 2: 3 steps per epoch (2 + 2 + 1) over 3 epochs.
    { name: 'batch 2', batchSize: 2, steps: 9 },
    { name: 'full batch', batchSize: 'full', steps: 3 },
    { name: 'batch 1', batchSize: 1, steps: 15 },
  ])('$name: the lr runs over every step of the race ($steps)', ({ batchSize, steps }) => {
    const { config } = validateRace(race([{ racer: 'a', rangeTest: { from: 1e-7, to: 10 } }], [{ id: 'a', optimizer: 'sgd', lr: 0.01, batchSize }]));
    const run = config.racers[1];
    expect(run.id).toBe('a lr range 1e-7..10');
    expect(run.options.lr).toBe(1e-7);
    expect(run.lrSchedule).toEqual({ kind: 'exponential', from: 1e-7, to: 10, steps });
    expect(run.sweep).toEqual({ sweep: 0, base: 'a', point: [], values: {} });
    expect(config.sweeps).toEqual([{ kind: 'rangeTest', racer: 'a', from: 1e-7, to: 10 }]);
  });
});

describe('the 10,000-run limit counts the runs of every sweep', () => {
  const big = (n: number) => ({ racer: 'a', lr: { from: 1e-6, to: 1, points: n, scale: 'log' } });

  it('takes 100 × 100 runs', () => {
    const sweep = { racer: 'a', lr: { from: 1e-6, to: 1, points: 100, scale: 'log' }, momentum: { from: 0, to: 0.99, points: 100, scale: 'linear' } };
    expect(validateRace(race([sweep])).config.racers).toHaveLength(1 + 10_000);
  });

  it.each([
    { name: '100 × 101 in one sweep', sweeps: [{ ...big(100), momentum: { from: 0, to: 0.99, points: 101, scale: 'linear' } }], expected: 'sweeps[0] makes 10100 runs (100 × 101) but only 10000 of the 10000 sweep runs a config may have are left' },
    { name: '6,000 then 4,001', sweeps: [big(6000), { racer: 'a', momentum: { from: 0, to: 0.99, points: 4001, scale: 'linear' } }], expected: 'sweeps[1] makes 4001 runs (4001) but only 4000 of the 10000 sweep runs a config may have are left' },
    { name: 'a range test after 10,000 runs', sweeps: [big(10_000), { racer: 'a', rangeTest: { from: 1e-6, to: 1 } }], expected: 'sweeps[1] makes 1 run but the config already has the 10000 sweep runs it may have' },
  ])('refuses $name', ({ sweeps, expected }) => {
    expect(() => validateRace(race(sweeps))).toThrow(new ConfigError(expected));
  });
});

describe('validateRace refuses a bad sweep with a message naming the field', () => {
  const sgd = (extra: Config = {}) => [{ id: 'a', optimizer: 'sgd', lr: 0.01, ...extra }];
  const cases: { name: string; sweeps: unknown; racers?: Config[]; expected: string | RegExp }[] = [
    { name: 'sweeps not an array', sweeps: { racer: 'a' }, expected: /^sweeps must be an array of sweeps like/ },
    { name: 'a sweep that is not an object', sweeps: ['a'], expected: 'sweeps[0] must be an object, got "a"' },
    { name: 'an unknown base racer', sweeps: [{ racer: 'b', lr: { values: [1] } }], expected: 'sweeps[0].racer must be the id of one of the racers ("a"), got "b"' },
    { name: 'no hyperparameter', sweeps: [{ racer: 'a' }], expected: 'sweeps[0] must vary one or two of lr, momentum, dampening, weightDecay, batchSize, got 0' },
    {
      name: 'three hyperparameters',
      sweeps: [{ racer: 'a', lr: { values: [1] }, momentum: { values: [0] }, dampening: { values: [0] } }],
      expected: 'sweeps[0] must vary one or two of lr, momentum, dampening, weightDecay, batchSize, got 3',
    },
    { name: 'a boolean hyperparameter', sweeps: [{ racer: 'a', nesterov: { values: [true] } }], expected: 'sweeps[0]: "nesterov" cannot be swept for sgd (sweep lr, momentum, dampening, weightDecay, batchSize; or give "rangeTest")' },
    { name: "another optimizer's hyperparameter", sweeps: [{ racer: 'a', eps: { values: [1e-8] } }], expected: /^sweeps\[0\]: "eps" cannot be swept for sgd/ },
    { name: 'betas (a pair, not a number)', racers: [{ id: 'a', optimizer: 'adam' }], sweeps: [{ racer: 'a', betas: { values: [[0.9, 0.99]] } }], expected: /^sweeps\[0\]: "betas" cannot be swept for adam \(sweep lr, eps, weightDecay, batchSize/ },
    { name: 'a bare number', sweeps: [{ racer: 'a', lr: 0.1 }], expected: 'sweeps[0].lr must be {"from", "to", "points", "scale"} or {"values": [...]}, got 0.1' },
    { name: 'points 1', sweeps: [{ racer: 'a', lr: { from: 0.1, to: 1, points: 1, scale: 'log' } }], expected: 'sweeps[0].lr.points must be an integer from 2 to 10000, got 1' },
    { name: 'points 2.5', sweeps: [{ racer: 'a', lr: { from: 0.1, to: 1, points: 2.5, scale: 'log' } }], expected: 'sweeps[0].lr.points must be an integer from 2 to 10000, got 2.5' },
    { name: 'no scale', sweeps: [{ racer: 'a', lr: { from: 0.1, to: 1, points: 3 } }], expected: 'sweeps[0].lr.scale must be "log" or "linear", got nothing' },
    { name: 'a negative from', sweeps: [{ racer: 'a', lr: { from: -1, to: 1, points: 3, scale: 'linear' } }], expected: 'sweeps[0].lr.from must be a non-negative number, got -1' },
    { name: 'from as a string', sweeps: [{ racer: 'a', lr: { from: '0.1', to: 1, points: 3, scale: 'linear' } }], expected: 'sweeps[0].lr.from must be a finite number, got "0.1"' },
    { name: 'to missing', sweeps: [{ racer: 'a', lr: { from: 0.1, points: 3, scale: 'linear' } }], expected: 'sweeps[0].lr.to must be a finite number, got nothing' },
    { name: 'to below from', sweeps: [{ racer: 'a', lr: { from: 1, to: 0.1, points: 3, scale: 'log' } }], expected: 'sweeps[0].lr.to must be greater than from (1), got 0.1' },
    { name: 'a log scale from 0', sweeps: [{ racer: 'a', lr: { from: 0, to: 1, points: 3, scale: 'log' } }], expected: 'sweeps[0].lr.from must be above 0 on a log scale, got 0' },
    { name: 'an unknown range field', sweeps: [{ racer: 'a', lr: { from: 0.1, to: 1, points: 3, scale: 'log', step: 2 } }], expected: /^sweeps\[0\]\.lr: unknown field "step"/ },
    { name: 'values and a range at once', sweeps: [{ racer: 'a', lr: { values: [1], from: 0.1 } }], expected: /^sweeps\[0\]\.lr: unknown field "from" \(expected "values"\)/ },
    { name: 'empty values', sweeps: [{ racer: 'a', lr: { values: [] } }], expected: 'sweeps[0].lr.values must be a non-empty array, got an array of 0' },
    { name: 'a negative value', sweeps: [{ racer: 'a', momentum: { values: [0, 0.5, -1] } }], expected: 'sweeps[0].momentum.values[2] must be a non-negative number, got -1' },
    { name: 'a repeated value', sweeps: [{ racer: 'a', lr: { values: [0.1, 0.2, 0.1] } }], expected: 'sweeps[0].lr.values[2] repeats values[0] (0.1); each run needs its own value' },
    { name: 'a batch size above the 5 rows', sweeps: [{ racer: 'a', batchSize: { values: [1, 6] } }], expected: 'sweeps[0].batchSize.values[1] must be "full" or an integer (rows per step; the training set has 5) from 1 to 5, got 6' },
    // 1 · 5^(k/4): 1, 1.50, 2.24, 3.34, 5 round to 1, 1, 2, 3, 5.
    { name: 'batch sizes that round to the same size', sweeps: [{ racer: 'a', batchSize: { from: 1, to: 5, points: 5, scale: 'log' } }], expected: 'sweeps[0].batchSize.points 5 is too many: points 0 and 1 both round to batch size 1' },
    {
      name: 'a point PyTorch refuses (nesterov needs momentum)',
      racers: sgd({ momentum: 0.9, nesterov: true }),
      sweeps: [{ racer: 'a', momentum: { values: [0.9, 0] } }],
      expected: 'sweeps[0] run "a momentum=0": Nesterov momentum requires a momentum and zero dampening (got momentum 0, dampening 0)',
    },
    {
      name: 'a run whose id a written racer has',
      racers: [...sgd(), { id: 'a lr=0.1', optimizer: 'adam' }],
      sweeps: [{ racer: 'a', lr: { values: [0.1] } }],
      expected: 'sweeps[0] makes a run with id "a lr=0.1", already used by racers[1]; racer ids must be unique',
    },
    {
      name: 'two sweeps making the same run',
      sweeps: [{ racer: 'a', lr: { values: [0.1, 0.2] } }, { racer: 'a', lr: { values: [0.2] } }],
      expected: 'sweeps[1] makes a run with id "a lr=0.2", already used by sweeps[0]; racer ids must be unique',
    },
    { name: 'range test without to', sweeps: [{ racer: 'a', rangeTest: { from: 1e-6 } }], expected: 'sweeps[0].rangeTest.to must be a finite number, got nothing' },
    { name: 'range test from 0', sweeps: [{ racer: 'a', rangeTest: { from: 0, to: 1 } }], expected: 'sweeps[0].rangeTest.from must be a learning rate above 0, got 0' },
    { name: 'range test to below from', sweeps: [{ racer: 'a', rangeTest: { from: 1, to: 0.5 } }], expected: 'sweeps[0].rangeTest.to must be greater than from (1), got 0.5' },
    { name: 'range test with a grid axis too', sweeps: [{ racer: 'a', rangeTest: { from: 1e-6, to: 1 }, momentum: { values: [0] } }], expected: /^sweeps\[0\]: unknown field "momentum" \(expected "racer", "rangeTest"\)/ },
    {
      name: 'range test of a racer whose lr changes',
      racers: sgd({ changes: [{ epoch: 2, lr: 0.1 }] }),
      sweeps: [{ racer: 'a', rangeTest: { from: 1e-6, to: 1 } }],
      expected: 'sweeps[0]: racer "a" changes its lr at epoch 2, but a range test sets the lr at every step',
    },
  ];

  it.each(cases)('$name', ({ sweeps, racers, expected }) => {
    expect(() => validateRace(race(sweeps, racers))).toThrow(ConfigError);
    expect(() => validateRace(race(sweeps, racers))).toThrow(expected);
  });

  it('every message is one line', () => {
    for (const { sweeps, racers } of cases) {
      try {
        validateRace(race(sweeps, racers));
      } catch (e) {
        expect((e as Error).message).not.toMatch(/\n/);
      }
    }
  });
});

describe('validateRace holds sweeps to the hardening rules of the rest of the config', () => {
  const hole = <T>(items: T[], at: number): T[] => {
    const a = [...items];
    delete a[at];
    return a;
  };
  it.each([
    // A sparse array can arrive by postMessage: forEach would skip the hole without a word.
    { name: 'a missing sweep', sweeps: hole([{ racer: 'a', lr: { values: [0.1] } }, { racer: 'a', lr: { values: [0.2] } }], 0), expected: 'sweeps[0] is missing' },
    { name: 'a missing value', sweeps: [{ racer: 'a', lr: { values: hole([0.1, 0.2, 0.3], 1) } }], expected: 'sweeps[0].lr.values[1] is missing' },
    // What JSON.stringify would send a worker is not what was checked.
    { name: 'a Map as a sweep', sweeps: [new Map([['racer', 'a']])], expected: 'sweeps[0] must be an object, got a Map' },
    { name: 'a Map as an axis', sweeps: [{ racer: 'a', lr: new Map([['values', [0.1]]]) }], expected: /^sweeps\[0\]\.lr must be \{"from"/ },
  ])('$name', ({ sweeps, expected }) => {
    expect(() => validateRace(race(sweeps))).toThrow(ConfigError);
    expect(() => validateRace(race(sweeps))).toThrow(expected);
  });

  it('quotes config text in messages on one line, control characters escaped', () => {
    const id = 'a\u001b[2J\u2028b';
    const racers = [{ id, optimizer: 'sgd', lr: 0.01, changes: [{ epoch: 2, lr: 0.1 }] }];
    expect(() => validateRace(race([{ racer: id, rangeTest: { from: 1e-6, to: 1 } }], racers))).toThrow(
      'sweeps[0]: racer "a\\u001b[2J\\u2028b" changes its lr at epoch 2, but a range test sets the lr at every step',
    );
    expect(() => validateRace(race([{ racer: 'a', 'l\u0007r': { values: [1] } }]))).toThrow(/^sweeps\[0\]: "l\\u0007r" cannot be swept/);
  });
});
