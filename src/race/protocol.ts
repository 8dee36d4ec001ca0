/**
 * What crosses the boundary between the race controller (main thread) and a trainer (one
 * Web Worker per racer). Only plain data goes across: a config as JSON text, numbers, and
 * records as columns of Float64Arrays whose buffers are transferred, not copied.
 */
import type { Optimum, Weights } from '../core/race/optimum.ts';

/** Epochs per second, or as fast as the machine goes. */
export type Speed = number | 'max';

/**
 * Consecutive epoch records of one racer, column by column. One batch replaces hundreds of
 * small messages; `recordsOf` turns it back into the engine's EpochRecords.
 */
export interface RecordBatch {
  racer: string;
  /** Epoch of the first record; the others follow one epoch apart. */
  from: number;
  count: number;
  inputs: number;
  outputs: number;
  /** Training loss per record; NaN where the record's loss is null (not finite). */
  loss: Float64Array;
  /** Hold-out loss per record (NaN for null), or null when the race has no hold-out set. */
  holdoutLoss: Float64Array | null;
  /** count × outputs × inputs: each record's W, row-major. */
  w: Float64Array;
  /** count × outputs: each record's b. */
  b: Float64Array;
  steps: Float64Array;
  /** Wall time of each epoch measured in the worker, or null when timing is off. */
  ms: Float64Array | null;
  /** True when the last record is the epoch at which the racer diverged. */
  diverged: boolean;
}

export interface TrainerOptions {
  speed: Speed;
  /** A learning rate that replaces the config's from the first step on. */
  lr?: number;
  /** Measure each epoch's `ms` (default true; off for byte-identical records). */
  timing?: boolean;
  /** Records are coalesced into one batch per this many milliseconds (default 16). */
  batchMs?: number;
  /** The trainer stops computing while this many batches wait to be taken (default 4). */
  maxAhead?: number;
}

/** What the trainer reports once its race is prepared. */
export interface TrainerInfo {
  rows: number;
  inputs: number;
  outputs: number;
  hasHoldout: boolean;
  epochs: number;
  /** The closed-form least-squares fit: the finish line. */
  optimum: Optimum;
  /** The weights every racer starts from. */
  init: Weights;
}

export type TrainerState = 'paused' | 'running' | 'finished' | 'diverged';

export interface TrainerUpdate {
  /** Every record computed since the last update, or null when only the state changed. */
  batch: RecordBatch | null;
  state: TrainerState;
}

/** One racer's trainer; the object a worker exposes with Comlink. */
export interface TrainerApi {
  /**
   * Validates the config with the engine's validator (throwing its ConfigError), prepares
   * the race and this racer, and computes epoch 0. The trainer then waits, paused. Called
   * again, it forgets the previous racer and takes the new one: a worker whose racer is
   * done can serve the next queued racer with its code already compiled and optimized.
   */
  init(configText: string, racerId: string, options: TrainerOptions): Promise<TrainerInfo>;
  play(): Promise<void>;
  pause(): Promise<void>;
  /** Runs `epochs` more epochs, then pauses; resolves with the epoch it will pause at. */
  step(epochs: number): Promise<number>;
  setSpeed(speed: Speed): Promise<void>;
  /** Changes the learning rate from the next optimizer step on. */
  setLr(lr: number): Promise<void>;
  /**
   * Resolves with the records not taken yet, as soon as there are some or the state has
   * changed; rejects with the error that stopped the racer. One call at a time: this is
   * the controller's credit, and the trainer stops computing while `maxAhead` batches wait.
   */
  take(): Promise<TrainerUpdate>;
  /** Every record computed so far, at full resolution. */
  exportRecords(): Promise<RecordBatch>;
}
