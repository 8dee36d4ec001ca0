/**
 * The CLI's loop (validate, prepare, runRace without timing) in a bare dedicated worker, no
 * Comlink, no streaming: how fast this browser runs the engine in a worker at all. The
 * benchmark sets it beside the same loop on the page's main thread and beside the real race.
 * With `summary`, the CLI's `--format summary` runner instead (each racer trained to its end
 * with no records, one after another): the floor a sweep in the page can reach.
 */
import { leanSummary } from '../../src/cli/job.ts';
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { runRace } from '../../src/core/race/run-race.ts';

function loop(config: RaceConfigSpec, summary: boolean): { ms: number; records: number } {
  const t0 = performance.now();
  let n = 0;
  const race = prepareRace(validateRace(config));
  if (summary) {
    for (let i = 0; i < race.config.racers.length; i++) n += leanSummary(race, i, false).epochs;
  } else {
    for (const _ of runRace(race, { timing: false })) n++;
  }
  return { ms: performance.now() - t0, records: n };
}

self.addEventListener('message', (event: MessageEvent<{ config: RaceConfigSpec; summary?: boolean; runs?: number }>) => {
  const { config, summary = false, runs = 1 } = event.data;
  let last = loop(config, summary);
  for (let run = 1; run < runs; run++) last = loop(config, summary);
  self.postMessage(last);
});
