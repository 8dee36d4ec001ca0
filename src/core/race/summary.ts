/** Per-racer results of a race, folded from its records. */
import type { Racer } from '../config/schema.ts';
import type { Optimum } from './optimum.ts';
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
  }

  summaries(): RacerSummary[] {
    return [...this.byRacer.values()].map(({ initialLoss: _, ...s }) => ({ ...s, totalMs: Math.round(s.totalMs * 1000) / 1000 }));
  }
}
