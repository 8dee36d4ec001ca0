/**
 * A TrainerFactory whose workers start only once `gate` resolves. The page passes its first
 * paint as the gate: a worker's script load, compile and first epoch then run after the
 * first screen is drawn instead of competing with it for a two-core machine's cores. Every
 * TrainerApi call returns a promise, so a call made before the gate simply waits for it.
 *
 * Once the worker is made and every call made before it has gone through, a call goes to the
 * worker at once, not a microtask later: a Replay posts its race to the worker inside the
 * click, before the page redraws for the new race (that redraw, 20–40 ms, used to come first
 * and hold the worker's start back).
 *
 * A connection closed before its gate opens (its race was replaced at once) never starts a
 * worker, and its waiting calls never settle: nobody waits for a replaced race.
 */
import type { TrainerConnection, TrainerFactory } from './connection.ts';
import type { TrainerApi } from './protocol.ts';

/** Every TrainerApi method, as a record so a method added to the API and not here fails to compile. */
const API_METHODS: { readonly [K in keyof TrainerApi]: true } = { init: true, advance: true, hold: true, step: true, change: true, take: true, exportRecords: true, summaries: true, cancel: true };
const METHODS = Object.keys(API_METHODS) as (keyof TrainerApi)[];

export function deferredTrainer(factory: TrainerFactory, gate: Promise<unknown>): TrainerFactory {
  return (racerIds) => {
    let conn: TrainerConnection | null = null;
    let closed = false;
    let listener: ((message: string) => void) | null = null;
    /** Calls made while the worker was not there yet that have not gone through. */
    let waiting = 0;
    const ready = gate.then(
      () =>
        new Promise<TrainerConnection>((resolve) => {
          if (closed) return;
          try {
            conn = factory(racerIds);
          } catch (e) {
            listener?.(e instanceof Error ? e.message : String(e));
            return;
          }
          if (listener) conn.onCrash(listener);
          resolve(conn);
        }),
    );
    const call = (c: TrainerConnection, name: keyof TrainerApi, args: unknown[]) => (c.api[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    const api = Object.fromEntries(
      METHODS.map((name) => [
        name,
        (...args: unknown[]) => {
          // Straight through only when no earlier call still waits: the calls keep their order.
          // (In a promise's executor, which runs now: a call that throws still returns a rejection.)
          const started = conn;
          if (started && waiting === 0) return new Promise((resolve) => resolve(call(started, name, args)));
          waiting++;
          return ready.then((c) => {
            waiting--;
            return call(c, name, args);
          });
        },
      ]),
    ) as unknown as TrainerApi;
    return {
      api,
      onCrash(l) {
        listener = l;
        conn?.onCrash(l);
      },
      close() {
        closed = true;
        conn?.close();
      },
    };
  };
}
