/** Runs a whole race in this thread: every racer from the same start, in race-clock order. */
import { epochPermutation } from '../random.ts';
import type { PreparedRace } from './prepare.ts';
import { RacerRun } from './racer-run.ts';
import type { EpochRecord } from './record.ts';
import { nextToRun, type Lap } from './schedule.ts';

export interface RunOptions {
  /** Put each epoch's wall time into `ms` (off for byte-identical output). */
  timing?: boolean;
}

/**
 * The row order of `epoch` (1-based) when the race shuffles, else null. One seeded
 * permutation per epoch, shared by every racer: the race is fair by construction.
 */
export function epochOrder(race: PreparedRace, epoch: number, out?: Int32Array): Int32Array | null {
  return race.config.shuffle ? epochPermutation(race.config.seed, epoch, race.train.rows, out) : null;
}

/**
 * Yields records in race-clock order (see schedule.ts): epoch 0 of every racer, then under
 * the "epochs" clock epoch 1 of every racer still running, and so on; under the "compute"
 * clock the next epoch of whichever racer has trained the shortest. A racer's records are
 * the same numbers under either clock. A diverged racer's last record carries `diverged: true`.
 */
export function* runRace(race: PreparedRace, options: RunOptions = {}): Generator<EpochRecord> {
  const timing = options.timing ?? true;
  const runs = race.config.racers.map((r) => new RacerRun(race, r, timing));
  for (const run of runs) yield run.start();
  const laps: Lap[] = runs.map((run) => ({ epoch: 0, spentMs: 0, done: run.done }));
  const order = new Int32Array(race.train.rows);
  const compute = race.config.clock === 'compute';
  for (let i = nextToRun(laps, race.config.clock); i >= 0; i = nextToRun(laps, race.config.clock)) {
    const run = runs[i];
    // The compute clock needs the time even when the records leave it out.
    const t0 = compute ? performance.now() : 0;
    const record = run.next(epochOrder(race, run.epoch + 1, order));
    const lap = laps[i];
    lap.spentMs += compute ? performance.now() - t0 : 0;
    lap.epoch = run.epoch;
    lap.done = run.done;
    yield record;
  }
}
