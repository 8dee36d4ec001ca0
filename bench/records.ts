/**
 * The engine through `runRace` with a record every epoch (what the CLI and the workers read)
 * beside the fused loop, which also computes the full training loss once per epoch, so both
 * sides do an epoch's steps and its loss. Target (issue #11): ≤ 2× the fused loop.
 */
import type { RaceConfigSpec } from '../src/core/config/schema.ts';
import { validateRace } from '../src/core/config/validate.ts';
import { prepareRace, type PreparedRace } from '../src/core/race/prepare.ts';
import { epochOrder, runRace } from '../src/core/race/run-race.ts';
import { FusedLoop, type FusedRule } from './fused.ts';

interface Case {
  name: string;
  racer: Record<string, unknown>;
  rule: FusedRule;
  batchSize: 1 | 4 | 'full';
}

const CASES: Case[] = [
  { name: 'sgd', racer: { optimizer: 'sgd', lr: 1e-5 }, rule: { kind: 'sgd', lr: 1e-5, momentum: 0 }, batchSize: 1 },
  { name: 'momentum', racer: { optimizer: 'sgd', lr: 1e-5, momentum: 0.9 }, rule: { kind: 'sgd', lr: 1e-5, momentum: 0.9 }, batchSize: 4 },
  { name: 'adam', racer: { optimizer: 'adam', lr: 0.01 }, rule: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, batchSize: 'full' },
];
const STEPS = 300_000;

/** The fused loop's full-set MSE: what `loss` in a record is. */
function fullLoss(loop: FusedLoop, race: PreparedRace): number {
  const { rows: n, inputs: d, outputs: m, x, y } = race.train;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < m; o++) {
      let p = loop.b[o];
      for (let j = 0; j < d; j++) p += x[i * d + j] * loop.w[o * d + j];
      const e = p - y[i * m + o];
      s += e * e;
    }
  }
  return s / (n * m);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(c: Case, rounds: number) {
  const perEpoch = c.batchSize === 'full' ? 1 : Math.ceil(15 / c.batchSize);
  const spec: RaceConfigSpec = { data: 'crops15', epochs: Math.round(STEPS / perEpoch), seed: 7, racers: [{ id: 'r', ...c.racer, batchSize: c.batchSize } as RaceConfigSpec['racers'][number]] };
  const race = prepareRace(validateRace(spec));
  const engine: number[] = [];
  const fused: number[] = [];
  let drift = 0;
  for (let round = 0; round <= rounds; round++) {
    let t0 = performance.now();
    let steps = 0;
    let lastLoss = 0;
    for (const record of runRace(race, { timing: false })) {
      steps = record.steps;
      lastLoss = record.loss ?? NaN;
    }
    const e = (performance.now() - t0) / steps;
    const loop = new FusedLoop(race.train, race.init, c.rule, c.batchSize === 'full' ? race.train.rows : c.batchSize);
    const order = new Int32Array(race.train.rows);
    let fusedSteps = 0;
    let fusedLoss = 0;
    t0 = performance.now();
    for (let epoch = 1; epoch <= race.config.epochs; epoch++) {
      fusedSteps += loop.epoch(epochOrder(race, epoch, order));
      fusedLoss = fullLoss(loop, race);
    }
    const f = (performance.now() - t0) / fusedSteps;
    // Round 0 warms the JIT up; it also checks that both ended at the same loss.
    if (round === 0) drift = Math.abs(lastLoss - fusedLoss) / fusedLoss;
    else {
      engine.push(e);
      fused.push(f);
    }
  }
  return { engineUs: median(engine) * 1000, fusedUs: median(fused) * 1000, ratio: median(engine.map((e, i) => e / fused[i])), drift };
}

/** Prints the table; returns how many ratios missed the target. */
export function benchRecords(rounds: number): number {
  const target = 2;
  console.log(`\nthrough runRace, a record every epoch (weights copied), against the fused loop + its full loss per epoch; target ≤ ${target}`);
  console.log('data     optimizer  batch   engine µs/step  fused µs/step   ratio  final losses differ by');
  let missed = 0;
  for (const c of CASES) {
    const r = measure(c, rounds);
    const ok = r.ratio <= target;
    if (!ok) missed++;
    console.log(`crops15  ${c.name.padEnd(10)} ${String(c.batchSize).padEnd(6)} ${r.engineUs.toFixed(3).padStart(14)} ${r.fusedUs.toFixed(3).padStart(14)} ${r.ratio.toFixed(2).padStart(7)}${ok ? '' : ' MISSED'}  ${r.drift.toExponential(1)}`);
  }
  return missed;
}
