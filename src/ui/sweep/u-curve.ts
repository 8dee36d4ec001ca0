/**
 * The U-curve's geometry (D3 computes, UCurve.svelte renders): final training loss against
 * the learning rate, both on log scales, one line per lr sweep. A diverged run sits at the
 * top edge; the best run of each line (lowest final loss among those that did not diverge)
 * is ringed; GD's stability limit 2/λmax is a vertical mark when it falls on the chart.
 */
import { scaleLog, type ScaleLogarithmic } from 'd3';
import { bestRun, type SweepRun } from './sweep-runs.ts';

export interface UCurveLine {
  key: string;
  label: string;
  color: string;
  runs: readonly SweepRun[];
}

export interface UCurvePoint {
  id: string;
  lr: number;
  x: number;
  y: number;
  /** Its line's colour. */
  color: string;
  diverged: boolean;
  /** Cancelled before its last epoch: drawn at its partial loss, hollow. */
  cancelled: boolean;
  best: boolean;
  run: SweepRun;
}

/** A line's vertices in pixels, in lr order, as x0, y0, x1, y1, …: one array, not one per vertex (10,000 a redraw). */
export type Polyline = Float64Array;

export interface UCurveGeometry {
  x: ScaleLogarithmic<number, number>;
  y: ScaleLogarithmic<number, number>;
  /** Each line's final-loss and hold-out polylines (null with fewer than two runs to join) and its points. */
  lines: { key: string; label: string; color: string; train: Polyline | null; holdout: Polyline | null; points: UCurvePoint[] }[];
  /** x of the stability limit, or null when it is off the chart (or unknown). */
  limitX: number | null;
}

const positive = (v: number | null): v is number => v !== null && v > 0 && Number.isFinite(v);

/** The runs with an lr, by lr: as they come when already so (a sweep's grid is), else sorted. */
function inLrOrder(runs: readonly SweepRun[]): SweepRun[] {
  const withLr = runs.filter((r) => typeof r.values.lr === 'number');
  const lr = (r: SweepRun) => r.values.lr as number;
  let ascending = true;
  for (let i = 1; i < withLr.length && ascending; i++) ascending = lr(withLr[i - 1]) <= lr(withLr[i]);
  return ascending ? withLr : withLr.sort((a, b) => lr(a) - lr(b));
}

export function uCurve(lines: readonly UCurveLine[], width: number, height: number, limit: number | null, holdout: boolean): UCurveGeometry {
  // Extents in one pass, no arrays: this runs every redraw over up to 10,000 runs.
  let [lo, hi, ylo, yhi] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const l of lines) {
    for (const r of l.runs) {
      const lr = r.values.lr;
      if (typeof lr === 'number' && lr > 0) [lo, hi] = [Math.min(lo, lr), Math.max(hi, lr)];
      if (positive(r.final)) [ylo, yhi] = [Math.min(ylo, r.final), Math.max(yhi, r.final)];
      if (holdout && positive(r.holdout)) [ylo, yhi] = [Math.min(ylo, r.holdout), Math.max(yhi, r.holdout)];
    }
  }
  if (lo > hi) [lo, hi] = [1e-6, 1];
  if (ylo > yhi) [ylo, yhi] = [0.1, 10];
  // A little room either side, so the end points and the ✕s are not cut by the frame.
  const pad = (a: number, b: number, f: number): [number, number] => (a === b ? [a / 2, b * 2] : [a / (b / a) ** f, b * (b / a) ** f]);
  const x = scaleLog().domain(pad(lo, hi, 0.04)).range([0, width]);
  const y = scaleLog().domain(pad(ylo, yhi, 0.06)).range([height, 0]);
  return {
    x,
    y,
    lines: lines.map((l) => {
      const best = bestRun(l.runs);
      const withLr = inLrOrder(l.runs);
      const points: UCurvePoint[] = [];
      const train = new Float64Array(2 * withLr.length);
      const held = new Float64Array(holdout ? 2 * withLr.length : 0);
      let [nTrain, nHeld] = [0, 0];
      for (const r of withLr) {
        const lr = r.values.lr as number;
        const px = x(lr);
        points.push({ id: r.racer.id, lr, x: px, y: r.diverged || !positive(r.final) ? 0 : y(r.final), color: l.color, diverged: r.diverged, cancelled: r.cancelled, best: r === best, run: r });
        if (r.diverged) continue;
        if (positive(r.final)) [train[nTrain++], train[nTrain++]] = [px, y(r.final)];
        if (holdout && positive(r.holdout)) [held[nHeld++], held[nHeld++]] = [px, y(r.holdout)];
      }
      const polyline = (xy: Float64Array, n: number) => (n > 2 ? xy.subarray(0, n) : null);
      return { key: l.key, label: l.label, color: l.color, train: polyline(train, nTrain), holdout: holdout ? polyline(held, nHeld) : null, points };
    }),
    limitX: limit !== null && Number.isFinite(limit) && limit >= x.domain()[0] && limit <= x.domain()[1] ? x(limit) : null,
  };
}
