/**
 * The U-curve's geometry (D3 computes, UCurve.svelte renders): final training loss against
 * the learning rate, both on log scales, one line per lr sweep. A diverged run sits at the
 * top edge; the best run of each line (lowest final loss among those that did not diverge)
 * is ringed; GD's stability limit 2/λmax is a vertical mark when it falls on the chart.
 */
import { line, scaleLog, type ScaleLogarithmic } from 'd3';
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
  diverged: boolean;
  /** Cancelled before its last epoch: drawn at its partial loss, hollow. */
  cancelled: boolean;
  best: boolean;
  run: SweepRun;
}

export interface UCurveGeometry {
  x: ScaleLogarithmic<number, number>;
  y: ScaleLogarithmic<number, number>;
  lines: { key: string; label: string; color: string; train: string | null; holdout: string | null; points: UCurvePoint[] }[];
  /** x of the stability limit, or null when it is off the chart (or unknown). */
  limitX: number | null;
}

const positive = (v: number | null): v is number => v !== null && v > 0 && Number.isFinite(v);

export function uCurve(lines: readonly UCurveLine[], width: number, height: number, limit: number | null, holdout: boolean): UCurveGeometry {
  const lrs = lines.flatMap((l) => l.runs.map((r) => r.values.lr)).filter((v): v is number => typeof v === 'number' && v > 0);
  const losses = lines.flatMap((l) => l.runs.flatMap((r) => [r.final, holdout ? r.holdout : null])).filter(positive);
  const [lo, hi] = lrs.length ? [Math.min(...lrs), Math.max(...lrs)] : [1e-6, 1];
  const [ylo, yhi] = losses.length ? [Math.min(...losses), Math.max(...losses)] : [0.1, 10];
  // A little room either side, so the end points and the ✕s are not cut by the frame.
  const pad = (a: number, b: number, f: number): [number, number] => (a === b ? [a / 2, b * 2] : [a / (b / a) ** f, b * (b / a) ** f]);
  const x = scaleLog().domain(pad(lo, hi, 0.04)).range([0, width]);
  const y = scaleLog().domain(pad(ylo, yhi, 0.06)).range([height, 0]);
  const path = (pts: [number, number][]) => line().digits(1)(pts);
  return {
    x,
    y,
    lines: lines.map((l) => {
      const best = bestRun(l.runs);
      const withLr = l.runs.filter((r) => typeof r.values.lr === 'number').sort((a, b) => (a.values.lr as number) - (b.values.lr as number));
      const points = withLr.map((r) => {
        const lr = r.values.lr as number;
        return { id: r.racer.id, lr, x: x(lr), y: r.diverged || !positive(r.final) ? 0 : y(r.final), diverged: r.diverged, cancelled: r.cancelled, best: r === best, run: r };
      });
      const train = withLr.filter((r) => !r.diverged && positive(r.final)).map((r): [number, number] => [x(r.values.lr as number), y(r.final!)]);
      const held = withLr.filter((r) => !r.diverged && positive(r.holdout)).map((r): [number, number] => [x(r.values.lr as number), y(r.holdout!)]);
      return { key: l.key, label: l.label, color: l.color, train: train.length > 1 ? path(train) : null, holdout: holdout && held.length > 1 ? path(held) : null, points };
    }),
    limitX: limit !== null && Number.isFinite(limit) && limit >= x.domain()[0] && limit <= x.domain()[1] ? x(limit) : null,
  };
}
