/**
 * The points a racer's charts draw: whole epochs (loss, weights, steps, time together, so a
 * path point and its loss agree), bounded. Every epoch is kept until `capacity` windows are
 * full; then windows merge pairwise, each keeping its lowest-loss, highest-loss and last
 * epoch: spikes and the current position survive any zoom-out. Memory is bounded by
 * 3 × capacity points whatever the number of epochs.
 */
import type { HistoryPoint } from './view-model.ts';

interface Window {
  min: HistoryPoint;
  max: HistoryPoint;
  last: HistoryPoint;
}

/** Loss order with nulls (not finite) above everything: a blow-up is the maximum. */
function above(a: number | null, b: number | null): boolean {
  if (a === null) return b !== null;
  return b !== null && a > b;
}

export class ViewHistory {
  private windows: Window[] = [];
  private span = 1;
  private cumulativeMs = 0;
  latest: HistoryPoint | null = null;
  /** Epoch 0, the common start every chart begins from, kept whatever merges. */
  private first: HistoryPoint | null = null;

  constructor(readonly capacity = 1024) {}

  /** Appends the next epoch; `ms` is that epoch's training time. */
  push(point: Omit<HistoryPoint, 'cumulativeMs'>): void {
    this.cumulativeMs += point.ms;
    const p: HistoryPoint = { ...point, cumulativeMs: this.cumulativeMs };
    this.latest = p;
    this.first ??= p;
    let index = Math.floor(p.epoch / this.span);
    if (index >= this.capacity) {
      this.merge();
      index = Math.floor(p.epoch / this.span);
    }
    const w = this.windows[index];
    if (!w) {
      this.windows[index] = { min: p, max: p, last: p };
      return;
    }
    if (above(w.min.loss, p.loss)) w.min = p;
    if (above(p.loss, w.max.loss)) w.max = p;
    w.last = p;
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

  /** The kept points in epoch order, without duplicates; always epoch 0 and the latest. */
  points(): HistoryPoint[] {
    const out: HistoryPoint[] = this.first ? [this.first] : [];
    for (const w of this.windows) {
      const picks = [w.min, w.max, w.last].sort((a, b) => a.epoch - b.epoch);
      for (const p of picks) if (out.length === 0 || out[out.length - 1].epoch < p.epoch) out.push(p);
    }
    return out;
  }
}
