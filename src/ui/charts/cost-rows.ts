/**
 * What each racer pays per epoch: optimizer steps, and training milliseconds — the mean
 * over epochs 1… (epoch 0 trains nothing) and the latest epoch's. The mean is the
 * cumulative time over the epoch count, exact even when the history is decimated.
 */
import type { RacerView } from '../view-model.ts';

export interface CostRow {
  id: string;
  label: string;
  color: string;
  stepsPerEpoch: number;
  /** Null until epoch 1 is recorded. */
  meanMs: number | null;
  latestMs: number | null;
  /** meanMs / stepsPerEpoch. */
  msPerStep: number | null;
}

export function costRows(racers: readonly RacerView[]): CostRow[] {
  return racers.map((r) => {
    const trained = r.latest !== null && r.latest.epoch >= 1 ? r.latest : null;
    const meanMs = trained ? trained.cumulativeMs / trained.epoch : null;
    return {
      id: r.id,
      label: r.label,
      color: r.color,
      stepsPerEpoch: r.stepsPerEpoch,
      meanMs,
      latestMs: trained ? trained.ms : null,
      msPerStep: meanMs !== null && r.stepsPerEpoch > 0 ? meanMs / r.stepsPerEpoch : null,
    };
  });
}
