/** Runs a whole race in this thread: every racer from the same start, epoch by epoch. */
import { epochPermutation } from '../random.ts';
import type { PreparedRace } from './prepare.ts';
import { RacerRun } from './racer-run.ts';
import type { EpochRecord } from './record.ts';

export interface RunOptions {
  /** Measure each epoch's wall time into `ms` (off for byte-identical output). */
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
 * Yields records epoch by epoch: epoch 0 of every racer, then epoch 1 of every racer still
 * running, and so on. A diverged racer's last record carries `diverged: true`.
 */
export function* runRace(race: PreparedRace, options: RunOptions = {}): Generator<EpochRecord> {
  const runs = race.config.racers.map((r) => new RacerRun(race, r, options.timing ?? true));
  for (const run of runs) yield run.start();
  const order = new Int32Array(race.train.rows);
  for (let epoch = 1; epoch <= race.config.epochs; epoch++) {
    const running = runs.filter((run) => !run.done);
    if (running.length === 0) return;
    const rows = epochOrder(race, epoch, order);
    for (const run of running) yield run.next(rows);
  }
}
