/**
 * The points a racer's charts draw: whole epochs (loss, weights, steps, time together, so a
 * path point and its loss agree), bounded. Every epoch is kept until `capacity` windows are
 * full; then windows merge pairwise, each keeping its lowest-loss, highest-loss and last
 * epoch: spikes and the current position survive any zoom-out. Memory is bounded by
 * 3 × capacity points whatever the number of epochs.
 *
 * Records arrive as column batches from the workers; an epoch becomes a HistoryPoint (with
 * its W and b as arrays) only when a chart asks for it and it is still kept, so the
 * thousands of epochs a max-speed race streams per frame cost a few numbers each.
 */
import type { RecordBatch } from '../race/index.ts';
import type { HistoryPoint } from './view-model.ts';

interface Entry {
  epoch: number;
  /** Training loss; null when not finite. */
  loss: number | null;
  cumulativeMs: number;
  /**
   * The epoch's W (row-major) then b, copied out of its batch: an entry must not keep a whole
   * streamed batch alive (a large model streams megabytes a batch, and hundreds of entries
   * from hundreds of batches are kept). One plain array: two typed-array slices per entry
   * were most of what a max-speed race's records cost the page.
   */
  weights: number[];
  outputs: number;
  steps: number;
  ms: number;
  holdoutLoss: number | null | undefined;
  /** A range test's lr (undefined for other racers). */
  lr: number | undefined;
  inputs: number;
  point?: HistoryPoint;
}

interface Window {
  min: Entry;
  max: Entry;
  last: Entry;
}

/** Loss order with nulls (not finite) above everything: a blow-up is the maximum. */
function above(a: number | null, b: number | null): boolean {
  if (a === null) return b !== null;
  return b !== null && a > b;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function entryAt(batch: RecordBatch, k: number, cumulativeMs: number): Entry {
  const { inputs: d, outputs: m } = batch;
  const weights = new Array<number>(m * (d + 1));
  for (let j = 0; j < m * d; j++) weights[j] = batch.w[k * m * d + j];
  for (let o = 0; o < m; o++) weights[m * d + o] = batch.b[k * m + o];
  return {
    epoch: batch.from + k,
    loss: finiteOrNull(batch.loss[k]),
    cumulativeMs,
    weights,
    outputs: m,
    steps: batch.steps[k],
    ms: batch.ms ? batch.ms[k] : 0,
    holdoutLoss: batch.holdoutLoss ? finiteOrNull(batch.holdoutLoss[k]) : undefined,
    lr: batch.lr ? batch.lr[k] : undefined,
    inputs: d,
  };
}

function materialize(e: Entry): HistoryPoint {
  if (e.point) return e.point;
  const d = e.inputs;
  const m = e.outputs;
  const w: number[][] = [];
  for (let o = 0; o < m; o++) w.push(e.weights.slice(o * d, (o + 1) * d));
  const point: HistoryPoint = { epoch: e.epoch, loss: e.loss, steps: e.steps, ms: e.ms, cumulativeMs: e.cumulativeMs, w, b: e.weights.slice(m * d) };
  if (e.holdoutLoss !== undefined) point.holdoutLoss = e.holdoutLoss;
  if (e.lr !== undefined) point.lr = e.lr;
  e.point = point;
  return point;
}

export class ViewHistory {
  private windows: Window[] = [];
  private span = 1;
  private cumulativeMs = 0;
  /** Epoch 0, the common start every chart begins from, kept whatever merges. */
  private first: Entry | null = null;
  private last: Entry | null = null;
  private kept: HistoryPoint[] | null = null;
  /**
   * Bumped by every append: the page redraws only what changed, and a finished racer's
   * history, unchanged, keeps its points array and every path drawn from it.
   */
  version = 0;

  constructor(readonly capacity = 512) {}

  /**
   * Appends every record of a batch (the next epochs, in order). A max-speed race sends
   * thousands of epochs a batch, so each window's stretch of the batch is scanned for its
   * lowest, highest and last loss, and only those (at most three per window) become entries.
   */
  append(batch: RecordBatch): void {
    if (batch.count === 0) return;
    this.version++;
    this.kept = null;
    const { loss, ms } = batch;
    let i = 0;
    while (i < batch.count) {
      const index = Math.floor((batch.from + i) / this.span);
      if (index >= this.capacity) {
        this.merge();
        continue;
      }
      const end = Math.min(batch.count, (index + 1) * this.span - batch.from);
      let minAt = -1;
      let maxAt = -1;
      let minMs = 0;
      let maxMs = 0;
      const start = this.cumulativeMs;
      for (let k = i; k < end; k++) {
        this.cumulativeMs += ms ? ms[k] : 0;
        const v = finiteOrNull(loss[k]);
        if (minAt < 0 || above(finiteOrNull(loss[minAt]), v)) {
          minAt = k;
          minMs = this.cumulativeMs;
        }
        if (maxAt < 0 || above(v, finiteOrNull(loss[maxAt]))) {
          maxAt = k;
          maxMs = this.cumulativeMs;
        }
      }
      const last = entryAt(batch, end - 1, this.cumulativeMs);
      const min = minAt === end - 1 ? last : entryAt(batch, minAt, minMs);
      const max = maxAt === end - 1 ? last : maxAt === minAt ? min : entryAt(batch, maxAt, maxMs);
      if (batch.from + i === 0) this.first = min.epoch === 0 ? min : max.epoch === 0 ? max : entryAt(batch, 0, start + (ms ? ms[0] : 0));
      const w = this.windows[index];
      if (!w) this.windows[index] = { min, max, last };
      else {
        if (above(w.min.loss, min.loss)) w.min = min;
        if (above(max.loss, w.max.loss)) w.max = max;
        w.last = last;
      }
      this.last = last;
      i = end;
    }
  }

  private merge(): void {
    const merged: Window[] = [];
    for (let i = 0; i < this.windows.length; i += 2) {
      const a = this.windows[i];
      const b = this.windows[i + 1];
      if (!b) {
        merged.push(a);
        continue;
      }
      merged.push({ min: above(a.min.loss, b.min.loss) ? b.min : a.min, max: above(b.max.loss, a.max.loss) ? b.max : a.max, last: b.last });
    }
    this.windows = merged;
    this.span *= 2;
  }

  /** The latest epoch (the current weights), or null before epoch 0 arrives. */
  get latest(): HistoryPoint | null {
    return this.last ? materialize(this.last) : null;
  }

  /**
   * The kept points in epoch order, without duplicates; always epoch 0 and the latest. The
   * same array until the next append: treat it as read-only.
   */
  points(): readonly HistoryPoint[] {
    if (this.kept) return this.kept;
    const out: HistoryPoint[] = this.first ? [materialize(this.first)] : [];
    const push = (e: Entry) => {
      if (out.length === 0 || out[out.length - 1].epoch < e.epoch) out.push(materialize(e));
    };
    for (const { min, max, last } of this.windows) {
      // In epoch order, without an array per window: this runs on every redraw of a running racer.
      push(min.epoch <= max.epoch ? min : max);
      push(min.epoch <= max.epoch ? max : min);
      push(last);
    }
    this.kept = out;
    return out;
  }
}
