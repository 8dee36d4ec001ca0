/**
 * A sweep through the CLI's own runner (`runJobs`, what `npm run race -- --format summary`
 * calls): 5 optimizers × 40 learning rates × 1,000 epochs on crops15 at batch 4, 200 runs
 * (plus the 5 base racers, which a sweep keeps), on one thread and on every core, in
 * alternating rounds. In this process the one-thread runs are JIT-warm after the first
 * round while every worker thread starts cold (the times include starting them, from the
 * bundle of worker-bundle.ts); so the whole CLI process is timed too, both ways cold, as a
 * user's shell runs it. A probe first says how much of a second core this machine gives
 * (another job on it takes its share).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RaceConfigSpec } from '../src/core/config/schema.ts';
import { parseRace } from '../src/core/config/validate.ts';
import { prepareRace } from '../src/core/race/prepare.ts';
import { runJobs } from '../src/cli/jobs.ts';

const BASES = [
  { id: 'sgd', spec: { optimizer: 'sgd', lr: 1e-5 }, from: 1e-7, to: 1e-3 },
  { id: 'momentum', spec: { optimizer: 'sgd', lr: 1e-6, momentum: 0.9 }, from: 1e-8, to: 1e-4 },
  { id: 'nesterov', spec: { optimizer: 'sgd', lr: 1e-6, momentum: 0.9, nesterov: true }, from: 1e-8, to: 1e-4 },
  { id: 'adam', spec: { optimizer: 'adam', lr: 0.1 }, from: 1e-4, to: 10 },
  { id: 'rmsprop', spec: { optimizer: 'rmsprop', lr: 0.01 }, from: 1e-4, to: 10 },
] as const;

export const SWEEP: RaceConfigSpec = {
  data: 'crops15',
  epochs: 1000,
  seed: 1,
  racers: BASES.map((b) => ({ id: b.id, ...b.spec, batchSize: 4 }) as RaceConfigSpec['racers'][number]),
  sweeps: BASES.map((b) => ({ racer: b.id, lr: { from: b.from, to: b.to, points: 40, scale: 'log' } })),
};

async function time(text: string, threads: number): Promise<{ ms: number; output: string }> {
  const t0 = performance.now();
  const race = prepareRace(parseRace(text));
  const parts: string[] = [];
  await runJobs(race, threads, { format: 'summary', every: 1, timing: false, hasLr: false }, async (s) => void parts.push(s));
  return { ms: performance.now() - t0, output: parts.join('') };
}

const TSX = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'race.ts');

/** The whole CLI as `npm run race` starts it (tsx src/cli/race.ts FILE --format summary --no-timing --jobs N): wall ms. */
function cliProcessMs(file: string, jobs: number): number {
  const t0 = performance.now();
  const r = spawnSync(TSX, [CLI, file, '--format', 'summary', '--no-timing', '--quiet', '--jobs', String(jobs)], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`the CLI failed with status ${r.status}`);
  return performance.now() - t0;
}

/** Two threads spinning through the same work as one, wall time over one's: 1 when a second core is free, 2 when none is. */
async function parallelismProbe(): Promise<number> {
  const code = "let x = 0; for (let i = 0; i < 5e7; i++) x = (x + i * 7) % 1000003; require('node:worker_threads').parentPort.postMessage(x);";
  const spin = (n: number) => Promise.all(Array.from({ length: n }, () => new Promise((ok) => new Worker(code, { eval: true }).once('message', ok))));
  await spin(1);
  const ratios: number[] = [];
  for (let round = 0; round < 3; round++) {
    let t0 = performance.now();
    await spin(1);
    const one = performance.now() - t0;
    t0 = performance.now();
    await spin(2);
    ratios.push((performance.now() - t0) / one);
  }
  return median(ratios);
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');

export async function benchSweep(rounds: number): Promise<void> {
  const text = JSON.stringify(SWEEP);
  const cores = availableParallelism();
  const runs = prepareRace(parseRace(text)).config.racers.length;
  console.log(`\nsweep: 5 optimizers × 40 lrs × 1,000 epochs, crops15 batch 4, summary mode (${runs} runs, ${runs * 1000 * 4} steps)`);
  const before = await parallelismProbe();
  const one: number[] = [];
  const all: number[] = [];
  let same = true;
  for (let round = 0; round < rounds; round++) {
    const a = await time(text, 1);
    const b = await time(text, cores);
    same &&= a.output === b.output;
    one.push(a.ms);
    all.push(b.ms);
  }
  const after = await parallelismProbe();
  console.log(`two threads spinning take ${before.toFixed(2)}× one's time before these rounds, ${after.toFixed(2)}× after (1.00: a second core is free; 2.00: none is)`);
  console.log(`in this process: --jobs 1: ${median(one).toFixed(0)} ms [${list(one)}]   --jobs ${cores} (all cores): ${median(all).toFixed(0)} ms [${list(all)}]   (medians of ${rounds}; outputs ${same ? 'identical' : 'DIFFER'})`);
  console.log(`per step on one thread: ${((median(one) * 1000) / (runs * 4000)).toFixed(3)} µs`);
  const dir = mkdtempSync(join(tmpdir(), 'optirace-sweep-bench-'));
  try {
    const file = join(dir, 'sweep.json');
    writeFileSync(file, text);
    const cliOne: number[] = [];
    const cliAll: number[] = [];
    for (let round = 0; round < rounds; round++) {
      cliOne.push(cliProcessMs(file, 1));
      cliAll.push(cliProcessMs(file, cores));
    }
    console.log(`whole CLI process (tsx src/cli/race.ts, each cold): --jobs 1: ${median(cliOne).toFixed(0)} ms [${list(cliOne)}]   --jobs ${cores}: ${median(cliAll).toFixed(0)} ms [${list(cliAll)}]`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
