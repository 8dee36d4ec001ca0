/**
 * What crosses the boundary between the race controller (main thread) and a race worker,
 * which hosts any number of one race's racers and advances them together. Only plain data
 * goes across: the race prepared once on the main thread, numbers, and records as columns
 * of Float64Arrays whose buffers are transferred, not copied.
 */
import type { ChangeValues } from '../core/config/schema.ts';
import type { PreparedRace } from '../core/race/prepare.ts';
import type { RacerSummary } from '../core/race/summary.ts';

/**
 * How often a worker seals its racers' new records into an update, ms. The page redraws at
 * most every 30 ms (MIN_REDRAW_GAP_MS), so sealing every 16 ms sent it two updates a redraw:
 * at 32 ms a max-speed sweep's updates cost the page and the worker half the messages, and
 * the playground ran the sweep benchmark in 0.96× the time (12 paired rounds).
 */
export const DEFAULT_BATCH_MS = 32;

/**
 * Sealed batches a worker computes ahead of the page's takes before it waits: about a
 * quarter of a second at max speed (8 of DEFAULT_BATCH_MS). With 64 ms ahead, the page's
 * ordinary redraws and collections held a max-speed sweep's worker back, tens of ms a race.
 */
export const DEFAULT_MAX_AHEAD = 8;

/** Epochs per second, or as fast as the machine goes. */
export type Speed = number | 'max';

/**
 * Consecutive epoch records of one racer, column by column. One batch replaces hundreds of
 * small messages; `recordsOf` turns it back into the engine's EpochRecords.
 */
export interface RecordBatch {
  racer: string;
  /** Epoch of the first record; the others follow one epoch apart unless `epochs` is given. */
  from: number;
  count: number;
  /**
   * Each record's epoch, when they are not consecutive: a log thinned to stay within the
   * memory budget keeps every `stride`-th epoch (and the last).
   */
  epochs?: Float64Array;
  inputs: number;
  outputs: number;
  /** Training loss per record; NaN where the record's loss is null (not finite). */
  loss: Float64Array;
  /** Hold-out loss per record (NaN for null), or null when the race has no hold-out set. */
  holdoutLoss: Float64Array | null;
  /** count × outputs × inputs: each record's W, row-major (only the last one's when `lastWeightsOnly`). */
  w: Float64Array;
  /** count × outputs: each record's b (only the last one's when `lastWeightsOnly`). */
  b: Float64Array;
  /**
   * True when `w` and `b` hold the last record's weights only: a sweep's run. Its records
   * carry every epoch's losses, steps and time, but nobody reads a run's weights epoch by
   * epoch, and copying them was most of what a sweep cost the browser beyond training.
   */
  lastWeightsOnly?: true;
  steps: Float64Array;
  /**
   * Training time of each epoch, in ms, or null when timing is off. Measured over a run of
   * the racer's consecutive epochs and divided by their count, so an epoch of a few
   * microseconds is measured, not rounded to the clock's tick.
   */
  ms: Float64Array | null;
  /** True when the last record is the epoch at which the racer diverged. */
  diverged: boolean;
  /**
   * A range test's lr per record (the lr of its epoch's last step, its first at epoch 0), so
   * the page can plot loss against lr; absent for a racer without a per-step lr schedule.
   */
  lr?: Float64Array;
  /** True when the last record is the epoch at which a range test stopped (loss past 4 × its lowest). */
  stopped?: boolean;
}

/**
 * How far the racers of a race may run now. Under the "epochs" clock a racer runs while its
 * epoch is below `epoch`; under the "compute" clock while its training time is below `ms`.
 * Infinity lets it run to the end.
 */
export interface Horizon {
  epoch: number;
  ms: number;
}

export interface WorkerSetup {
  /** The race, validated and prepared once on the main thread. */
  race: PreparedRace;
  /** The racers this worker hosts, by id. */
  racers: string[];
  /** Put each epoch's training time into the records (default true). */
  timing?: boolean;
  /** Records are sealed into batches about this often, in ms (default DEFAULT_BATCH_MS). */
  batchMs?: number;
  /** The worker stops computing while this many batches wait to be taken (default DEFAULT_MAX_AHEAD). */
  maxAhead?: number;
  /** Bytes each racer's full-resolution log may take before it keeps every other epoch. */
  logBytes?: number;
}

/** How one hosted racer stands, as of the records handed over with it. */
export interface RacerProgress {
  id: string;
  /** The last epoch handed over. */
  epoch: number;
  /** Its training time up to that epoch, ms. */
  spentMs: number;
  /**
   * How it ended, once it has ('stopped': a range test whose loss passed 4 × its lowest;
   * 'cancelled': told to end where it was, its records so far kept).
   */
  end?: 'finished' | 'diverged' | 'stopped' | 'cancelled' | 'failed';
  /** Why it failed. */
  error?: string;
  /** Epochs between the records its log keeps (1 until the log is thinned). */
  stride: number;
}

export interface WorkerUpdate {
  /** Records not handed over before, one batch per racer that has some. */
  batches: RecordBatch[];
  /**
   * The progress of each racer with news (new records, or how it ended), at most a few
   * hundred an update: a worker hosting thousands of racers hands them over in turn.
   */
  racers: RacerProgress[];
}

/** The object a race worker exposes with Comlink. */
export interface TrainerApi {
  /** Takes the prepared race and its racers, and computes every racer's epoch 0. */
  init(setup: WorkerSetup): Promise<void>;
  /** Runs the racers towards `horizon` (any step target is dropped). */
  advance(horizon: Horizon): Promise<void>;
  /** Stops computing where the racers are; their records up to there are handed over. */
  hold(): Promise<void>;
  /** Runs every unfinished racer exactly `epochs` more epochs; resolves with each one's target epoch. */
  step(epochs: number): Promise<Record<string, number>>;
  /**
   * Changes a racer's hyperparameters before its next epoch, as editing `param_groups[0]`
   * between epochs would; resolves with that epoch (its record is the first made with them).
   */
  change(racerId: string, values: ChangeValues): Promise<number>;
  /**
   * Resolves with what happened since the last take, as soon as something did; rejects
   * with the error that stopped the worker. One call at a time: this is the controller's
   * credit, and the worker stops computing while `maxAhead` batches wait.
   */
  take(): Promise<WorkerUpdate>;
  /** Every record the racer's log keeps. A sweep's run keeps no log: rejects for one. */
  exportRecords(racerId: string): Promise<RecordBatch>;
  /**
   * Each of these racers' summary as it stands (what `--format summary` prints for it), from
   * its run's per-epoch losses: a sweep's run has one though it keeps no records.
   */
  summaries(racerIds: string[]): Promise<RacerSummary[]>;
  /**
   * Ends these racers where they are, as 'cancelled' (ids it does not host, or racers that
   * ended already, are ignored): their records so far are handed over and stay in their
   * logs, and the worker's other racers go on.
   */
  cancel(racerIds: string[]): Promise<void>;
}
