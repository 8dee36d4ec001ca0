/**
 * How far the sweeps have got: runs done (finished, diverged or stopped) of all, and from the epochs
 * trained so far and the time they took, runs per second and the time left. Runs race in
 * lockstep, so most finish together at the end: the rate counts epochs, not finished runs.
 * A cancelled run takes no more epochs: it counts the epochs it trained, and none are left.
 */
import type { SweepRun } from './sweep-runs.ts';

export interface SweepProgress {
  total: number;
  finished: number;
  diverged: number;
  /** Range tests that stopped (loss past 4 × its lowest): done, neither finished nor diverged. */
  stopped: number;
  /** Runs ended by Cancel before their last epoch (their results are partial). */
  cancelled: number;
  /** Epochs trained by all runs over the epochs they will train (a diverged run counts as all of its). */
  fraction: number;
  /** Runs' worth of epochs per second, or null before any time has passed. */
  runsPerSecond: number | null;
  /** Seconds left at that rate, or null when unknown. */
  secondsLeft: number | null;
}

export function sweepProgress(runs: readonly SweepRun[], epochs: number, elapsedMs: number): SweepProgress {
  let finished = 0;
  let diverged = 0;
  let stopped = 0;
  let cancelled = 0;
  let work = 0;
  let left = 0;
  for (const run of runs) {
    const trained = Math.min(epochs, Math.max(0, run.epoch));
    if (run.diverged) diverged++;
    else if (run.stopped) stopped++;
    else if (run.cancelled) cancelled++;
    else if (run.done) finished++;
    work += run.done && !run.cancelled ? epochs : trained;
    if (!run.done) left += epochs - trained;
  }
  const total = runs.length;
  const fraction = total === 0 || epochs === 0 ? 1 : work / (total * epochs);
  const runsPerSecond = elapsedMs > 0 && work > 0 ? work / epochs / (elapsedMs / 1000) : null;
  const secondsLeft = left === 0 ? 0 : runsPerSecond ? left / epochs / runsPerSecond : null;
  return { total, finished, diverged, stopped, cancelled, fraction, runsPerSecond, secondsLeft };
}
