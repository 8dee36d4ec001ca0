/**
 * `npm run --silent race -- CONFIG.json`, run as a real process. Only records go to stdout;
 * the summary and every message go to stderr; a user mistake exits 2 with one line.
 * Each spawn costs about half a second, so runs are shared across assertions.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CLI, ROOT, cli, type Run } from './run-cli.ts';




/**
 * crops15 with 3 of 15 rows held out (12 to train on), rows in order. `diverge` is sgd at
 * lr 5e-4 on the raw crop numbers: each full-batch step overshoots, and it passes 1e8 × its
 * epoch-0 loss at epoch 5. `gd` and `adam` (3 batches of 4 per epoch) run all 25 epochs.
 */
const CONFIG = {
  name: 'cli',
  data: 'crops15',
  holdout: { fraction: 0.2 },
  epochs: 25,
  shuffle: false,
  seed: 3,
  racers: [
    { id: 'gd', optimizer: 'sgd', lr: 1e-5 },
    { id: 'diverge', label: 'Too fast', optimizer: 'sgd', lr: 5e-4 },
    { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
  ],
};
const LAST = { gd: 25, diverge: 5, adam: 25 } as const;
const STEPS_PER_EPOCH = { gd: 1, diverge: 1, adam: 3 } as const;
type RacerId = keyof typeof LAST;

let dir: string;
let configFile: string;
const path = (name: string) => join(dir, name);

function lines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

function parse(text: string): Record<string, unknown>[] {
  return lines(text).map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'optirace-cli-'));
  configFile = path('race.json');
  writeFileSync(configFile, JSON.stringify(CONFIG, null, 2));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a race', () => {
  let plain: Run; // --no-timing, NDJSON on stdout
  let stdin: Run; // the same config read from stdin
  let every: Run; // --every 10
  let csv: Run; // --format csv
  let files: Run; // --out and --summary, --quiet
  let timed: Run; // timing on (the default)
  let help: Run;

  beforeAll(async () => {
    [plain, stdin, every, csv, files, timed, help] = await Promise.all([
      cli([configFile, '--no-timing']),
      cli(['-', '--no-timing'], JSON.stringify(CONFIG)),
      cli([configFile, '--every', '10', '--no-timing']),
      cli([configFile, '--format', 'csv', '--no-timing']),
      cli([configFile, '--no-timing', '--out', path('out.ndjson'), '--summary', path('summary.json'), '--quiet']),
      cli([configFile]),
      cli(['--help']),
    ]);
  }, 60_000);

  it('exits 0', () => {
    for (const run of [plain, stdin, every, csv, files, timed, help]) expect(run.code, run.stderr).toBe(0);
  });

  describe('NDJSON on stdout', () => {
    it('is one valid JSON record per line', () => {
      expect(parse(plain.stdout).length).toBeGreaterThan(0);
    });

    it('has keys in the documented order: racer, epoch, loss, holdoutLoss, w, b, steps, diverged?', () => {
      for (const record of parse(plain.stdout)) {
        const keys = ['racer', 'epoch', 'loss', 'holdoutLoss', 'w', 'b', 'steps', ...(record.diverged ? ['diverged'] : [])];
        expect(Object.keys(record)).toEqual(keys);
      }
    });

    it('runs every racer from epoch 0, epoch by epoch, in config order', () => {
      const records = parse(plain.stdout);
      // Epoch 0 of all three, then each epoch of every racer still running; diverge stops after 5.
      const expected: [string, number][] = [];
      for (let epoch = 0; epoch <= 25; epoch++) {
        for (const id of ['gd', 'diverge', 'adam'] as RacerId[]) if (epoch <= LAST[id]) expected.push([id, epoch]);
      }
      expect(records.map((r) => [r.racer, r.epoch])).toEqual(expected);
    });

    it('counts optimizer steps: one per full batch, three per epoch for batches of 4 over 12 rows', () => {
      for (const r of parse(plain.stdout)) expect(r.steps).toBe((r.epoch as number) * STEPS_PER_EPOCH[r.racer as RacerId]);
    });

    it('stops a diverging racer with diverged true while the others go on', () => {
      const records = parse(plain.stdout);
      const flagged = records.filter((r) => r.diverged !== undefined);
      expect(flagged.map((r) => [r.racer, r.epoch, r.diverged])).toEqual([['diverge', 5, true]]);
      // 1e8 × the shared epoch-0 loss
      expect(flagged[0].loss as number).toBeGreaterThan(1e8 * (records[0].loss as number));
      expect(records.filter((r) => r.racer === 'gd').at(-1)!.epoch).toBe(25);
    });

    it('starts every racer from the same weights', () => {
      const starts = parse(plain.stdout).filter((r) => r.epoch === 0);
      for (const r of starts) expect([r.w, r.b, r.loss, r.holdoutLoss]).toEqual([starts[0].w, starts[0].b, starts[0].loss, starts[0].holdoutLoss]);
    });

    it('has weights shaped outputs × inputs (2 × 3) and a hold-out loss', () => {
      for (const r of parse(plain.stdout)) {
        expect((r.w as number[][]).map((row) => row.length)).toEqual([3, 3]);
        expect(r.b).toHaveLength(2);
        expect(typeof r.holdoutLoss).toBe('number');
      }
    });

    it('leaves out "ms" with --no-timing', () => {
      expect(plain.stdout).not.toContain('"ms"');
    });

    it('puts "ms" after steps with timing on, 0 at epoch 0', () => {
      const records = parse(timed.stdout);
      for (const r of records) {
        expect(Object.keys(r).slice(6, 8)).toEqual(['steps', 'ms']);
        expect(r.ms as number).toBeGreaterThanOrEqual(0);
        if (r.epoch === 0) expect(r.ms).toBe(0);
      }
      // Apart from "ms", the same records as without timing.
      expect(records.map(({ ms: _, ...r }) => r)).toEqual(parse(plain.stdout));
    });

    it('is the same when the config comes from stdin ("-")', () => {
      expect(stdin.stdout).toBe(plain.stdout);
    });
  });

  describe('--every 10', () => {
    it('writes epochs 0, 10, 20, each racer\'s last, and a diverged racer\'s last record', () => {
      expect(parse(every.stdout).map((r) => [r.racer, r.epoch])).toEqual([
        ['gd', 0], ['diverge', 0], ['adam', 0],
        ['diverge', 5],
        ['gd', 10], ['adam', 10],
        ['gd', 20], ['adam', 20],
        ['gd', 25], ['adam', 25],
      ]);
    });

    it('writes those records unchanged', () => {
      const all = lines(plain.stdout);
      const kept = all.filter((line) => {
        const r = JSON.parse(line) as { racer: RacerId; epoch: number };
        return r.epoch % 10 === 0 || r.epoch === LAST[r.racer];
      });
      expect(lines(every.stdout)).toEqual(kept);
    });
  });

  describe('--format csv', () => {
    const HEADER = 'racer,epoch,loss,holdoutLoss,steps,diverged,w[0][0],w[0][1],w[0][2],w[1][0],w[1][1],w[1][2],b[0],b[1]';

    it('has a header with one column per weight', () => {
      expect(lines(csv.stdout)[0]).toBe(HEADER);
    });

    it('has one row per record, with the same numbers', () => {
      const records = parse(plain.stdout);
      const rows = lines(csv.stdout).slice(1).map((line) => line.split(','));
      expect(rows).toHaveLength(records.length);
      rows.forEach((cells, i) => {
        const r = records[i] as { racer: string; epoch: number; loss: number; holdoutLoss: number; steps: number; diverged?: boolean; w: number[][]; b: number[] };
        expect(cells).toEqual([r.racer, r.epoch, r.loss, r.holdoutLoss, r.steps, r.diverged === true, ...r.w.flat(), ...r.b].map(String));
      });
    });
  });

  describe('--out and --summary', () => {
    it('writes records to the --out file and nothing to stdout or (with --quiet) stderr', () => {
      expect([files.stdout, files.stderr]).toEqual(['', '']);
      expect(readFileSync(path('out.ndjson'), 'utf8')).toBe(plain.stdout);
    });

    it('writes the optimum and one summary per racer as JSON', () => {
      const summary = JSON.parse(readFileSync(path('summary.json'), 'utf8')) as {
        name: string;
        optimum: { w: number[][]; b: number[]; loss: number; holdoutLoss: number };
        racers: { racer: string; label: string; optimizer: string; epochs: number; steps: number; finalLoss: number; bestLoss: number; diverged: number | false }[];
      };
      expect(summary.name).toBe('cli');
      expect(summary.optimum.w.map((row) => row.length)).toEqual([3, 3]);
      expect(summary.optimum.b).toHaveLength(2);
      expect(summary.optimum.holdoutLoss).toBeGreaterThan(0);

      const records = parse(plain.stdout) as { racer: string; epoch: number; loss: number; steps: number }[];
      expect(summary.racers.map((s) => [s.racer, s.label, s.optimizer, s.epochs, s.diverged])).toEqual([
        ['gd', 'gd', 'sgd', 25, false],
        ['diverge', 'Too fast', 'sgd', 5, 5],
        ['adam', 'adam', 'adam', 25, false],
      ]);
      for (const s of summary.racers) {
        const own = records.filter((r) => r.racer === s.racer);
        expect(s.finalLoss).toBe(own.at(-1)!.loss);
        expect(s.steps).toBe(own.at(-1)!.steps);
        expect(s.bestLoss).toBe(Math.min(...own.map((r) => r.loss)));
        // No racer can beat the closed-form least-squares fit.
        expect(s.bestLoss).toBeGreaterThanOrEqual(summary.optimum.loss);
      }
    });
  });

  describe('the summary on stderr', () => {
    it('names the optimum and every racer, and where one diverged', () => {
      const text = plain.stderr;
      expect(text).toMatch(/^optimum \(closed-form least squares\): loss [\d.]+, hold-out loss there [\d.]+\n/);
      const rows = lines(text).slice(2);
      expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(['gd', 'diverge', 'adam']);
      expect(rows[1]).toMatch(/at epoch 5$/);
      expect(rows[0]).toMatch(/no$/);
    });

    it('is left out with --quiet', () => {
      expect(files.stderr).toBe('');
    });
  });

  it('--help prints the usage on stdout', () => {
    expect(help.stdout).toMatch(/^usage: npm run --silent race -- CONFIG\.json/);
    expect(help.stderr).toBe('');
  });
});

describe('a user mistake exits 2 with one line on stderr and nothing on stdout', () => {
  const cases: { name: string; input: { args: (files: { config: string; broken: string; invalid: string; missingDir: string }) => string[]; stdin?: string }; expected: string | RegExp }[] = [
    { name: 'missing config file', input: { args: (f) => [join(f.missingDir, 'race.json')] }, expected: /^cannot read config file ".*race\.json": no such file$/ },
    { name: 'config file that is not JSON', input: { args: (f) => [f.broken] }, expected: /^the race config is not valid JSON: / },
    { name: 'stdin that is not JSON', input: { args: () => ['-'], stdin: 'epochs: 3' }, expected: /^the race config is not valid JSON: / },
    { name: 'invalid config', input: { args: (f) => [f.invalid] }, expected: 'racers[2].lr must be a non-negative number, got -1' },
    { name: 'unknown flag', input: { args: (f) => [f.config, '--evry', '10'] }, expected: 'unknown option --evry (see --help)' },
    { name: 'unknown short flag', input: { args: (f) => [f.config, '-q'] }, expected: 'unknown option -q (see --help)' },
    { name: '--every 0', input: { args: (f) => [f.config, '--every', '0'] }, expected: '--every must be a positive integer, got "0"' },
    { name: '--format xml', input: { args: (f) => [f.config, '--format', 'xml'] }, expected: '--format must be ndjson, csv or summary, got "xml"' },
    { name: 'no config file', input: { args: () => ['--no-timing'] }, expected: 'no config file given (see --help)' },
  ];
  const runs = new Map<string, Run>();

  beforeAll(async () => {
    const files = { config: configFile, broken: path('broken.json'), invalid: path('invalid.json'), missingDir: path('no-such-dir') };
    writeFileSync(files.broken, '{\n  "data": "crops5",\n  "epochs": 3,,\n  "racers": []\n}\n');
    const racers = [...CONFIG.racers, { id: 'bad', optimizer: 'sgd', lr: -1 }];
    writeFileSync(files.invalid, JSON.stringify({ ...CONFIG, racers: [racers[0], racers[2], racers[3]] }));
    const results = await Promise.all(cases.map(({ input }) => cli(input.args(files), input.stdin)));
    cases.forEach(({ name }, i) => runs.set(name, results[i]));
  }, 60_000);

  it.each(cases)('$name', ({ name, expected }) => {
    const run = runs.get(name)!;
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^optirace: [^\n]*\n$/);
    const message = run.stderr.slice('optirace: '.length, -1);
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });
});

describe('a reader that stops early (| head)', () => {
  it('ends the race quietly, without a stack trace', async () => {
    const big = path('big.json');
    writeFileSync(big, JSON.stringify({ ...CONFIG, epochs: 100_000 }));
    const result = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI, big, '--quiet'], { cwd: ROOT });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: '', stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 60_000);
});
