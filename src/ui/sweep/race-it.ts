/**
 * "Race it": a sweep's run as a racer of its own in the main race: a copy of its base racer
 * (as written) with the run's swept values, a new id that no racer or run has, and the run's
 * label. The sweep stays in the config.
 */
import type { RaceConfigSpec, RacerSpec, SweepOrigin } from '../../core/config/schema.ts';

export function raceIt(spec: RaceConfigSpec, run: { id: string; label: string; sweep: SweepOrigin }, taken: readonly string[]): RaceConfigSpec {
  const base = spec.racers.find((r) => r.id === run.sweep.base);
  if (!base) return spec;
  const used = new Set([...taken, ...spec.racers.map((r) => r.id)]);
  let id = `${run.id} raced`;
  for (let n = 2; used.has(id); n++) id = `${run.id} raced ${n}`;
  // Its own colour from the palette, not the base racer's.
  const racer: RacerSpec = { ...base, ...run.sweep.values, id, label: run.label };
  delete racer.color;
  return { ...spec, racers: [...spec.racers, racer] };
}
