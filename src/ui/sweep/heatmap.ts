/**
 * A two-hyperparameter sweep's heatmap (D3 computes, Heatmap.svelte renders): one cell per
 * grid point, columns the first axis's values, rows the second's (bottom to top), coloured by
 * the chosen metric on a log scale; a diverged run's cell is hatched, a cell with no value yet
 * is blank.
 */
import { scaleBand, scaleLog } from 'd3';
import { formatNumber } from '../charts/format-number.ts';
import type { SweepRun } from './sweep-runs.ts';
import { VIRIDIS } from './viridis.ts';

export type HeatMetric = 'loss' | 'epochs';

export interface HeatCell {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number | null;
  fill: string | null;
  diverged: boolean;
  run: SweepRun;
}

/** A cell's words (its tooltip and the readout): the run and its value, or how it ended. Made when shown, not per redraw. */
export function cellTitle(r: SweepRun, metric: HeatMetric): string {
  const value = metricOf(r, metric);
  const what = metric === 'loss' ? `final loss ${formatNumber(value)}` : value === null ? 'target not reached' : `target at epoch ${value}`;
  return `${r.racer.label}: ${r.diverged ? `diverged at epoch ${r.divergedAt ?? '?'}` : r.cancelled ? `${what} (partial: cancelled at epoch ${r.epoch})` : what}`;
}

/** Every k-th of `n` axis labels, so that at most `most` are written (all when they fit). */
export function labelEvery(n: number, most: number): number {
  return Math.max(1, Math.ceil(n / most));
}

export function metricOf(run: SweepRun, metric: HeatMetric): number | null {
  return metric === 'loss' ? run.final : run.epochsToTarget;
}

export function heatmap(runs: readonly SweepRun[], columns: number, rows: number, width: number, height: number, metric: HeatMetric): HeatCell[] {
  const x = scaleBand<number>().domain(Array.from({ length: columns }, (_, i) => i)).range([0, width]).padding(0.04);
  const y = scaleBand<number>().domain(Array.from({ length: rows }, (_, i) => i)).range([height, 0]).padding(0.04);
  // Epoch 0 cannot sit on a log scale: counts start at 1 there.
  const shift = metric === 'epochs' ? 1 : 0;
  let [lo, hi] = [Infinity, -Infinity];
  for (const r of runs) {
    const v = metricOf(r, metric);
    if (v !== null && v + shift > 0) [lo, hi] = [Math.min(lo, v + shift), Math.max(hi, v + shift)];
  }
  if (lo > hi) [lo, hi] = [1, 10];
  const step = scaleLog().domain(lo === hi ? [lo, lo * 10] : [lo, hi]).range([0, 255]).clamp(true);
  // Viridis in 256 steps, made once: a colour string per cell per redraw cost milliseconds at 10,000 cells.
  const color = (v: number) => VIRIDIS[Math.round(step(v))];
  return runs.map((r) => {
    const value = metricOf(r, metric);
    return {
      id: r.racer.id,
      x: x(r.point[0]) ?? 0,
      y: y(r.point[1] ?? 0) ?? 0,
      width: x.bandwidth(),
      height: y.bandwidth(),
      value,
      fill: r.diverged || value === null ? null : color(value + shift),
      diverged: r.diverged,
      run: r,
    };
  });
}
