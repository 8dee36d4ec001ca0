/**
 * What each racer pays per epoch: optimizer steps, and training milliseconds as measured
 * (the median of windows of epochs, with the quartiles as the spread: see CostSampler), and
 * the training time it has had in all (what the "compute" clock shares out equally).
 */
import type { RacerView } from '../view-model.ts';

export interface CostRow {
  id: string;
  label: string;
  color: string;
  stepsPerEpoch: number;
  /** Median ms per epoch; null until an epoch is measured. */
  medianMs: number | null;
  /** First and third quartiles of the measurements (null with the median). */
  lowMs: number | null;
  highMs: number | null;
  /** medianMs / stepsPerEpoch. */
  msPerStep: number | null;
  /** Training time so far, ms. */
  spentMs: number;
}

export function costRows(racers: readonly RacerView[]): CostRow[] {
  return racers.map((r) => {
    const cost = r.cost;
    const medianMs = cost ? cost.median : null;
    return {
      id: r.id,
      label: r.label,
      color: r.color,
      stepsPerEpoch: r.stepsPerEpoch,
      medianMs,
      lowMs: cost ? cost.low : null,
      highMs: cost ? cost.high : null,
      msPerStep: medianMs !== null && r.stepsPerEpoch > 0 ? medianMs / r.stepsPerEpoch : null,
      spentMs: r.spentMs,
    };
  });
}
