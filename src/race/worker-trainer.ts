/** A race worker in its own module Web Worker, reached through Comlink. */
import * as Comlink from 'comlink';
import type { TrainerConnection } from './connection.ts';
import type { TrainerApi } from './protocol.ts';

/** What a worker's error event says, or a plain reason when it says nothing (a failed load). */
export function crashMessage(event: Event): string {
  const message = event instanceof ErrorEvent ? event.message : '';
  return message || 'the race worker stopped (it could not load or crashed)';
}

/**
 * Wraps a started worker. The 'error' event fires for an uncaught error inside the worker
 * and for a worker script that fails to load; either way the racer is lost, so it is
 * reported once and the worker is terminated.
 */
export function connectWorker(worker: Worker): TrainerConnection {
  const remote = Comlink.wrap<TrainerApi>(worker);
  let listener: ((message: string) => void) | null = null;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    remote[Comlink.releaseProxy]();
    worker.terminate();
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    const message = crashMessage(event);
    close();
    listener?.(message);
  });
  worker.addEventListener('messageerror', () => {
    close();
    listener?.('a message from the race worker could not be read');
  });
  return {
    // Every TrainerApi method already returns a promise and takes and gives plain data,
    // so Comlink's Remote<TrainerApi> has exactly TrainerApi's shape.
    api: remote as unknown as TrainerApi,
    onCrash: (l) => {
      listener = l;
    },
    close,
  };
}

/** A race worker in a new module worker (the page's default TrainerFactory). */
export function workerTrainer(): TrainerConnection {
  // Inline `new URL(…)` and literal options: the form Vite detects and bundles as a worker.
  return connectWorker(new Worker(new URL('../../workers/race.worker.ts', import.meta.url), { type: 'module' }));
}
