/**
 * What the playground's components read: plain data, derived from the race controller's
 * state by the app. Charts and panels depend on this contract, not on the controller, so
 * each can be rendered and tested with hand-made data.
 */
import type { LossSurface } from '../core/analysis/loss-surface.ts';
import type { ChangeSpec, ClockName, OptimizerName, RaceConfigSpec, RacerSpec, Sweep, SweepOrigin } from '../core/config/schema.ts';
import type { Dataset } from '../core/data/dataset.ts';
import type { Optimum } from '../core/race/optimum.ts';
import type { CostStats } from './cost-sampler.ts';
import type { RunTally } from './sweep/run-tally.ts';

/**
 * 'stopped': a range test whose loss passed 4 × its lowest (it ends there, as fastai's
 * lr_find does); 'cancelled': ended where it was (a sweep's Cancel), its results partial.
 */
export type RacerStatus = 'ready' | 'running' | 'paused' | 'finished' | 'diverged' | 'stopped' | 'cancelled' | 'failed';

/** One recorded epoch as charts need it. */
export interface HistoryPoint {
  epoch: number;
  /** Full training-set MSE; null when not finite. */
  loss: number | null;
  holdoutLoss?: number | null;
  /** Optimizer steps so far. */
  steps: number;
  /** Training time of this epoch (ms) and summed up to it. */
  ms: number;
  cumulativeMs: number;
  w: number[][];
  b: number[];
  /** A range test's lr at this epoch's last step (its first lr at epoch 0); absent for other racers. */
  lr?: number;
}

export interface RacerView {
  id: string;
  label: string;
  color: string;
  optimizer: OptimizerName;
  batchSize: 'full' | number;
  /** Steps per epoch: ceil(training rows / batch size). */
  stepsPerEpoch: number;
  status: RacerStatus;
  /** Set when status is 'failed'. */
  error?: string;
  /** Set when status is 'diverged'. */
  divergedAt?: number;
  /** Set when status is 'stopped'. */
  stoppedAt?: number;
  /**
   * The points to draw, in epoch order: full resolution up to a cap, then decimated (each
   * window keeps its min, max and last point), always including epoch 0 and the latest.
   * Empty for a sweep's run, which the main charts do not draw: its `tally` has what the
   * Sweep panel reads.
   */
  history: readonly HistoryPoint[];
  /** The latest record (the current weights), or null before epoch 0 arrives. */
  latest: HistoryPoint | null;
  /** First epoch within 1% of the optimum, and the training ms up to it; null until then. */
  epochsToOptimum: number | null;
  msToOptimum: number | null;
  /** Measured ms per epoch (median and quartiles of windows of epochs), or null before any. */
  cost: CostStats | null;
  /** Training time it has had so far, ms (what the "compute" clock shares out equally). */
  spentMs: number;
  /** The learning rate of its next epoch. */
  lr: number;
  /** Hyperparameter changes: the config's and those made during the race. */
  changes: readonly ChangeSpec[];
  /** Where a sweep's run came from; absent on the racers the config names. */
  sweep?: SweepOrigin;
  /** A sweep's run: its best loss, first reach of each target, latest and loss curve, kept as records arrive. */
  tally?: RunTally;
}

/** The race as the charts see it. */
export interface RaceView {
  spec: RaceConfigSpec;
  /** Which race clock schedules the racers. */
  clock: ClockName;
  epochs: number;
  train: Dataset;
  holdout: Dataset | null;
  optimum: Optimum;
  /**
   * Epoch 0 as every racer starts it: the initial weights and their losses, known before
   * any worker runs. Charts take their views from it before the race (so the first records
   * do not rescale them) and show the start when no racer has weights yet.
   */
  start: HistoryPoint;
  surface: LossSurface;
  racers: readonly RacerView[];
  /** The config's sweeps as validated (their runs are among `racers`, with `sweep` set). */
  sweeps?: readonly Sweep[];
}

export type { RacerSpec };
