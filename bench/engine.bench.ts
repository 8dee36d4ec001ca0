/**
 * `npm run bench`: the engine's time per optimizer step beside a hand-written fused loop
 * doing the same update in the same process, and their ratio. Each pair is measured in
 * alternating rounds and the median per-step time is reported, so machine noise hits both
 * sides alike. Targets (issue #2): ratio ≤ 3 on crops15, ≤ 1.2 on the synthetic set.
 * BENCH_ONLY=sweep runs only the sweep (bench/sweep.ts), BENCH_SWEEP_ROUNDS rounds (3).
 */
import { validateRace } from '../src/core/config/validate.ts';
import type { RaceConfigSpec } from '../src/core/config/schema.ts';
import { prepareRace, type PreparedRace } from '../src/core/race/prepare.ts';
import { epochOrder } from '../src/core/race/run-race.ts';
import { Trainer } from '../src/core/race/trainer.ts';
import { FusedLoop, type FusedRule } from './fused.ts';
import { benchRecords } from './records.ts';
import { benchSweep } from './sweep.ts';

interface Case {
  data: 'crops15' | 'synthetic';
  optimizer: 'sgd' | 'momentum' | 'adam';
  batchSize: 'full' | number;
  /** Optimizer steps per timed round. */
  steps: number;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const racerSpec = {
  sgd: { optimizer: 'sgd', lr: 1e-5 },
  momentum: { optimizer: 'sgd', lr: 1e-5, momentum: 0.9 },
  adam: { optimizer: 'adam', lr: 0.01 },
} as const;

function fusedRule(kind: Case['optimizer'], lr: number): FusedRule {
  if (kind === 'adam') return { kind: 'adam', lr, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
  return { kind: 'sgd', lr, momentum: kind === 'momentum' ? 0.9 : 0 };
}

function prepare(c: Case): PreparedRace {
  const spec: RaceConfigSpec = {
    data: c.data === 'crops15' ? 'crops15' : { synthetic: { n: 20_000, features: 64, outputs: 4, noise: 0.1, seed: 1 } },
    epochs: 1,
    seed: 7,
    racers: [{ id: 'r', ...racerSpec[c.optimizer], ...(c.data === 'synthetic' && c.optimizer !== 'adam' ? { lr: 1e-3 } : {}), batchSize: c.batchSize }],
  };
  return prepareRace(validateRace(spec));
}

/** Runs `epochs` epochs with each epoch's shared shuffled order; returns ms per step. */
function time(run: (order: Int32Array | null) => number, race: PreparedRace, epochs: number): number {
  const order = new Int32Array(race.train.rows);
  let steps = 0;
  let ms = 0;
  for (let e = 1; e <= epochs; e++) {
    const rows = epochOrder(race, e, order);
    const t0 = performance.now();
    steps += run(rows);
    ms += performance.now() - t0;
  }
  return ms / steps;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(c: Case) {
  const race = prepare(c);
  const racer = race.config.racers[0];
  const bs = racer.batchSize === 'full' ? race.train.rows : racer.batchSize;
  const stepsPerEpoch = Math.ceil(race.train.rows / bs);
  const epochs = Math.max(1, Math.round(c.steps / stepsPerEpoch));
  const engine: number[] = [];
  const fused: number[] = [];
  let drift = 0;
  for (let round = 0; round < ROUNDS + 1; round++) {
    const trainer = new Trainer(race.train, null, race.init, racer);
    const loop = new FusedLoop(race.train, race.init, fusedRule(c.optimizer, racer.options.lr), bs);
    const e = time((o) => trainer.trainEpoch(o), race, epochs);
    const f = time((o) => loop.epoch(o), race, epochs);
    if (round === 0) {
      // Warm-up round (JIT); also checks both computed the same weights.
      const ours = trainer.model.w.value.data;
      drift = Math.max(...Array.from(ours, (v, i) => Math.abs(v - loop.w[i]) / Math.max(1e-12, Math.abs(loop.w[i]))));
      continue;
    }
    engine.push(e);
    fused.push(f);
  }
  const ratios = engine.map((e, i) => e / fused[i]);
  return { engineUs: median(engine) * 1000, fusedUs: median(fused) * 1000, ratio: median(ratios), drift };
}

const cases: Case[] = [];
for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
  for (const batchSize of [1, 4, 'full'] as const) cases.push({ data: 'crops15', optimizer, batchSize, steps: 300_000 });
}
for (const optimizer of ['sgd', 'momentum', 'adam'] as const) cases.push({ data: 'synthetic', optimizer, batchSize: 128, steps: 1_500 });

if (process.env.BENCH_ONLY !== 'sweep') {
  console.log(`optirace engine benchmark — node ${process.version}, ${ROUNDS} rounds per case, medians`);
  console.log('data                 optimizer  batch   engine µs/step  fused µs/step   ratio  target  weights differ by');
  let failed = 0;
  for (const c of cases) {
    const r = measure(c);
    const target = c.data === 'crops15' ? 3 : 1.2;
    const ok = r.ratio <= target;
    if (!ok) failed++;
    const name = c.data === 'crops15' ? 'crops15' : 'synthetic 20000x64→4';
    console.log(
      `${name.padEnd(20)} ${c.optimizer.padEnd(10)} ${String(c.batchSize).padEnd(6)} ${r.engineUs.toFixed(3).padStart(14)} ${r.fusedUs.toFixed(3).padStart(14)} ${r.ratio.toFixed(2).padStart(7)}  ${(`≤${target}`).padEnd(6)}${ok ? '' : ' MISSED'}  ${r.drift.toExponential(1)}`,
    );
  }
  console.log(failed === 0 ? 'all ratios within target' : `${failed} ratio(s) above target`);
  const missed = benchRecords(ROUNDS);
  console.log(missed === 0 ? 'all ratios within target' : `${missed} ratio(s) above target`);
}
await benchSweep(Number(process.env.BENCH_SWEEP_ROUNDS ?? 3));
