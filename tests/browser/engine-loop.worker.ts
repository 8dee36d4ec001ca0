/**
 * The CLI's loop (validate, prepare, runRace without timing) in a bare dedicated worker, no
 * Comlink, no streaming: how fast this browser runs the engine in a worker at all. The
 * benchmark sets it beside the same loop on the page's main thread and beside the real race.
 */
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { runRace } from '../../src/core/race/run-race.ts';

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const t0 = performance.now();
  let n = 0;
  for (const _ of runRace(prepareRace(validateRace(event.data)), { timing: false })) n++;
  self.postMessage({ ms: performance.now() - t0, records: n });
});
