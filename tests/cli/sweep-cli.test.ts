/**
 * Sweeps through `npm run race`: `--format summary` (one CSV line per run), `--jobs N`
 * (worker threads; the output must not depend on N), and every run of a sweep racing
 * exactly as the same racer raced alone. Spawns are slow (worker threads more so), so runs
 * are shared across assertions.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, type Run } from './run-cli.ts';




/**
 * crops15 with 3 rows held out, rows in order. Full-batch sgd at lr 5e-4 passes 1e8 × its
 * epoch-0 loss at epoch 5 (as in race-cli.test.ts); at 1e-5 it runs all 25 epochs. The
 * sweeps make 2 + 2 × 2 = 6 runs beside the 2 written racers, and a range test.
 */
const CONFIG = {
  data: 'crops15',
  holdout: { fraction: 0.2 },
  epochs: 25,
  shuffle: false,
  seed: 3,
  racers: [
    { id: 'gd', optimizer: 'sgd', lr: 1e-5 },
    { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
  ],
  sweeps: [
    { racer: 'gd', lr: { values: [1e-5, 5e-4] } },
    { racer: 'adam', lr: { values: [0.01, 0.1] }, batchSize: { values: [4, 'full'] } },
    { racer: 'gd', rangeTest: { from: 1e-7, to: 1e-3 } },
  ],
};
const RUNS = ['gd', 'adam', 'gd lr=1e-5', 'gd lr=5e-4', 'adam lr=0.01 batchSize=4', 'adam lr=0.01 batchSize=full', 'adam lr=0.1 batchSize=4', 'adam lr=0.1 batchSize=full', 'gd lr range 1e-7..0.001'];
/** The runs a hand-written racer reproduces: the base with the point's values. */
const ALONE: Record<string, Record<string, unknown>> = {
  'gd lr=5e-4': { optimizer: 'sgd', lr: 5e-4 },
  'adam lr=0.01 batchSize=full': { optimizer: 'adam', lr: 0.01, batchSize: 'full' },
  'adam lr=0.1 batchSize=4': { optimizer: 'adam', lr: 0.1, batchSize: 4 },
};

let dir: string;
const path = (name: string) => join(dir, name);
const lines = (text: string) => text.slice(0, -1).split('\n');
const csvRows = (text: string) => lines(text).map((l) => l.split(','));

let one: Run, four: Run, summaryOne: Run, summaryFour: Run, csvOne: Run, csvFour: Run, withSummaryFile: Run;
const alone = new Map<string, Run>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optirace-sweep-'));
  writeFileSync(path('sweep.json'), JSON.stringify(CONFIG));
  for (const [id, racer] of Object.entries(ALONE)) writeFileSync(path(`${id}.json`), JSON.stringify({ ...CONFIG, sweeps: undefined, racers: [{ id, ...racer }] }));
  const f = path('sweep.json');
  // Two at a time: the machine has two cores and other work.
  [one, four] = await Promise.all([cli([f, '--no-timing', '--jobs', '1']), cli([f, '--no-timing', '--jobs', '4'])]);
  [summaryOne, summaryFour] = await Promise.all([cli([f, '--no-timing', '--format', 'summary', '--jobs', '1']), cli([f, '--no-timing', '--format', 'summary', '--jobs', '4'])]);
  [csvOne, csvFour] = await Promise.all([cli([f, '--no-timing', '--format', 'csv', '--every', '4', '--jobs', '1']), cli([f, '--no-timing', '--format', 'csv', '--every', '4', '--jobs', '3'])]);
  withSummaryFile = await cli([f, '--no-timing', '--quiet', '--out', path('records.ndjson'), '--summary', path('summary.json')]);
  const ids = Object.keys(ALONE);
  const runs = await Promise.all(ids.map((id) => cli([path(`${id}.json`), '--no-timing', '--quiet'])));
  ids.forEach((id, k) => alone.set(id, runs[k]));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--jobs: the output does not depend on the number of threads', () => {
  it.each([
    { name: 'NDJSON records', a: () => one, b: () => four },
    { name: 'CSV records, every 4th epoch', a: () => csvOne, b: () => csvFour },
    { name: 'summary lines', a: () => summaryOne, b: () => summaryFour },
  ])('$name: --jobs 1 and --jobs N are byte-identical, stdout and stderr', ({ a, b }) => {
    expect(a().code).toBe(0);
    expect(b().code).toBe(0);
    expect(b().stdout).toBe(a().stdout);
    expect(b().stderr).toBe(a().stderr);
  });

  it('records come epoch by epoch, racers in config order within an epoch', () => {
    const records = lines(one.stdout).map((l) => JSON.parse(l) as { racer: string; epoch: number });
    const order = records.map((r) => [r.epoch, RUNS.indexOf(r.racer)]);
    const sorted = [...order].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(order).toEqual(sorted);
    expect(records.filter((r) => r.epoch === 0).map((r) => r.racer)).toEqual(RUNS);
  });
});

describe('every run of a sweep races exactly as the same racer raced alone', () => {
  it.each(Object.keys(ALONE))('%s', (id) => {
    const run = alone.get(id)!;
    expect(run.code).toBe(0);
    const inSweep = lines(one.stdout).filter((l) => (JSON.parse(l) as { racer: string }).racer === id);
    expect(inSweep.length).toBeGreaterThan(1);
    expect(inSweep).toEqual(lines(run.stdout));
  });
});

describe('--format summary: one CSV line per run', () => {
  const rows = () => csvRows(summaryOne.stdout);
  const column = (name: string) => {
    const [header, ...body] = rows();
    const k = header.indexOf(name);
    return Object.fromEntries(body.map((r) => [r[0], r[k]]));
  };

  it('has a header and one line per racer in config order, and no records', () => {
    expect(rows()[0]).toEqual(['racer', 'optimizer', 'hyperparameters', 'epochs', 'steps', 'finalLoss', 'bestLoss', 'bestEpoch', 'holdoutLoss', 'epochsToOptimum', 'divergedAt', 'stoppedAt']);
    expect(rows().slice(1).map((r) => r[0])).toEqual(RUNS);
  });

  it('names each run by its hyperparameters: lr and batch size always, a swept value always', () => {
    expect(column('hyperparameters')).toMatchObject({
      gd: 'lr=1e-5 batchSize=full',
      'gd lr=5e-4': 'lr=5e-4 batchSize=full',
      'adam lr=0.01 batchSize=full': 'lr=0.01 batchSize=full',
      'gd lr range 1e-7..0.001': 'lr=1e-7..0.001 batchSize=full',
    });
  });

  it('gives where a run diverged (epoch 5 at lr 5e-4) and runs to the end otherwise', () => {
    expect(column('divergedAt')).toMatchObject({ gd: '', 'gd lr=1e-5': '', 'gd lr=5e-4': '5' });
    expect(column('epochs')).toMatchObject({ gd: '25', 'gd lr=5e-4': '5', 'adam lr=0.1 batchSize=4': '25' });
    // Adam at batch 4 takes 3 steps an epoch on 12 rows.
    expect(column('steps')).toMatchObject({ 'adam lr=0.1 batchSize=4': '75', 'adam lr=0.1 batchSize=full': '25' });
  });

  it('gives the numbers the records give (final, best, hold-out, epochs to 1%)', () => {
    const summary = JSON.parse(readFileSync(path('summary.json'), 'utf8')) as { racers: { racer: string; finalLoss: number | null; bestLoss: number | null; holdoutLoss: number | null; epochsToOptimum: number | null; stopped: number | false }[] };
    const cell = (x: number | null | false) => (x === null || x === false ? '' : String(x));
    for (const s of summary.racers) {
      expect([column('finalLoss')[s.racer], column('bestLoss')[s.racer], column('holdoutLoss')[s.racer], column('epochsToOptimum')[s.racer], column('stoppedAt')[s.racer]]).toEqual([
        cell(s.finalLoss),
        cell(s.bestLoss),
        cell(s.holdoutLoss),
        cell(s.epochsToOptimum),
        cell(s.stopped),
      ]);
    }
    expect(withSummaryFile.code).toBe(0);
  });

  it('stderr has only the optimum line (the table is the output)', () => {
    expect(lines(summaryOne.stderr)).toHaveLength(1);
    expect(summaryOne.stderr).toMatch(/^optimum \(closed-form least squares\): loss /);
  });
});

describe('bad options', () => {
  it.each([
    { args: ['--jobs', '0'], expected: 'optirace: --jobs must be an integer from 1 to 256, got "0"\n' },
    { args: ['--jobs', 'all'], expected: 'optirace: --jobs must be an integer from 1 to 256, got "all"\n' },
    { args: ['--format', 'table'], expected: 'optirace: --format must be ndjson, csv or summary, got "table"\n' },
  ])('$args.0 $args.1', async ({ args, expected }) => {
    const run = await cli([path('sweep.json'), ...args]);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', expected]);
  });
});

