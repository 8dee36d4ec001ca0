/**
 * "Reproduce in PyTorch": the exported script names every hyperparameter as torch.optim
 * does, and, where PyTorch is installed (CI installs Debian's python3-torch), running it
 * reproduces the engine's race record for record.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { validateRace } from '../../src/core/config/validate.ts';
import { ConfigError } from '../../src/core/config/errors.ts';
import { SCRIPT_DATA_LIMIT, pytorchScript, torchOptimizer } from '../../src/core/export/pytorch-script.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { runRace } from '../../src/core/race/run-race.ts';
import { relativeError } from '../helpers/close.ts';

// Running Python (and importing torch) takes seconds on a loaded 2-core machine; the export of a
// race at the data limit builds a script of tens of megabytes.
vi.setConfig({ testTimeout: 60_000 });

const racerOf = (spec: Record<string, unknown>) => validateRace({ data: 'crops5', epochs: 1, racers: [{ id: 'r', ...spec }] }).config.racers[0];

describe('each racer becomes the torch.optim constructor with every hyperparameter spelled out', () => {
  it.each([
    {
      spec: { optimizer: 'sgd', lr: 1e-5 },
      expected: 'torch.optim.SGD(params, lr=0.00001, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0)',
    },
    {
      spec: { optimizer: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
      expected: 'torch.optim.SGD(params, lr=0.1, momentum=0.9, dampening=0.0, nesterov=True, weight_decay=0.01)',
    },
    {
      spec: { optimizer: 'adam', lr: 0.1, amsgrad: true },
      expected: 'torch.optim.Adam(params, lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=True)',
    },
    {
      spec: { optimizer: 'adamw' },
      expected: 'torch.optim.AdamW(params, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01, amsgrad=False)',
    },
    {
      spec: { optimizer: 'rmsprop', centered: true, momentum: 0.5 },
      expected: 'torch.optim.RMSprop(params, lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.5, centered=True)',
    },
    {
      spec: { optimizer: 'adagrad', lrDecay: 0.1, initialAccumulatorValue: 0.5 },
      expected: 'torch.optim.Adagrad(params, lr=0.01, lr_decay=0.1, weight_decay=0.0, initial_accumulator_value=0.5, eps=1e-10)',
    },
  ])('$expected', ({ spec, expected }) => {
    expect(torchOptimizer(racerOf(spec))).toBe(expected);
  });
});

const hasTorch = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasTorch)('running the exported script with PyTorch (needs /usr/bin/python3 with torch)', () => {
  it.each([
    {
      name: 'shuffled mini-batches from a seeded init, with a hold-out split and normalization',
      config: {
        data: { synthetic: { n: 23, features: 3, outputs: 2, noise: 0.2, seed: 3 } },
        holdout: { fraction: 0.3 },
        normalize: true,
        epochs: 12,
        seed: 99,
        racers: [
          { id: 'sgd', optimizer: 'sgd', lr: 0.05, batchSize: 4 },
          { id: 'nesterov', optimizer: 'sgd', lr: 0.02, momentum: 0.9, nesterov: true, batchSize: 5 },
          { id: 'adam', optimizer: 'adam', lr: 0.05, batchSize: 1 },
          { id: 'adagrad', optimizer: 'adagrad', lr: 0.3, lrDecay: 0.05, initialAccumulatorValue: 0.2, batchSize: 6 },
          { id: 'rmsprop', optimizer: 'rmsprop', lr: 0.01, centered: true, batchSize: 'full' },
        ],
      },
    },
    {
      name: 'racers nudged mid-race: changes set in param_groups[0] before their epoch',
      config: {
        data: 'crops15',
        normalize: true,
        epochs: 12,
        seed: 8,
        racers: [
          { id: 'sgd', optimizer: 'sgd', lr: 0.01, batchSize: 4, changes: [{ epoch: 3, lr: 0.05 }, { epoch: 7, momentum: 0.9, weightDecay: 0.01 }] },
          { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 1, changes: [{ epoch: 5, lr: 0.01 }] },
        ],
      },
    },
    {
      name: 'the seed lesson\'s raw crop data with a racer that diverges',
      config: {
        data: 'crops15',
        epochs: 10,
        seed: 5,
        racers: [
          { id: 'mini', optimizer: 'sgd', lr: 1e-5, batchSize: 4 },
          { id: 'boom', optimizer: 'sgd', lr: 5e-4, batchSize: 'full' },
        ],
      },
    },
    {
      // x = ±1, y = x: the start fits exactly (loss 0) and weight decay 3 at lr 1 makes
      // each step w ← 2 − 4w; both stop at the 1e30 ceiling, at epoch 26.
      name: 'a race that starts at a loss of 0 and diverges past the ceiling',
      config: {
        data: { inputs: [[1], [-1]], targets: [[1], [-1]] },
        init: { w: [[1]], b: [0] },
        epochs: 40,
        shuffle: false,
        racers: [{ id: 'decay', optimizer: 'sgd', lr: 1, weightDecay: 3 }],
      },
    },
    {
      name: 'a race whose start is not finite: diverged at epoch 0',
      config: {
        data: { inputs: [[1e200], [2e200]], targets: [[1], [2]] },
        init: { w: [[1]], b: [0] },
        epochs: 5,
        racers: [{ id: 'inf', optimizer: 'sgd', lr: 0.1 }],
      },
    },
  ])('$name', ({ config }) => {
    const race = prepareRace(validateRace(config));
    const dir = mkdtempSync(join(tmpdir(), 'optirace-'));
    const script = join(dir, 'race.py');
    writeFileSync(script, pytorchScript(race));
    const output = execFileSync('/usr/bin/python3', [script], { encoding: 'utf8' });
    const theirs = output.trim().split('\n').map((line) => JSON.parse(line));
    const ours = [...runRace(race, { timing: false })];
    const key = (r: { racer: string; epoch: number }) => `${r.racer}@${r.epoch}`;
    expect(theirs.map(key).sort()).toEqual(ours.map(key).sort());
    const byKey = new Map(theirs.map((r) => [key(r), r]));
    for (const r of ours) {
      const t = byKey.get(key(r));
      expect(t.steps).toBe(r.steps);
      expect(t.diverged ?? false).toBe(r.diverged ?? false);
      expect(relativeError(r.loss!, t.loss), key(r)).toBeLessThan(1e-8);
      if (r.holdoutLoss !== undefined) expect(relativeError(r.holdoutLoss!, t.holdoutLoss)).toBeLessThan(1e-8);
      r.w.flat().forEach((x, i) => expect(relativeError(x, t.w.flat()[i], 1e-6)).toBeLessThan(1e-8));
    }
  }, 30_000); // a Python start with torch is 2 s, more on a loaded machine
});

describe('the data a script carries is limited to 2,000,000 values', () => {
  // 100,000 rows × (19 inputs + 1 target) is exactly 2,000,000 values; one row more is over.
  const synthetic = (n: number) => prepareRace(validateRace({ data: { synthetic: { n, features: 19, outputs: 1 } }, epochs: 1, racers: [{ id: 'r', optimizer: 'adam' }] }));

  it('is the documented number', () => {
    expect(SCRIPT_DATA_LIMIT).toBe(2_000_000);
  });

  // A 40 MB script: seconds on a loaded machine, hence the long timeouts.
  it('exports a race at the limit, its tables as JSON text the script reads with json.loads', () => {
    const script = pytorchScript(synthetic(100_000));
    expect(script).toContain('TRAIN_X = table("""\n[');
    expect(script.split('\n').length).toBeGreaterThan(200_000); // one line per row of X and of Y
  }, 60_000);

  it('refuses one row more with a message that says why and what to do instead', () => {
    const over = synthetic(100_001);
    expect(() => pytorchScript(over)).toThrow(ConfigError);
    expect(() => pytorchScript(over)).toThrow(
      'the PyTorch script carries the race\'s data inside it and is limited to 2,000,000 data values (rows × (inputs + targets)); this race has 2,000,020. Export the records instead, or race a smaller data set',
    );
  }, 60_000);
});
