/** What a race produces: one record per racer per epoch, epoch 0 being the initial state. */
export interface EpochRecord {
  racer: string;
  epoch: number;
  /** Full training-set MSE after this epoch; null when it is not finite. */
  loss: number | null;
  /** Hold-out MSE, present when the race has a hold-out set. */
  holdoutLoss?: number | null;
  w: number[][];
  b: number[];
  /** Optimizer steps taken so far. */
  steps: number;
  /** Wall time of this epoch's training steps, in milliseconds (0 at epoch 0). */
  ms?: number;
  /** A range test's lr at this epoch's last step (its first lr at epoch 0). */
  lr?: number;
  /** Set on the epoch at which the racer diverged; it takes no further epochs. */
  diverged?: true;
  /** Set on the epoch at which a range test stopped (loss past 4 × its lowest); it takes no further epochs. */
  stopped?: true;
}

/** A racer diverges when its loss exceeds this many times its epoch-0 loss. */
export const DIVERGENCE_FACTOR = 1e8;

/**
 * …or exceeds this, whatever its epoch-0 loss was: the factor says nothing when the race
 * starts at a loss of 0. 1e30 is far inside float32's range (3.4e38), so a float32 PyTorch
 * run reaches it finite and stops at the same epoch as the float64 engine, instead of
 * going on until it overflows.
 */
export const DIVERGENCE_CEILING = 1e30;

/**
 * The one divergence rule: a loss that is not finite, above the ceiling, or above
 * DIVERGENCE_FACTOR × the epoch-0 loss. At epoch 0 (`loss === initialLoss`) only the first
 * two can hold, so a race that starts at a non-finite loss is diverged at epoch 0.
 */
export function isDiverged(loss: number, initialLoss: number): boolean {
  return !Number.isFinite(loss) || loss > DIVERGENCE_CEILING || (initialLoss > 0 && loss > DIVERGENCE_FACTOR * initialLoss);
}

export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
