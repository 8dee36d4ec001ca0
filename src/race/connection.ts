/**
 * How the controller reaches one race worker. In the page that is a module Web Worker
 * (worker-trainer.ts); under Vitest an in-process worker running the same TrainerApi
 * (in-process-trainer.ts). The controller only ever sees this interface.
 */
import type { TrainerApi } from './protocol.ts';

export interface TrainerConnection {
  readonly api: TrainerApi;
  /**
   * Sets the listener told, at most once, that the worker died outside any call (an
   * uncaught error in the worker, or a worker that could not start).
   */
  onCrash(listener: (message: string) => void): void;
  /** Terminates the worker and releases its proxy. Safe to call more than once. */
  close(): void;
}

/** Starts a worker for the racers with these ids. */
export type TrainerFactory = (racerIds: readonly string[]) => TrainerConnection;
