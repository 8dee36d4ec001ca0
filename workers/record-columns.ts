/**
 * Records column by column in growable Float64Arrays: a racer's log in its worker, and the
 * records waiting to be handed to the page. Batches are copies of a range, so they can be
 * transferred away while the columns stay whole.
 */
import type { RecordBatch } from '../src/race/protocol.ts';

export class RecordColumns {
  count = 0;
  private capacity = 0;
  private epoch = new Float64Array(0);
  private loss = new Float64Array(0);
  private holdoutLoss: Float64Array | null = null;
  private w = new Float64Array(0);
  private b = new Float64Array(0);
  private steps = new Float64Array(0);
  private ms: Float64Array | null = null;
  private lr: Float64Array | null = null;

  constructor(
    readonly inputs: number,
    readonly outputs: number,
    private readonly hasHoldout: boolean,
    private readonly timing: boolean,
    /** Keep each record's lr: only a racer with a per-step lr schedule (a range test) has one worth a column. */
    private readonly hasLr = false,
    /** Records it will ever hold: growth stops there, so a budgeted log never allocates past its budget. */
    private readonly maxRecords = Infinity,
  ) {}

  /** Bytes one record takes. */
  get recordBytes(): number {
    return 8 * ((this.hasHoldout ? 4 : 3) + (this.timing ? 1 : 0) + (this.hasLr ? 1 : 0) + this.outputs * (this.inputs + 1));
  }

  /** The epoch of record i. */
  epochAt(i: number): number {
    return this.epoch[i];
  }

  /**
   * Appends one record from raw values: W and b as the model's flat arrays (row-major), no
   * EpochRecord object in between (a worker makes thousands a second). A loss that is not
   * finite is kept as NaN, as a batch's columns say a null loss. `lr` is kept only by columns that have an lr.
   */
  pushValues(epoch: number, loss: number, holdoutLoss: number | null, w: Float64Array, b: Float64Array, steps: number, ms: number, lr = NaN): void {
    if (this.count === this.capacity) this.grow(this.nextCapacity());
    const i = this.count;
    this.epoch[i] = epoch;
    this.loss[i] = Number.isFinite(loss) ? loss : NaN;
    if (this.holdoutLoss) this.holdoutLoss[i] = holdoutLoss !== null && Number.isFinite(holdoutLoss) ? holdoutLoss : NaN;
    this.w.set(w, i * w.length);
    this.b.set(b, i * b.length);
    this.steps[i] = steps;
    if (this.ms) this.ms[i] = ms;
    if (this.lr) this.lr[i] = lr;
    this.count++;
  }

  /** Sets the training time of records [start, end). */
  setMs(start: number, end: number, ms: number): void {
    if (this.ms) this.ms.fill(ms, start, end);
  }

  /** Copies record `from` of `other` (same shape) to the end. */
  pushFrom(other: RecordColumns, from: number): void {
    if (this.count === this.capacity) this.grow(this.nextCapacity());
    this.copy(other, from, this.count);
    this.count++;
  }

  /** Keeps only the records for which `keep(epoch)` holds, in order. */
  filter(keep: (epoch: number) => boolean): void {
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      if (!keep(this.epoch[i])) continue;
      if (n !== i) this.copy(this, i, n);
      n++;
    }
    this.count = n;
  }

  /** Forgets records [0, n), keeping the rest in order. */
  dropFirst(n: number): void {
    const { inputs: d, outputs: m } = this;
    const shift = (a: Float64Array | null, size: number) => a?.copyWithin(0, n * size, this.count * size);
    shift(this.epoch, 1);
    shift(this.loss, 1);
    shift(this.holdoutLoss, 1);
    shift(this.w, m * d);
    shift(this.b, m);
    shift(this.steps, 1);
    shift(this.ms, 1);
    shift(this.lr, 1);
    this.count -= n;
  }

  /**
   * A copy of records [start, end) as one batch for `racer`; `diverged` (or a range test's
   * `stopped`) marks its last record. Epochs are listed only when they are not consecutive.
   */
  batch(racer: string, start: number, end: number, diverged: boolean, stopped = false): RecordBatch {
    const { inputs: d, outputs: m } = this;
    const from = end > start ? this.epoch[start] : 0;
    const consecutive = end - start < 2 || this.epoch[end - 1] - from === end - 1 - start;
    return {
      racer,
      from,
      count: end - start,
      ...(consecutive ? {} : { epochs: this.epoch.slice(start, end) }),
      inputs: d,
      outputs: m,
      loss: this.loss.slice(start, end),
      holdoutLoss: this.holdoutLoss ? this.holdoutLoss.slice(start, end) : null,
      w: this.w.slice(start * m * d, end * m * d),
      b: this.b.slice(start * m, end * m),
      steps: this.steps.slice(start, end),
      ms: this.ms ? this.ms.slice(start, end) : null,
      diverged,
      ...(this.lr ? { lr: this.lr.slice(start, end) } : {}),
      ...(stopped ? { stopped } : {}),
    };
  }

  private copy(src: RecordColumns, from: number, to: number): void {
    const { inputs: d, outputs: m } = this;
    this.epoch[to] = src.epoch[from];
    this.loss[to] = src.loss[from];
    if (this.holdoutLoss && src.holdoutLoss) this.holdoutLoss[to] = src.holdoutLoss[from];
    this.w.set(src.w.subarray(from * m * d, (from + 1) * m * d), to * m * d);
    this.b.set(src.b.subarray(from * m, (from + 1) * m), to * m);
    this.steps[to] = src.steps[from];
    if (this.ms && src.ms) this.ms[to] = src.ms[from];
    if (this.lr && src.lr) this.lr[to] = src.lr[from];
  }

  private nextCapacity(): number {
    const next = Math.min(Math.max(64, this.capacity * 2), this.maxRecords);
    if (next <= this.capacity) throw new Error(`record columns are full at ${this.capacity} records`);
    return next;
  }

  private grow(capacity: number): void {
    const { inputs: d, outputs: m } = this;
    const grown = (old: Float64Array, size: number): Float64Array<ArrayBuffer> => {
      const a = new Float64Array(capacity * size);
      a.set(old.subarray(0, this.count * size));
      return a;
    };
    this.epoch = grown(this.epoch, 1);
    this.loss = grown(this.loss, 1);
    if (this.hasHoldout) this.holdoutLoss = grown(this.holdoutLoss ?? new Float64Array(0), 1);
    this.w = grown(this.w, m * d);
    this.b = grown(this.b, m);
    this.steps = grown(this.steps, 1);
    if (this.timing) this.ms = grown(this.ms ?? new Float64Array(0), 1);
    if (this.hasLr) this.lr = grown(this.lr ?? new Float64Array(0), 1);
    this.capacity = capacity;
  }
}
