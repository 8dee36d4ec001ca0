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

/**
 * A line's runs that have an lr, in lr order, and where each is drawn: columns, not an object
 * per run (a redraw of 10,000 runs made 10,000 point objects, and their garbage). `pointAt`
 * makes the object of one when a chart needs it (an SVG point, the chosen one).
 */
export interface UCurveMarks {
  runs: readonly SweepRun[];
  x: Float64Array;
  /** The top edge (0) for a run that diverged or has no positive loss. */
  y: Float64Array;
  /** The index of the line's best run, or −1. */
  best: number;
}

export interface UCurveGeometryLine {
  key: string;
  label: string;
  color: string;
  train: Polyline | null;
  holdout: Polyline | null;
  marks: UCurveMarks;
}

export interface UCurveGeometry {
  x: ScaleLogarithmic<number, number>;
  y: ScaleLogarithmic<number, number>;
  /** Each line's final-loss and hold-out polylines (null with fewer than two runs to join) and its marks. */
  lines: UCurveGeometryLine[];
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
  // Extents in one pass, with plain assignments: this runs every redraw over up to 10,000
  // runs, and an array destructuring per run ([lo, hi] = [...]) allocated an array and an
  // iterator each time (the sampling heap profiler put 10 MB a 10,000-run sweep on them).
  let lo = Infinity;
  let hi = -Infinity;
  let ylo = Infinity;
  let yhi = -Infinity;
  for (const l of lines) {
    for (const r of l.runs) {
      const lr = r.values.lr;
      if (typeof lr === 'number' && lr > 0) {
        lo = Math.min(lo, lr);
        hi = Math.max(hi, lr);
      }
      if (positive(r.final)) {
        ylo = Math.min(ylo, r.final);
        yhi = Math.max(yhi, r.final);
      }
      if (holdout && positive(r.holdout)) {
        ylo = Math.min(ylo, r.holdout);
        yhi = Math.max(yhi, r.holdout);
      }
    }
  }
  if (lo > hi) {
    lo = 1e-6;
    hi = 1;
  }
  if (ylo > yhi) {
    ylo = 0.1;
    yhi = 10;
  }
  // A little room either side, so the end points and the ✕s are not cut by the frame.
  const pad = (a: number, b: number, f: number): [number, number] => (a === b ? [a / 2, b * 2] : [a / (b / a) ** f, b * (b / a) ** f]);
  const x = scaleLog().domain(pad(lo, hi, 0.04)).range([0, width]);
  const y = scaleLog().domain(pad(ylo, yhi, 0.06)).range([height, 0]);
  return {
    x,
    y,
    lines: lines.map((l) => {
      const best = bestRun(l.runs);
      const runs = inLrOrder(l.runs);
      const marks: UCurveMarks = { runs, x: new Float64Array(runs.length), y: new Float64Array(runs.length), best: -1 };
      const train = new Float64Array(2 * runs.length);
      const held = new Float64Array(holdout ? 2 * runs.length : 0);
      let nTrain = 0;
      let nHeld = 0;
      for (let i = 0; i < runs.length; i++) {
        const r = runs[i];
        const px = x(r.values.lr as number);
        marks.x[i] = px;
        marks.y[i] = r.diverged || !positive(r.final) ? 0 : y(r.final);
        if (r === best) marks.best = i;
        if (r.diverged) continue;
        if (positive(r.final)) {
          train[nTrain++] = px;
          train[nTrain++] = marks.y[i];
        }
        if (holdout && positive(r.holdout)) {
          held[nHeld++] = px;
          held[nHeld++] = y(r.holdout);
        }
      }
      const polyline = (xy: Float64Array, n: number) => (n > 2 ? xy.subarray(0, n) : null);
      return { key: l.key, label: l.label, color: l.color, train: polyline(train, nTrain), holdout: holdout ? polyline(held, nHeld) : null, marks };
    }),
    limitX: limit !== null && Number.isFinite(limit) && limit >= x.domain()[0] && limit <= x.domain()[1] ? x(limit) : null,
  };
}

/** The point of a line's mark `i`, as an SVG point and the chosen point show it. */
export function pointAt(line: UCurveGeometryLine, i: number): UCurvePoint {
  const { runs, x, y, best } = line.marks;
  const run = runs[i];
  return { id: run.racer.id, lr: run.values.lr as number, x: x[i], y: y[i], color: line.color, diverged: run.diverged, cancelled: run.cancelled, best: i === best, run };
}
