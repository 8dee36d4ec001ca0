/**
 * The loss chart's x axes, one table: what each measures, how it is labelled, and where a
 * recorded point sits on it. Steps and wall-clock time show the seed's cost argument: SGD
 * wins per epoch but pays for it in steps and milliseconds.
 */
import type { HistoryPoint } from '../view-model.ts';

export type LossXAxis = 'epoch' | 'steps' | 'ms';

export interface LossXAxisSpec {
  /** For the axis and the control. */
  label: string;
  /** For the chart's summary: "Loss per epoch". */
  per: string;
  /** The tooltip's name for a position on this axis. */
  unit: string;
  of(point: HistoryPoint): number;
}

export const LOSS_X_AXES: Record<LossXAxis, LossXAxisSpec> = {
  epoch: { label: 'Epochs', per: 'per epoch', unit: 'epoch', of: (p) => p.epoch },
  steps: { label: 'Optimizer steps', per: 'per optimizer step', unit: 'step', of: (p) => p.steps },
  ms: { label: 'Wall-clock ms', per: 'over wall-clock training time', unit: 'ms', of: (p) => p.cumulativeMs },
};
