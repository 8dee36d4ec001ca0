/** Per-racer results of a race, folded from its records. */
import type { Racer } from '../config/schema.ts';
import type { Optimum } from './optimum.ts';
import type { RacerRun } from './racer-run.ts';
import type { EpochRecord } from './record.ts';

export interface RacerSummary {
  racer: string;
  label: string;
  optimizer: string;
  /** The last epoch run. */
  epochs: number;
  steps: number;
  finalLoss: number | null;
  bestLoss: number | null;
  bestEpoch: number | null;
  /** First epoch whose loss is within 1% of the optimum, or null. */
  epochsToOptimum: number | null;
  /** Training time summed up to that epoch, or null. */
  msToOptimum: number | null;
  totalMs: number;
  /** The epoch at which it diverged, or false. */
  diverged: number | false;
  /** Hold-out loss at its last epoch, or null (no hold-out set, or not finite). */
  holdoutLoss: number | null;
  /** The epoch at which a range test stopped (loss past 4 × its lowest), or false. */
  stopped: number | false;
}

/**
 * Within 1% of the optimum: loss ≤ 1.01 × optimum. A perfect fit (optimum 0) would make
 * that unreachable in floating point, so the margin never falls below 1e-10 of the
 * initial loss.
 */
export function nearOptimum(loss: number, optimumLoss: number, initialLoss: number): boolean {
  return loss <= Math.max(optimumLoss * 1.01, optimumLoss + 1e-10 * initialLoss);
}

export class SummaryTracker {
  private readonly byRacer = new Map<string, RacerSummary & { initialLoss: number }>();

  constructor(racers: readonly Racer[], private readonly optimum: Optimum) {
    for (const r of racers) {
      this.byRacer.set(r.id, {
        racer: r.id,
        label: r.label,
        optimizer: r.optimizer,
        epochs: 0,
        steps: 0,
        finalLoss: null,
        bestLoss: null,
        bestEpoch: null,
        epochsToOptimum: null,
        msToOptimum: null,
        totalMs: 0,
        diverged: false,
        holdoutLoss: null,
        stopped: false,
        initialLoss: NaN,
      });
    }
  }

  add(record: EpochRecord): void {
    const s = this.byRacer.get(record.racer);
    if (!s) throw new Error(`summary: unknown racer ${record.racer}`);
    const loss = record.loss;
    if (record.epoch === 0) s.initialLoss = loss ?? NaN;
    s.epochs = record.epoch;
    s.steps = record.steps;
    s.totalMs += record.ms ?? 0;
    s.finalLoss = loss;
    if (loss !== null && (s.bestLoss === null || loss < s.bestLoss)) {
      s.bestLoss = loss;
      s.bestEpoch = record.epoch;
    }
    if (s.epochsToOptimum === null && loss !== null && nearOptimum(loss, this.optimum.loss, s.initialLoss)) {
      s.epochsToOptimum = record.epoch;
      s.msToOptimum = Math.round(s.totalMs * 1000) / 1000;
    }
    if (record.diverged) s.diverged = record.epoch;
    s.holdoutLoss = record.holdoutLoss ?? null;
    if (record.stopped) s.stopped = record.epoch;
  }

  summaries(): RacerSummary[] {
    return [...this.byRacer.values()].map(({ initialLoss: _, ...s }) => ({ ...s, totalMs: Math.round(s.totalMs * 1000) / 1000 }));
  }
}

/**
 * A finished (or current) run's summary from its typed arrays, the same numbers a
 * SummaryTracker fed every one of its records gives: what a run that builds no records reports.
 */
export function summarizeRun(run: RacerRun, optimum: Optimum): RacerSummary {
  const losses = run.losses;
  const ms = run.epochMs;
  const holdout = run.holdoutLosses;
  const last = losses.length - 1;
  const finite = (x: number): number | null => (Number.isNaN(x) ? null : x);
  let bestLoss: number | null = null;
  let bestEpoch: number | null = null;
  let epochsToOptimum: number | null = null;
  let msToOptimum: number | null = null;
  let totalMs = 0;
  for (let e = 0; e <= last; e++) {
    const loss = losses[e];
    totalMs += ms ? ms[e] : 0;
    if (Number.isNaN(loss)) continue;
    if (bestLoss === null || loss < bestLoss) {
      bestLoss = loss;
      bestEpoch = e;
    }
    if (epochsToOptimum === null && nearOptimum(loss, optimum.loss, losses[0])) {
      epochsToOptimum = e;
      msToOptimum = Math.round(totalMs * 1000) / 1000;
    }
  }
  const { racer } = run;
  return {
    racer: racer.id,
    label: racer.label,
    optimizer: racer.optimizer,
    epochs: last,
    steps: run.steps,
    finalLoss: finite(losses[last]),
    bestLoss,
    bestEpoch,
    epochsToOptimum,
    msToOptimum,
    totalMs: Math.round(totalMs * 1000) / 1000,
    diverged: run.diverged ? last : false,
    holdoutLoss: holdout ? finite(holdout[last]) : null,
    stopped: run.stopped ? last : false,
  };
}
