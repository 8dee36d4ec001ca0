/**
 * One racer through a race, epoch by epoch: the unit a CLI loop or a Web Worker drives.
 * It knows nothing about how epochs are scheduled, only how to take the next one, with
 * the hyperparameter changes planned for it applied first.
 *
 * Every epoch's losses go into typed arrays (`losses`, `holdoutLosses`), which is all a
 * summary or a loss curve needs: `advance` trains an epoch and builds nothing, `next` also
 * returns the epoch's record with a copy of the weights, for whoever reads records.
 */
import type { ChangeValues, ChangeableName, Racer } from '../config/schema.ts';
import type { PreparedRace } from './prepare.ts';
import { finiteOrNull, isDiverged, type EpochRecord } from './record.ts';
import { scheduledLr, Trainer } from './trainer.ts';

/** A range test stops once its loss passes this many times its lowest loss so far (fastai's lr_find). */
export const RANGE_TEST_STOP_FACTOR = 4;

/**
 * Where a run's per-epoch series take their arrays and give them back. A race worker runs
 * race after race and recycles one race's memory for the next (workers/column-pool.ts):
 * fresh memory pays a page fault on its first write to every 4 KB page. Arrays taken may
 * hold old values; a series reads only what it wrote.
 */
export interface ArrayPool {
  take(length: number): Float64Array;
  give(array: Float64Array): void;
}

const EMPTY = new Float64Array(0);

/** Per-epoch values, grown by doubling so a long race allocates for the epochs it runs. */
class Series {
  values: Float64Array;
  constructor(
    capacity: number,
    private readonly pool: ArrayPool | null,
  ) {
    this.values = this.allocate(Math.max(1, capacity));
  }
  set(i: number, x: number): void {
    if (i >= this.values.length) {
      // The smaller array goes to the garbage collector: only a finished run gives its memory back.
      const grown = this.allocate(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[i] = x;
  }
  recycle(): void {
    this.pool?.give(this.values);
    this.values = EMPTY;
  }
  private allocate(length: number): Float64Array {
    return this.pool ? this.pool.take(length) : new Float64Array(length);
  }
}

export class RacerRun {
  readonly racer: Racer;
  private readonly trainer: Trainer;
  /** The last epoch recorded (-1 before `start`). */
  epoch = -1;
  diverged = false;
  /** A range test stopped by its loss rising past RANGE_TEST_STOP_FACTOR × its lowest. */
  stopped = false;
  private initialLoss = NaN;
  private lowestLoss = Infinity;
  private lastMs = 0;
  private settledSteps = 0;
  private readonly lossSeries: Series;
  private readonly holdoutSeries: Series | null;
  private readonly msSeries: Series | null;
  /** Changes not applied yet, by the epoch before whose first step they are set. */
  private readonly planned = new Map<number, ChangeValues>();
  /** Training time of every epoch so far, ms (measured when `timing` or `clocked`). */
  spentMs = 0;
  /** Epochs trained by `trainChunk` and not yet settled: their weights and step counts. */
  private chunk: { epochs: number; weights: Float64Array; steps: Float64Array; ms: number } | null = null;
  /** The chunks' buffers, reused from chunk to chunk (a new buffer per chunk is what a browser worker's time went to). */
  private chunkWeights = new Float64Array(0);
  private chunkSteps = new Float64Array(0);
  /** The model's W (row-major) and b: the arrays themselves, which training updates in place. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;

  /**
   * `timing`: records carry each epoch's training ms. `clocked`: the training time is measured
   * into `spentMs` even when the records leave it out (the compute clock needs it).
   */
  constructor(
    private readonly race: PreparedRace,
    racer: Racer,
    private readonly timing = true,
    private readonly clocked = timing,
    /** Where its per-epoch series get their memory (see ArrayPool); none: new arrays. */
    pool: ArrayPool | null = null,
  ) {
    this.racer = racer;
    this.trainer = new Trainer(race.train, race.holdout, race.init, racer);
    [this.weights, this.bias] = this.trainer.model.parameters().map((p) => p.value.data);
    for (const { epoch, ...values } of racer.changes) this.planned.set(epoch, values);
    // Room for up to 4,096 epochs, then grown by doubling; from a pool, room for up to 65,536 at
    // once: the last race's arrays are taken whole, and a series that grew would take a fresh
    // (page-faulting) array for each doubling.
    const capacity = Math.min(race.config.epochs + 1, pool ? 1 << 16 : 4096);
    this.lossSeries = new Series(capacity, pool);
    this.holdoutSeries = race.holdout ? new Series(capacity, pool) : null;
    this.msSeries = timing ? new Series(capacity, pool) : null;
  }

  /** True once the racer has run every epoch, diverged or (a range test) stopped. */
  get done(): boolean {
    return this.diverged || this.stopped || this.epoch >= this.race.config.epochs;
  }

  /** Optimizer steps taken by the last measured epoch (a chunk may have trained past a diverged one). */
  get steps(): number {
    return this.settledSteps;
  }

  /** The full training-set loss of `epoch` (NaN where it was not finite): no view made, for per-epoch use. */
  lossAt(epoch: number): number {
    return this.lossSeries.values[epoch];
  }

  /** The hold-out loss of `epoch` (NaN where it was not finite), or null without a hold-out set. */
  holdoutLossAt(epoch: number): number | null {
    return this.holdoutSeries ? this.holdoutSeries.values[epoch] : null;
  }

  /**
   * Gives its per-epoch series back to their pool: the run is over and must not be read
   * again (its losses are gone).
   */
  recycle(): void {
    this.lossSeries.recycle();
    this.holdoutSeries?.recycle();
    this.msSeries?.recycle();
  }

  /** Full training-set loss of epochs 0 … `epoch` (NaN where it was not finite). */
  get losses(): Float64Array {
    return this.lossSeries.values.subarray(0, this.epoch + 1);
  }

  /** Hold-out loss of epochs 0 … `epoch`, or null without a hold-out set. */
  get holdoutLosses(): Float64Array | null {
    return this.holdoutSeries ? this.holdoutSeries.values.subarray(0, this.epoch + 1) : null;
  }

  /** Training milliseconds of epochs 0 … `epoch` (epoch 0 is 0), or null without timing. */
  get epochMs(): Float64Array | null {
    return this.msSeries ? this.msSeries.values.subarray(0, this.epoch + 1) : null;
  }

  /** The value in force of a hyperparameter (after the changes applied so far). */
  hyperparameter(name: ChangeableName): number {
    return this.trainer.optimizer.get(name);
  }

  get lr(): number {
    return this.trainer.optimizer.lr;
  }

  /**
   * Plans a change for the next epoch, over any change already planned there, as a user
   * editing `param_groups[0]` between two epochs would. Returns that epoch: its record is
   * the first one made with the change. The values must be valid for this racer's optimizer
   * (`changeValues` in the validator checks them).
   *
   * A range test (`racer.lrSchedule`) sets its lr before every step, after the epoch's
   * changes are applied, so its schedule wins: an lr planned here is overwritten at the next
   * step (the validator already refuses a range test of a racer whose `changes` set the lr).
   * Its other hyperparameters change as for any racer.
   */
  change(values: ChangeValues): number {
    if (this.done) throw new Error(`racer ${this.racer.id} has finished`);
    const epoch = this.epoch + 1;
    this.planned.set(epoch, { ...this.planned.get(epoch), ...values });
    return epoch;
  }

  /** Measures epoch 0: the shared initial weights and their loss. */
  begin(): void {
    if (this.epoch >= 0) throw new Error(`racer ${this.racer.id} has already started`);
    this.epoch = 0;
    this.initialLoss = this.trainer.loss();
    // A start that is already not finite (or past the ceiling) is diverged at epoch 0, not one epoch later.
    this.diverged = isDiverged(this.initialLoss, this.initialLoss);
    this.measure(this.initialLoss, 0);
  }

  /** The epoch-0 record. */
  start(): EpochRecord {
    this.begin();
    return this.record();
  }

  /** Trains one epoch over the rows in `order` (null: row order) and keeps its losses; builds no record. */
  advance(order: Int32Array | null): void {
    if (this.epoch < 0) throw new Error(`racer ${this.racer.id} has not started`);
    if (this.done) throw new Error(`racer ${this.racer.id} has finished`);
    if (this.chunk) throw new Error(`racer ${this.racer.id} has a chunk to settle`);
    this.applyPlanned(this.epoch + 1);
    const t0 = this.clocked ? performance.now() : 0;
    this.trainer.trainEpoch(order);
    const ms = this.clocked ? performance.now() - t0 : 0;
    this.spentMs += ms;
    this.epoch++;
    const loss = this.trainer.loss();
    this.judge(loss);
    this.settledSteps = this.trainer.steps;
    this.measure(loss, ms);
  }

  /**
   * Trains up to `count` epochs back to back between two clock reads, keeping each epoch's
   * weights and step count, and returns their training time (ms). `settleChunkInto` then measures
   * them one by one (loss, divergence, record) outside the timed span: so the time is the
   * training alone, as `advance` times it, over a span long enough for a coarse browser clock.
   * Past a diverged epoch the extra epochs trained are discarded.
   */
  trainChunk(count: number, orderOf: (epoch: number) => Int32Array | null): number {
    if (this.epoch < 0) throw new Error(`racer ${this.racer.id} has not started`);
    if (this.done) throw new Error(`racer ${this.racer.id} has finished`);
    const { weights: w, bias: b } = this;
    const width = w.length + b.length;
    const epochs = Math.max(1, Math.min(count, this.race.config.epochs - this.epoch));
    if (this.chunkWeights.length < epochs * width) this.chunkWeights = new Float64Array(epochs * width);
    if (this.chunkSteps.length < epochs) this.chunkSteps = new Float64Array(epochs);
    const weights = this.chunkWeights;
    const steps = this.chunkSteps;
    const t0 = performance.now();
    for (let k = 0; k < epochs; k++) {
      const epoch = this.epoch + k + 1;
      this.applyPlanned(epoch);
      this.trainer.trainEpoch(orderOf(epoch));
      const at = k * width;
      for (let j = 0; j < w.length; j++) weights[at + j] = w[j];
      for (let j = 0; j < b.length; j++) weights[at + w.length + j] = b[j];
      steps[k] = this.trainer.steps;
    }
    const ms = performance.now() - t0;
    this.chunk = { epochs, weights, steps, ms };
    return ms;
  }

  /**
   * Measures the chunk's epochs in order and calls `visit(steps)` after each (the racer's
   * `epoch`, `losses`, `holdoutLosses` and `parameters` are that epoch's then); stops at a
   * diverged epoch. Returns the training ms each epoch is given (the chunk's over its epochs).
   */
  settleChunkInto(visit: (steps: number) => void): number {
    const chunk = this.chunk;
    if (!chunk) return 0;
    this.chunk = null;
    const { weights: w, bias: b } = this;
    const width = w.length + b.length;
    const ms = chunk.ms / chunk.epochs;
    const saved = chunk.weights;
    for (let k = 0; k < chunk.epochs && !this.done; k++) {
      // Each epoch's weights are put back to be measured (the last one's are the model's
      // already). Element by element: a view per epoch would be thousands of allocations a second.
      const at = k * width;
      for (let j = 0; j < w.length; j++) w[j] = saved[at + j];
      for (let j = 0; j < b.length; j++) b[j] = saved[at + w.length + j];
      this.epoch++;
      this.spentMs += ms;
      const loss = this.trainer.loss();
      this.judge(loss);
      this.settledSteps = chunk.steps[k];
      this.measure(loss, ms);
      visit(chunk.steps[k]);
    }
    return ms;
  }

  private applyPlanned(epoch: number): void {
    const changes = this.planned.get(epoch);
    if (!changes) return;
    for (const [name, value] of Object.entries(changes) as [ChangeableName, number][]) this.trainer.optimizer.set(name, value);
    this.planned.delete(epoch);
  }

  /** Divergence, and a range test's stop, after an epoch whose loss is `loss`. */
  private judge(loss: number): void {
    this.diverged = isDiverged(loss, this.initialLoss);
    this.stopped = !this.diverged && this.racer.lrSchedule !== undefined && loss > RANGE_TEST_STOP_FACTOR * this.lowestLoss;
  }

  /** Trains one epoch (see `advance`) and returns its record. */
  next(order: Int32Array | null): EpochRecord {
    this.advance(order);
    return this.record();
  }

  private measure(loss: number, ms: number): void {
    const e = this.epoch;
    this.lossSeries.set(e, Number.isFinite(loss) ? loss : NaN);
    if (loss < this.lowestLoss) this.lowestLoss = loss;
    if (this.holdoutSeries) this.holdoutSeries.set(e, this.trainer.holdout() ?? NaN);
    // Rounded to the nanosecond: a chunk's share is a few µs for a small model, and rounding
    // it to the µs would be off by a fifth. The records and the summary add the same numbers.
    this.lastMs = Math.round(ms * 1e6) / 1e6;
    if (this.msSeries) this.msSeries.set(e, this.lastMs);
  }

  /**
   * The lr a range test used for the current epoch's last step (its first, `from`, at epoch
   * 0): what a chart plots the epoch's loss against.
   */
  scheduledLrAt(steps: number): number | null {
    const schedule = this.racer.lrSchedule;
    return schedule ? scheduledLr(schedule, Math.max(0, steps - 1)) : null;
  }

  /** The record of the current epoch, with a copy of the weights (`steps`: the optimizer steps taken by then). */
  record(steps = this.settledSteps): EpochRecord {
    const { w, b } = this.trainer.model.weights();
    const e = this.epoch;
    const lr = this.scheduledLrAt(steps);
    // Built field by field so the JSON key order is always the documented one.
    const record = { racer: this.racer.id, epoch: e, loss: finiteOrNull(this.lossSeries.values[e]) } as EpochRecord;
    if (this.holdoutSeries) record.holdoutLoss = finiteOrNull(this.holdoutSeries.values[e]);
    record.w = w;
    record.b = b;
    record.steps = steps;
    if (this.timing) record.ms = this.lastMs;
    if (lr !== null) record.lr = lr;
    if (this.diverged) record.diverged = true;
    if (this.stopped) record.stopped = true;
    return record;
  }
}
