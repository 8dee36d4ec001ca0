/**
 * A trainer in this thread: the same TrainerService a worker exposes, called directly.
 * Arguments and results are structured-cloned and record buffers transferred, as
 * postMessage would, so what works here works across a real worker boundary. Used by the
 * controller's tests in Node, and usable where Web Workers are not.
 */
import { TrainerService } from '../../workers/trainer-service.ts';
import type { TrainerConnection } from './connection.ts';
import type { TrainerApi } from './protocol.ts';

function buffersIn(value: unknown, found: ArrayBuffer[] = []): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) found.push(value.buffer as ArrayBuffer);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) buffersIn(v, found);
  return found;
}

/** Crosses the "boundary": a clone, with typed-array buffers moved rather than copied. */
function across<T>(value: T): T {
  return structuredClone(value, { transfer: buffersIn(value) });
}

/** An error as Comlink rethrows it on the other side: a plain Error with name and message. */
function rethrown(e: unknown): Error {
  if (!(e instanceof Error)) return new Error(String(e));
  return Object.assign(new Error(e.message), { name: e.name });
}

export function inProcessTrainer(): TrainerConnection {
  const service = new TrainerService();
  let closed = false;
  const call =
    <K extends keyof TrainerApi>(method: K) =>
    async (...args: unknown[]): Promise<never> => {
      if (closed) return new Promise(() => {}); // a terminated worker never answers
      try {
        const fn = service[method] as (...a: unknown[]) => Promise<never>;
        return across(await fn.apply(service, across(args)));
      } catch (e) {
        throw rethrown(e);
      }
    };
  const api: TrainerApi = {
    init: call('init'),
    play: call('play'),
    pause: call('pause'),
    step: call('step'),
    setSpeed: call('setSpeed'),
    setLr: call('setLr'),
    take: call('take'),
    exportRecords: call('exportRecords'),
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
