/**
 * Records column by column in growable Float64Arrays: a racer's log in its worker, and the
 * records waiting to be handed to the page. Batches are copies of a range, so they can be
 * transferred away while the columns stay whole.
 *
 * A worker writes thousands of records a second through here, so every column is always an
 * array (empty when the race has no hold-out set or no timing: one shape for every instance)
 * and records move in ranges, not one method call per record.
 *
 * A sweep's run keeps no weights per record (`keepsWeights` false): its batches carry the
 * weights of their last record only, handed to `batch` by the worker.
 */
import type { RecordBatch } from '../src/race/protocol.ts';
import type { ColumnPool } from './column-pool.ts';

const NONE = new Float64Array(0);

/** dest[to …] = src[from … from+n). A few values element by element (a view per record would allocate), a run in one copy. */
function copyRange(dest: Float64Array, to: number, src: Float64Array, from: number, n: number): void {
  if (n <= 16) {
    for (let k = 0; k < n; k++) dest[to + k] = src[from + k];
  } else {
    dest.set(src.subarray(from, from + n), to);
  }
}

export class RecordColumns {
  count = 0;
  private capacity = 0;
  private epoch = NONE;
  private loss = NONE;
  private holdoutLoss = NONE;
  private w = NONE;
  private b = NONE;
  private steps = NONE;
  private ms = NONE;
  private lr = NONE;
  /** Values of W, and of b, per record (0 when the columns keep no weights). */
  private readonly wSize: number;
  private readonly bSize: number;

  constructor(
    readonly inputs: number,
    readonly outputs: number,
    private readonly hasHoldout: boolean,
    private readonly timing: boolean,
    /** Keep each record's lr: only a racer with a per-step lr schedule (a range test) has one worth a column. */
    private readonly hasLr = false,
    /** Records it will ever hold: growth stops there, so a budgeted log never allocates past its budget. */
    private readonly maxRecords = Number.MAX_SAFE_INTEGER,
    /** Keep each record's W and b; without them a batch carries its last record's (see `batch`). */
    readonly keepsWeights = true,
    /** Where its columns come from as they grow, and go back to (`recycle`); none: always new arrays. */
    private readonly pool: ColumnPool | null = null,
  ) {
    this.wSize = keepsWeights ? inputs * outputs : 0;
    this.bSize = keepsWeights ? outputs : 0;
  }

  /** Bytes one record takes. */
  get recordBytes(): number {
    return 8 * ((this.hasHoldout ? 4 : 3) + (this.timing ? 1 : 0) + (this.hasLr ? 1 : 0) + this.wSize + this.bSize);
  }

  /** Values of one model's W and b. */
  get weightValues(): number {
    return this.outputs * (this.inputs + 1);
  }

  /** The epoch of record i. */
  epochAt(i: number): number {
    return this.epoch[i];
  }

  /**
   * Appends one record from raw values: W and b as the model's flat arrays (row-major), no
   * EpochRecord object in between. A loss that is not finite is kept as NaN, as a batch's
   * columns say a null loss. `lr` is kept only by columns that have an lr.
   */
  pushValues(epoch: number, loss: number, holdoutLoss: number | null, w: Float64Array, b: Float64Array, steps: number, ms: number, lr = NaN): void {
    if (this.count === this.capacity) this.grow(this.nextCapacity(this.count + 1));
    const i = this.count;
    this.epoch[i] = epoch;
    this.loss[i] = Number.isFinite(loss) ? loss : NaN;
    if (this.hasHoldout) this.holdoutLoss[i] = holdoutLoss !== null && Number.isFinite(holdoutLoss) ? holdoutLoss : NaN;
    copyRange(this.w, i * this.wSize, w, 0, this.wSize);
    copyRange(this.b, i * this.bSize, b, 0, this.bSize);
    this.steps[i] = steps;
    if (this.timing) this.ms[i] = ms;
    if (this.hasLr) this.lr[i] = lr;
    this.count++;
  }

  /** Makes room for `records` records at once (within maxRecords), so filling them copies nothing. */
  reserve(records: number): void {
    const capacity = Math.min(records, this.maxRecords);
    if (capacity > this.capacity) this.grow(capacity);
  }

  /** Sets the training time of records [start, end). */
  setMs(start: number, end: number, ms: number): void {
    if (this.timing) this.ms.fill(ms, start, end);
  }

  /** Appends records [start, end) of `src` (same shape). */
  pushRange(src: RecordColumns, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    if (this.count + n > this.capacity) this.grow(this.nextCapacity(this.count + n));
    this.copy(src, start, this.count, n);
    this.count += n;
  }

  /** Keeps only the records for which `keep(epoch)` holds, in order. */
  filter(keep: (epoch: number) => boolean): void {
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      if (!keep(this.epoch[i])) continue;
      if (n !== i) this.copy(this, i, n, 1);
      n++;
    }
    this.count = n;
  }

  /** Forgets records [0, n), keeping the rest in order. */
  dropFirst(n: number): void {
    const { wSize, bSize, count } = this;
    this.epoch.copyWithin(0, n, count);
    this.loss.copyWithin(0, n, count);
    if (this.hasHoldout) this.holdoutLoss.copyWithin(0, n, count);
    this.w.copyWithin(0, n * wSize, count * wSize);
    this.b.copyWithin(0, n * bSize, count * bSize);
    this.steps.copyWithin(0, n, count);
    if (this.timing) this.ms.copyWithin(0, n, count);
    if (this.hasLr) this.lr.copyWithin(0, n, count);
    this.count -= n;
  }

  /** Values one record takes in a batch (all its columns but the epoch). */
  get batchValues(): number {
    return 2 + (this.hasHoldout ? 1 : 0) + (this.timing ? 1 : 0) + (this.hasLr ? 1 : 0) + this.wSize + this.bSize;
  }

  /** Values a batch of `n` records takes: its records', and the last weights when the columns keep none. */
  batchSize(n: number): number {
    return n * this.batchValues + (this.keepsWeights ? 0 : this.weightValues);
  }

  /**
   * A copy of records [start, end) as one batch for `racer`; `diverged` (or a range test's
   * `stopped`) marks its last record. Epochs are listed only when they are not consecutive. Its columns are views of
   * one array: `storage` from `at` on when given (room for batchSize(end − start) values,
   * so a worker sends all its racers' new records in one buffer), else a new one. Columns
   * that keep no weights take the last record's from `lastWeights` (W row-major, then b).
   */
  batch(racer: string, start: number, end: number, diverged: boolean, stopped = false, storage?: Float64Array, at = 0, lastWeights?: Float64Array): RecordBatch {
    const n = end - start;
    const store = storage ?? new Float64Array(this.batchSize(n));
    let next = at;
    const column = (src: Float64Array, size: number): Float64Array => {
      const view = store.subarray(next, next + n * size);
      copyRange(view, 0, src, start * size, n * size);
      next += n * size;
      return view;
    };
    const from = n > 0 ? this.epoch[start] : 0;
    const consecutive = n < 2 || this.epoch[end - 1] - from === n - 1;
    let w: Float64Array;
    let b: Float64Array;
    if (this.keepsWeights) {
      w = column(this.w, this.wSize);
      b = column(this.b, this.bSize);
    } else {
      if (!lastWeights || lastWeights.length !== this.weightValues) throw new Error(`racer ${racer}: a batch of columns without weights needs its last record's ${this.weightValues} weights`);
      const size = this.inputs * this.outputs;
      w = store.subarray(next, next + size);
      w.set(lastWeights.subarray(0, size));
      b = store.subarray(next + size, next + this.weightValues);
      b.set(lastWeights.subarray(size));
      next += this.weightValues;
    }
    return {
      racer,
      from,
      count: n,
      ...(consecutive ? {} : { epochs: this.epoch.slice(start, end) }),
      inputs: this.inputs,
      outputs: this.outputs,
      loss: column(this.loss, 1),
      holdoutLoss: this.hasHoldout ? column(this.holdoutLoss, 1) : null,
      w,
      b,
      steps: column(this.steps, 1),
      ms: this.timing ? column(this.ms, 1) : null,
      diverged,
      ...(this.hasLr ? { lr: column(this.lr, 1) } : {}),
      ...(stopped ? { stopped } : {}),
      ...(this.keepsWeights ? {} : { lastWeightsOnly: true as const }),
    };
  }

  /** Records [from, from+n) of `src` over records [to, to+n) of this. */
  private copy(src: RecordColumns, from: number, to: number, n: number): void {
    const { wSize, bSize } = this;
    copyRange(this.epoch, to, src.epoch, from, n);
    copyRange(this.loss, to, src.loss, from, n);
    if (this.hasHoldout) copyRange(this.holdoutLoss, to, src.holdoutLoss, from, n);
    copyRange(this.w, to * wSize, src.w, from * wSize, n * wSize);
    copyRange(this.b, to * bSize, src.b, from * bSize, n * bSize);
    copyRange(this.steps, to, src.steps, from, n);
    if (this.timing) copyRange(this.ms, to, src.ms, from, n);
    if (this.hasLr) copyRange(this.lr, to, src.lr, from, n);
  }

  /** Doubling from 64 until `needed` fits, within maxRecords. */
  private nextCapacity(needed: number): number {
    if (needed > this.maxRecords) throw new Error(`record columns are full at ${this.capacity} records`);
    let next = Math.max(64, this.capacity * 2);
    while (next < needed) next *= 2;
    return Math.min(next, this.maxRecords);
  }

  /**
   * Room for at least `capacity` records. From a pool, a column may get a recycled buffer
   * bigger than asked: then the columns hold as many records as their smallest buffer holds
   * (within maxRecords), so a recycled outbox does not take a fresh buffer at each doubling.
   */
  private grow(capacity: number): void {
    const pool = this.pool;
    let room = this.maxRecords;
    const grown = (old: Float64Array, size: number): Float64Array<ArrayBuffer> => {
      if (size === 0) return NONE;
      // The old column is left to the garbage collector, not given to the pool: a pool that
      // kept a growing log's old columns would hold memory the memory budget does not count.
      const a = pool ? pool.takeWhole(capacity * size) : new Float64Array(capacity * size);
      a.set(old.subarray(0, this.count * size));
      room = Math.min(room, Math.floor(a.length / size));
      return a;
    };
    this.epoch = grown(this.epoch, 1);
    this.loss = grown(this.loss, 1);
    if (this.hasHoldout) this.holdoutLoss = grown(this.holdoutLoss, 1);
    this.w = grown(this.w, this.wSize);
    this.b = grown(this.b, this.bSize);
    this.steps = grown(this.steps, 1);
    if (this.timing) this.ms = grown(this.ms, 1);
    if (this.hasLr) this.lr = grown(this.lr, 1);
    this.capacity = room;
  }

  /** Gives every column back to the pool and holds nothing (its records are gone). */
  recycle(): void {
    for (const column of [this.epoch, this.loss, this.holdoutLoss, this.w, this.b, this.steps, this.ms, this.lr]) this.pool?.give(column);
    this.epoch = this.loss = this.holdoutLoss = this.w = this.b = this.steps = this.ms = this.lr = NONE;
    this.count = 0;
    this.capacity = 0;
  }
}
