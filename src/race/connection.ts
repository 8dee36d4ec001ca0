/**
 * How the controller reaches one racer's trainer. In the page that is a module Web Worker
 * (worker-trainer.ts); under Vitest an in-process trainer running the same TrainerApi
 * (in-process-trainer.ts). The controller only ever sees this interface.
 */
import type { TrainerApi } from './protocol.ts';

export interface TrainerConnection {
  readonly api: TrainerApi;
  /**
   * Sets the listener told, at most once, that the trainer died outside any call (an
   * uncaught error in the worker, or a worker that could not start). A later call replaces
   * the listener: a reused worker reports to the racer it serves now.
   */
  onCrash(listener: (message: string) => void): void;
  /** Terminates the trainer and releases its proxy. Safe to call more than once. */
  close(): void;
}

/** Starts the trainer of one racer. */
export type TrainerFactory = (racerId: string) => TrainerConnection;
