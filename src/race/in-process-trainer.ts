/**
 * A race worker in this thread: the same RaceWorker a Web Worker exposes, called directly.
 * Arguments and results are structured-cloned and record buffers transferred, as
 * postMessage would, so what works here works across a real worker boundary. Used by the
 * controller's tests in Node, and usable where Web Workers are not.
 */
import { RaceWorker } from '../../workers/race-worker.ts';
import type { TrainerConnection } from './connection.ts';
import type { TrainerApi } from './protocol.ts';

/** Every buffer under `value`, each once (a batch's columns may be views of one buffer). */
function buffersIn(value: unknown, found = new Set<ArrayBuffer>()): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(value)) found.add(value.buffer as ArrayBuffer);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) buffersIn(v, found);
  return found;
}

/**
 * Crosses the "boundary": a clone. Results move their typed-array buffers, as the worker
 * marks them with Comlink.transfer; arguments are copied, as Comlink copies what is not
 * marked (the prepared race goes to every worker).
 */
function across<T>(value: T, move: boolean): T {
  return structuredClone(value, move ? { transfer: [...buffersIn(value)] } : {});
}

/** An error as Comlink rethrows it on the other side: a plain Error with name and message. */
function rethrown(e: unknown): Error {
  if (!(e instanceof Error)) return new Error(String(e));
  return Object.assign(new Error(e.message), { name: e.name });
}

export function inProcessTrainer(): TrainerConnection {
  const service = new RaceWorker();
  let closed = false;
  const call =
    <K extends keyof TrainerApi>(method: K) =>
    async (...args: unknown[]): Promise<never> => {
      if (closed) return new Promise(() => {}); // a terminated worker never answers
      try {
        const fn = service[method] as (...a: unknown[]) => Promise<never>;
        return across(await fn.apply(service, across(args, false)), true);
      } catch (e) {
        throw rethrown(e);
      }
    };
  const api: TrainerApi = {
    init: call('init'),
    advance: call('advance'),
    hold: call('hold'),
    step: call('step'),
    change: call('change'),
    take: call('take'),
    exportRecords: call('exportRecords'),
    summaries: call('summaries'),
    cancel: call('cancel'),
  };
  return {
    api,
    onCrash: () => {},
    close: () => {
      closed = true;
      service.dispose();
    },
  };
}
