/**
 * Every record a racer computed, kept in its worker for export so the page never has to
 * keep them: at full resolution while they fit the racer's share of the memory budget, then
 * thinned: every other kept epoch is dropped and from then on only every `stride`-th epoch is
 * kept (and the racer's final one), so a log never passes its budget however long the race.
 */
import type { RecordBatch } from '../src/race/protocol.ts';
import type { ColumnPool } from './column-pool.ts';
import { RecordColumns } from './record-columns.ts';

/** A log makes room for at most this many bytes of records up front. */
const RESERVE_BYTES = 8 * 2 ** 20;

export class RecordLog {
  /** Epochs between kept records: 1 at full resolution, doubled by every thinning. */
  stride = 1;
  diverged = false;
  /** A range test's log ends at the epoch it stopped. */
  stopped = false;
  private readonly kept: RecordColumns;
  /** The latest record, kept whatever the stride, so an export always ends where the racer is. */
  private readonly latest: RecordColumns;
  /** Records the log may hold (at least 16). */
  readonly limit: number;

  constructor(
    readonly racer: string,
    inputs: number,
    outputs: number,
    hasHoldout: boolean,
    timing: boolean,
    budgetBytes = Infinity,
    /** Keep each record's lr (a range test). */
    hasLr = false,
    /** Records the race will make (its epochs + 1): room for them, or for the limit, is made up front. */
    expectedRecords = 0,
    /** Where its columns come from and go back to (see ColumnPool). */
    pool: ColumnPool | null = null,
  ) {
    const recordBytes = new RecordColumns(inputs, outputs, hasHoldout, timing, hasLr).recordBytes;
    this.limit = Math.max(16, Math.floor(budgetBytes / recordBytes));
    // One record more than the limit: the record that triggers a thinning is pushed after it.
    this.kept = new RecordColumns(inputs, outputs, hasHoldout, timing, hasLr, this.limit + 1, true, pool);
    this.latest = new RecordColumns(inputs, outputs, hasHoldout, timing, hasLr, 1);
    // One allocation per column rather than a doubling's copies: in Chromium the copies of
    // growing logs (twice the log's size in new buffers) kept the garbage collector busy. Up
    // to RESERVE_BYTES: a very long race grows past that as it goes, not all at load time.
    this.kept.reserve(Math.min(expectedRecords, this.limit + 1, Math.floor(RESERVE_BYTES / recordBytes)));
  }

  /** The epoch of the latest record (−1 before any). */
  get epoch(): number {
    return this.latest.count > 0 ? this.latest.epochAt(0) : -1;
  }

  /**
   * Appends records [start, end) of `columns` (same shape; the epochs after the log's, in
   * order), the last one the racer's diverged epoch when `diverged`, or the epoch a range test
   * stopped when `stopped`: that last record is kept whatever the stride. At full resolution
   * they go in as one run; once thinned, record by record.
   */
  appendRange(columns: RecordColumns, start: number, end: number, diverged: boolean, stopped = false): void {
    if (end <= start) return;
    const first = columns.epochAt(start);
    if (first !== this.epoch + 1) throw new Error(`racer ${this.racer}: record of epoch ${first} after epoch ${this.epoch}`);
    const last = end - 1;
    let i = start;
    while (i < end) {
      if (this.stride === 1 && this.kept.count < this.limit) {
        const n = Math.min(end - i, this.limit - this.kept.count);
        this.kept.pushRange(columns, i, i + n);
        i += n;
        continue;
      }
      const epoch = columns.epochAt(i);
      const lastHere = (diverged || stopped) && i === last;
      if (epoch % this.stride === 0 || lastHere) {
        if (this.kept.count >= this.limit) this.thin();
        if (epoch % this.stride === 0 || lastHere) this.kept.pushRange(columns, i, i + 1);
      }
      i++;
    }
    this.latest.count = 0;
    this.latest.pushRange(columns, last, end);
    this.diverged = diverged;
    this.stopped = stopped;
  }

  /** Every kept record, with the latest one at the end. */
  export(): RecordBatch {
    const out = this.kept;
    const last = out.count > 0 ? out.epochAt(out.count - 1) : -1;
    if (this.latest.count > 0 && last !== this.epoch) {
      // A copy with the latest epoch appended: the log itself keeps its stride.
      const batch = out.batch(this.racer, 0, out.count, false);
      const tail = this.latest.batch(this.racer, 0, 1, this.diverged, this.stopped);
      return joinBatches(batch, tail);
    }
    return out.batch(this.racer, 0, out.count, this.diverged, this.stopped);
  }

  /** Gives its columns back to their pool: the log is empty from then on (its race is over). */
  recycle(): void {
    this.kept.recycle();
    this.latest.recycle();
  }

  private thin(): void {
    this.stride *= 2;
    const stride = this.stride;
    this.kept.filter((epoch) => epoch % stride === 0);
  }
}

/** Two batches of one racer as one, the second's records after the first's. */
function joinBatches(a: RecordBatch, b: RecordBatch): RecordBatch {
  const cat = (x: Float64Array, y: Float64Array): Float64Array<ArrayBuffer> => {
    const out = new Float64Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  const epochsOf = (batch: RecordBatch) => batch.epochs ?? Float64Array.from({ length: batch.count }, (_, i) => batch.from + i);
  const epochs = cat(epochsOf(a), epochsOf(b));
  const consecutive = epochs.every((e, i) => e === epochs[0] + i);
  return {
    racer: a.racer,
    from: epochs.length > 0 ? epochs[0] : 0,
    count: a.count + b.count,
    ...(consecutive ? {} : { epochs }),
    inputs: a.inputs,
    outputs: a.outputs,
    loss: cat(a.loss, b.loss),
    holdoutLoss: a.holdoutLoss && b.holdoutLoss ? cat(a.holdoutLoss, b.holdoutLoss) : null,
    w: cat(a.w, b.w),
    b: cat(a.b, b.b),
    steps: cat(a.steps, b.steps),
    ms: a.ms && b.ms ? cat(a.ms, b.ms) : null,
    diverged: b.diverged,
    ...(a.lr && b.lr ? { lr: cat(a.lr, b.lr) } : {}),
    ...(b.stopped ? { stopped: true } : {}),
  };
}
