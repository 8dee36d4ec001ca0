/**
 * What the page keeps of one sweep run: a tally, not a chart history. A sweep may have
 * 10,000 runs streaming every frame, and the Sweep panel reads only how each stands: its
 * latest record, its best loss, the first epoch it came within each of the leaderboard's
 * target gaps, and a short curve of its loss (the hovered run's plot; a range test's loss
 * against lr). Each is updated as records arrive, in O(records) with no allocation per
 * record, so a redraw of the panel costs O(runs), not O(runs × epochs).
 *
 * The curve keeps every `stride`-th epoch (1 at first) up to `capacity` points, then every
 * other of those, and so on, plus always the latest epoch; with its lr when the run has a
 * per-step lr schedule (a range test).
 */
import { TARGET_GAPS, withinGap } from '../../core/analysis/target-gap.ts';
import type { RecordBatch } from '../../race/index.ts';
import type { HistoryPoint } from '../view-model.ts';

/** One point of a run's loss curve. */
export interface CurvePoint {
  epoch: number;
  /** Training loss; null when not finite. */
  loss: number | null;
  /** A range test's lr at this epoch's last step. */
  lr?: number;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export class RunTally {
  /** Bumped by every append, as ViewHistory's: an unchanged run keeps its view. */
  version = 0;
  /** The lowest finite loss so far (Infinity before any) and its epoch (-1 before any). */
  bestLoss = Infinity;
  bestEpoch = -1;
  private initialLoss = NaN;
  /** First epoch within TARGET_GAPS[i] of the optimum, or null. */
  private readonly firstWithin: (number | null)[] = TARGET_GAPS.map(() => null);
  private stride = 1;
  private count = 0;
  private readonly epochs: Float64Array;
  private readonly losses: Float64Array;
  private readonly lrs: Float64Array | null;
  // The latest record, copied into arrays of its own (a batch must not be kept alive).
  private lastEpoch = -1;
  private lastLoss = NaN;
  private lastHoldout: number | null | undefined = undefined;
  private lastSteps = 0;
  private lastMs = 0;
  private lastLr = NaN;
  private cumulativeMs = 0;
  private lastW: Float64Array = new Float64Array(0);
  private lastB: Float64Array = new Float64Array(0);
  private inputs = 0;
  private made: { version: number; latest: HistoryPoint | null; curve: CurvePoint[] | null } = { version: -1, latest: null, curve: null };

  constructor(
    private readonly optimumLoss: number,
    /** Curve points kept (at least 2). */
    readonly capacity = 64,
    withLr = false,
  ) {
    this.epochs = new Float64Array(Math.max(2, capacity));
    this.losses = new Float64Array(Math.max(2, capacity));
    this.lrs = withLr ? new Float64Array(Math.max(2, capacity)) : null;
  }

  /** Takes every record of a batch (the run's next epochs, in order). */
  add(batch: RecordBatch): void {
    if (batch.count === 0) return;
    this.version++;
    for (let k = 0; k < batch.count; k++) {
      const epoch = batch.epochs ? batch.epochs[k] : batch.from + k;
      const loss = batch.loss[k];
      if (epoch === 0) this.initialLoss = loss;
      this.cumulativeMs += batch.ms ? batch.ms[k] : 0;
      if (Number.isFinite(loss)) {
        if (loss < this.bestLoss) {
          this.bestLoss = loss;
          this.bestEpoch = epoch;
        }
        for (let g = 0; g < TARGET_GAPS.length; g++) {
          if (this.firstWithin[g] === null && withinGap(loss, this.optimumLoss, this.initialLoss, TARGET_GAPS[g])) this.firstWithin[g] = epoch;
        }
      }
      if (epoch % this.stride === 0) this.keep(epoch, loss, batch.lr ? batch.lr[k] : NaN);
    }
    const last = batch.count - 1;
    const { inputs: d, outputs: m } = batch;
    if (this.lastW.length !== m * d) this.lastW = new Float64Array(m * d);
    if (this.lastB.length !== m) this.lastB = new Float64Array(m);
    // A sweep's run's batch carries its last record's weights only.
    const at = batch.lastWeightsOnly ? 0 : last;
    this.lastW.set(batch.w.subarray(at * m * d, (at + 1) * m * d));
    this.lastB.set(batch.b.subarray(at * m, (at + 1) * m));
    this.inputs = d;
    this.lastEpoch = batch.epochs ? batch.epochs[last] : batch.from + last;
    this.lastLoss = batch.loss[last];
    this.lastHoldout = batch.holdoutLoss ? finiteOrNull(batch.holdoutLoss[last]) : undefined;
    this.lastSteps = batch.steps[last];
    this.lastMs = batch.ms ? batch.ms[last] : 0;
    this.lastLr = batch.lr ? batch.lr[last] : NaN;
  }

  /** The latest epoch (−1 before epoch 0). */
  get epoch(): number {
    return this.lastEpoch;
  }

  /** The latest training loss, or null when not finite (or before epoch 0). */
  get loss(): number | null {
    return finiteOrNull(this.lastLoss);
  }

  /** The latest hold-out loss, or null (no hold-out set, not finite, or before epoch 0). */
  get holdoutLoss(): number | null {
    return this.lastHoldout ?? null;
  }

  /** The first epoch within `gap` of the optimum (one of TARGET_GAPS), or null. */
  reached(gap: number): number | null {
    const g = TARGET_GAPS.indexOf(gap as (typeof TARGET_GAPS)[number]);
    if (g < 0) throw new RangeError(`the target gap ${gap} is not one of ${TARGET_GAPS.join(', ')}`);
    return this.firstWithin[g];
  }

  /** The latest record as a chart point (its weights included), or null before epoch 0. */
  get latest(): HistoryPoint | null {
    this.refresh();
    return this.made.latest;
  }

  /** The kept curve, in epoch order, ending with the latest epoch. The same array until the next add. */
  curve(): readonly CurvePoint[] {
    this.refresh();
    if (this.made.curve === null) {
      const out: CurvePoint[] = [];
      for (let i = 0; i < this.count; i++) out.push(this.point(this.epochs[i], this.losses[i], this.lrs ? this.lrs[i] : NaN));
      if (this.lastEpoch >= 0 && (this.count === 0 || this.epochs[this.count - 1] !== this.lastEpoch)) out.push(this.point(this.lastEpoch, this.lastLoss, this.lastLr));
      this.made.curve = out;
    }
    return this.made.curve;
  }

  private point(epoch: number, loss: number, lr: number): CurvePoint {
    return this.lrs && !Number.isNaN(lr) ? { epoch, loss: finiteOrNull(loss), lr } : { epoch, loss: finiteOrNull(loss) };
  }

  private refresh(): void {
    if (this.made.version === this.version) return;
    let latest: HistoryPoint | null = null;
    if (this.lastEpoch >= 0) {
      const d = this.inputs;
      const w: number[][] = [];
      for (let o = 0; o < this.lastB.length; o++) w.push(Array.from(this.lastW.subarray(o * d, (o + 1) * d)));
      latest = { epoch: this.lastEpoch, loss: finiteOrNull(this.lastLoss), steps: this.lastSteps, ms: this.lastMs, cumulativeMs: this.cumulativeMs, w, b: Array.from(this.lastB) };
      if (this.lastHoldout !== undefined) latest.holdoutLoss = this.lastHoldout;
      if (this.lrs && !Number.isNaN(this.lastLr)) latest.lr = this.lastLr;
    }
    this.made = { version: this.version, latest, curve: null };
  }

  /** Keeps a curve point; a full curve first drops every other point and doubles the stride. */
  private keep(epoch: number, loss: number, lr: number): void {
    if (this.count === this.epochs.length) {
      this.stride *= 2;
      let n = 0;
      for (let i = 0; i < this.count; i++) {
        if (this.epochs[i] % this.stride !== 0) continue;
        this.epochs[n] = this.epochs[i];
        this.losses[n] = this.losses[i];
        if (this.lrs) this.lrs[n] = this.lrs[i];
        n++;
      }
      this.count = n;
      if (epoch % this.stride !== 0) return;
    }
    this.epochs[this.count] = epoch;
    this.losses[this.count] = loss;
    if (this.lrs) this.lrs[this.count] = lr;
    this.count++;
  }
}
