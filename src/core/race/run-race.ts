/** Runs a whole race in this thread: every racer from the same start, in race-clock order. */
import { epochPermutation } from '../random.ts';
import type { PreparedRace } from './prepare.ts';
import { RacerRun } from './racer-run.ts';
import type { EpochRecord } from './record.ts';
import { nextToRun, type Lap } from './schedule.ts';

export interface RunOptions {
  /** Put each epoch's wall time into `ms` (off for byte-identical output). */
  timing?: boolean;
  /** Race only these racers (indices into config.racers, in this order); default all. */
  racers?: readonly number[];
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
  const racers = options.racers ? options.racers.map((i) => race.config.racers[i]) : race.config.racers;
  // The compute clock shares out training time, so it measures it even when the records leave it out.
  const runs = racers.map((r) => new RacerRun(race, r, timing, timing || race.config.clock === 'compute'));
  for (const run of runs) yield run.start();
  const shared = new Int32Array(race.train.rows);
  if (race.config.clock === 'epochs') {
    // The epochs clock in one pass per epoch (nextToRun's order, without its scan per record).
    // A racer diverged at epoch 0 is done already and takes no epoch.
    for (let epoch = 1; runs.some((r) => !r.done); epoch++) {
      const order = epochOrder(race, epoch, shared);
      for (const run of runs) if (!run.done) yield run.next(order);
    }
    return;
  }
  // The compute clock: the racer that has trained the shortest goes next.
  const laps: Lap[] = runs.map((run) => ({ epoch: 0, spentMs: 0, done: run.done }));
  for (let i = nextToRun(laps, race.config.clock); i >= 0; i = nextToRun(laps, race.config.clock)) {
    const run = runs[i];
    const record = run.next(epochOrder(race, run.epoch + 1, shared));
    const lap = laps[i];
    lap.spentMs = run.spentMs;
    lap.epoch = run.epoch;
    lap.done = run.done;
    yield record;
  }
}
