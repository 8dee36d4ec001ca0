/** Runs a whole race in this thread: every racer from the same start, in race-clock order. */
import { epochPermutation } from '../random.ts';
import type { PreparedRace } from './prepare.ts';
import { RacerRun } from './racer-run.ts';
import { nextChunk } from './chunk-size.ts';
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
 * clock the epochs of whichever racer has trained the shortest. A racer's records are the
 * same numbers under either clock. A diverged racer's last record carries `diverged: true`.
 *
 * With timing (and under the compute clock, which needs it), a racer trains a chunk of
 * epochs between two clock reads and each epoch of the chunk is given the chunk's time over
 * its length (chunk-size.ts), as the race workers do: an epoch of a few microseconds is
 * measured, not mostly the clock's own cost. The records still come one per epoch, in order.
 */
export function* runRace(race: PreparedRace, options: RunOptions = {}): Generator<EpochRecord> {
  const timing = options.timing ?? true;
  const racers = options.racers ? options.racers.map((i) => race.config.racers[i]) : race.config.racers;
  const compute = race.config.clock === 'compute';
  const runs = racers.map((r) => new RacerRun(race, r, timing, timing || compute));
  for (const run of runs) yield run.start();
  if (!timing && !compute) {
    // Untimed, the epochs clock one epoch at a time: no clock to read, nothing to hold back.
    const shared = new Int32Array(race.train.rows);
    for (let epoch = 1; runs.some((r) => !r.done); epoch++) {
      const order = epochOrder(race, epoch, shared);
      for (const run of runs) if (!run.done) yield run.next(order);
    }
    return;
  }
  const orders = new EpochOrders(race);
  const chunks = runs.map(() => 1);
  /** Trains a chunk of `count` epochs of runs[i] and returns their records. */
  const chunkOf = (i: number, count: number): EpochRecord[] => {
    const run = runs[i];
    const records: EpochRecord[] = [];
    chunks[i] = nextChunk(chunks[i], run.trainChunk(count, orders.of(run.epoch + 1, count)));
    run.settleChunkInto((steps) => records.push(run.record(steps)));
    return records;
  };
  if (!compute) {
    // The epochs clock: every running racer takes the same chunk of epochs (they are level),
    // then the chunk's records come epoch by epoch, racer by racer.
    while (runs.some((r) => !r.done)) {
      const running = runs.flatMap((run, i) => (run.done ? [] : [i]));
      const count = Math.min(...running.map((i) => chunks[i]));
      const records = running.map((i) => chunkOf(i, count));
      for (let k = 0; k < count; k++) for (const list of records) if (k < list.length) yield list[k];
    }
    return;
  }
  // The compute clock: the racer that has trained the shortest goes next, a chunk at a time.
  const laps: Lap[] = runs.map((run) => ({ epoch: 0, spentMs: 0, done: run.done }));
  for (let i = nextToRun(laps, 'compute'); i >= 0; i = nextToRun(laps, 'compute')) {
    const run = runs[i];
    yield* chunkOf(i, chunks[i]);
    const lap = laps[i];
    lap.spentMs = run.spentMs;
    lap.epoch = run.epoch;
    lap.done = run.done;
  }
}

/**
 * The row orders of a chunk's epochs, in buffers reused from chunk to chunk (under the
 * epochs clock every running racer trains the same chunk, so they are made once for all).
 */
class EpochOrders {
  private readonly buffers: Int32Array[] = [];
  private from = 0;
  private count = 0;

  constructor(private readonly race: PreparedRace) {}

  /** The lookup trainChunk reads the orders of epochs from … from+count−1 through. */
  of(from: number, count: number): (epoch: number) => Int32Array | null {
    if (!this.race.config.shuffle) return () => null;
    if (from !== this.from || count > this.count) {
      for (let k = 0; k < count; k++) {
        this.buffers[k] ??= new Int32Array(this.race.train.rows);
        epochOrder(this.race, from + k, this.buffers[k]);
      }
      this.from = from;
      this.count = count;
    }
    return (epoch) => this.buffers[epoch - this.from];
  }
}
