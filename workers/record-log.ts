/**
 * Every record a racer computed, kept in its worker for export so the page never has to
 * keep them: at full resolution while they fit the racer's share of the memory budget, then
 * thinned: every other kept epoch is dropped and from then on only every `stride`-th epoch is
 * kept (and the racer's final one), so a log never passes its budget however long the race.
 */
import type { RecordBatch } from '../src/race/protocol.ts';
import { RecordColumns } from './record-columns.ts';

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
  ) {
    const recordBytes = new RecordColumns(inputs, outputs, hasHoldout, timing, hasLr).recordBytes;
    this.limit = Math.max(16, Math.floor(budgetBytes / recordBytes));
    // One record more than the limit: the record that triggers a thinning is pushed after it.
    this.kept = new RecordColumns(inputs, outputs, hasHoldout, timing, hasLr, this.limit + 1);
    this.latest = new RecordColumns(inputs, outputs, hasHoldout, timing, hasLr, 1);
  }

  /** The epoch of the latest record (−1 before any). */
  get epoch(): number {
    return this.latest.count > 0 ? this.latest.epochAt(0) : -1;
  }

  /**
   * Appends record `index` of `columns` (same shape), `diverged` when it is the racer's
   * diverged epoch, `stopped` when it is the epoch a range test stopped: a last record is
   * kept whatever the stride.
   */
  appendFrom(columns: RecordColumns, index: number, diverged: boolean, stopped = false): void {
    const epoch = columns.epochAt(index);
    if (epoch !== this.epoch + 1) throw new Error(`racer ${this.racer}: record of epoch ${epoch} after epoch ${this.epoch}`);
    this.latest.count = 0;
    this.latest.pushFrom(columns, index);
    this.diverged = diverged;
    this.stopped = stopped;
    const last = diverged || stopped;
    if (epoch % this.stride !== 0 && !last) return;
    if (this.kept.count >= this.limit) this.thin();
    if (epoch % this.stride === 0 || last) this.kept.pushFrom(columns, index);
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
