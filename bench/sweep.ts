/**
 * A sweep through the CLI's own runner (`runJobs`, what `npm run race -- --format summary`
 * calls): 5 optimizers × 40 learning rates × 1,000 epochs on crops15 at batch 4, 200 runs
 * (plus the 5 base racers, which a sweep keeps), on one thread and on every core. The
 * times include starting the worker threads, which load the engine through tsx.
 */
import { availableParallelism } from 'node:os';
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
  await runJobs(race, text, threads, { format: 'summary', every: 1, timing: false, hasLr: false }, async (s) => void parts.push(s));
  return { ms: performance.now() - t0, output: parts.join('') };
}

export async function benchSweep(rounds: number): Promise<void> {
  const text = JSON.stringify(SWEEP);
  const cores = availableParallelism();
  const runs = prepareRace(parseRace(text)).config.racers.length;
  console.log(`\nsweep: 5 optimizers × 40 lrs × 1,000 epochs, crops15 batch 4, summary mode (${runs} runs, ${runs * 1000 * 4} steps)`);
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
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  console.log(`--jobs 1: ${median(one).toFixed(0)} ms   --jobs ${cores} (all cores): ${median(all).toFixed(0)} ms   (medians of ${rounds}; outputs ${same ? 'identical' : 'DIFFER'})`);
  console.log(`per step on one thread: ${((median(one) * 1000) / (runs * 4000)).toFixed(3)} µs`);
}
