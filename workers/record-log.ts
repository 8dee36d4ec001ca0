/**
 * Every record a trainer computed, column by column in growable Float64Arrays: the
 * full-resolution history a worker keeps so the page never has to. Batches are copies of
 * a range, so they can be transferred away while the log stays whole.
 */
import type { EpochRecord } from '../src/core/race/record.ts';
import type { RecordBatch } from '../src/race/protocol.ts';

/** A log larger than this fails its racer with a clear message instead of exhausting memory. */
export const MAX_LOG_BYTES = 512 * 1024 * 1024;

export class RecordLog {
  count = 0;
  /** True once the last record appended is a diverged one. */
  diverged = false;
  private capacity = 0;
  private loss = new Float64Array(0);
  private holdoutLoss: Float64Array | null = null;
  private w = new Float64Array(0);
  private b = new Float64Array(0);
  private steps = new Float64Array(0);
  private ms: Float64Array | null = null;

  constructor(
    readonly racer: string,
    readonly inputs: number,
    readonly outputs: number,
    private readonly hasHoldout: boolean,
    private readonly timing: boolean,
  ) {}

  /** Float64 values one record takes. */
  private get width(): number {
    return (this.hasHoldout ? 3 : 2) + (this.timing ? 1 : 0) + this.outputs * (this.inputs + 1);
  }

  private grow(): void {
    const limit = Math.floor(MAX_LOG_BYTES / (this.width * 8));
    const capacity = Math.min(Math.max(256, this.capacity * 2), limit);
    if (capacity <= this.count) {
      throw new Error(`racer ${this.racer}: its full-resolution log would pass ${MAX_LOG_BYTES / 2 ** 20} MB after ${this.count} epochs; run fewer epochs`);
    }
    const { inputs: d, outputs: m } = this;
    const grown = (old: Float64Array, size: number): Float64Array<ArrayBuffer> => {
      const a = new Float64Array(capacity * size);
      a.set(old);
      return a;
    };
    this.loss = grown(this.loss, 1);
    if (this.hasHoldout) this.holdoutLoss = grown(this.holdoutLoss ?? new Float64Array(0), 1);
    this.w = grown(this.w, m * d);
    this.b = grown(this.b, m);
    this.steps = grown(this.steps, 1);
    if (this.timing) this.ms = grown(this.ms ?? new Float64Array(0), 1);
    this.capacity = capacity;
  }

  append(record: EpochRecord): void {
    if (record.epoch !== this.count) throw new Error(`racer ${this.racer}: record of epoch ${record.epoch} after ${this.count} records`);
    if (this.count === this.capacity) this.grow();
    const i = this.count;
    const { inputs: d, outputs: m } = this;
    this.loss[i] = record.loss ?? NaN;
    if (this.holdoutLoss) this.holdoutLoss[i] = record.holdoutLoss ?? NaN;
    for (let o = 0; o < m; o++) this.w.set(record.w[o], (i * m + o) * d);
    this.b.set(record.b, i * m);
    this.steps[i] = record.steps;
    if (this.ms) this.ms[i] = record.ms ?? 0;
    this.diverged = record.diverged === true;
    this.count++;
  }

  /** A copy of records [start, end) as one batch. */
  slice(start: number, end: number): RecordBatch {
    const { inputs: d, outputs: m } = this;
    return {
      racer: this.racer,
      from: start,
      count: end - start,
      inputs: d,
      outputs: m,
      loss: this.loss.slice(start, end),
      holdoutLoss: this.holdoutLoss ? this.holdoutLoss.slice(start, end) : null,
      w: this.w.slice(start * m * d, end * m * d),
      b: this.b.slice(start * m, end * m),
      steps: this.steps.slice(start, end),
      ms: this.ms ? this.ms.slice(start, end) : null,
      diverged: end === this.count && this.diverged,
    };
  }
}
