/**
 * The learning-rate range test's geometry (D3 computes, RangeTestChart.svelte renders):
 * training loss against the lr of each epoch's last step, as fastai's lr_find plots it, on a
 * log lr axis spanning the test's whole range (so the axis stays put while the test runs)
 * and a log loss axis. The lowest loss is ringed; fastai's "minimum" suggestion is a tenth of
 * its lr. A test that stopped (its loss passed 4 × its lowest) ends with a square at the
 * stopping epoch; one that diverged, with a ✕ on the top edge at its last lr.
 */
import { line, scaleLog, type ScaleLogarithmic } from 'd3';
import type { CurvePoint } from './run-tally.ts';

export interface RangeTestPoint {
  epoch: number;
  lr: number;
  loss: number;
  x: number;
  y: number;
}

export interface RangeTestGeometry {
  x: ScaleLogarithmic<number, number>;
  y: ScaleLogarithmic<number, number>;
  /** The loss curve, or null with fewer than two points. */
  path: string | null;
  points: RangeTestPoint[];
  /** The point of lowest loss, or null before any. */
  lowest: RangeTestPoint | null;
  /** fastai's "minimum" suggestion: a tenth of the lowest loss's lr (null before any). */
  suggestion: number | null;
  /** The last point when the test stopped there, else null. */
  stop: RangeTestPoint | null;
  /** Where a diverged test's cross goes (top edge, its last lr), else null. */
  divergedX: number | null;
}

const finitePositive = (v: number | null | undefined): v is number => v !== null && v !== undefined && v > 0 && Number.isFinite(v);

export function rangeTestGeometry(history: readonly CurvePoint[], range: { from: number; to: number }, end: 'stopped' | 'diverged' | null, width: number, height: number): RangeTestGeometry {
  const x = scaleLog().domain([range.from, range.to]).range([0, width]).clamp(true);
  const measured = history.filter((p) => finitePositive(p.lr) && finitePositive(p.loss));
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of measured) {
    lo = Math.min(lo, p.loss!);
    hi = Math.max(hi, p.loss!);
  }
  // A little room above and below (a factor of (hi/lo)^0.06), and a decade either way of a single value.
  const [ylo, yhi] = measured.length === 0 ? [0.1, 10] : lo === hi ? [lo / 10, hi * 10] : [lo / (hi / lo) ** 0.06, hi * (hi / lo) ** 0.06];
  const y = scaleLog().domain([ylo, yhi]).range([height, 0]);
  const points = measured.map((p) => ({ epoch: p.epoch, lr: p.lr!, loss: p.loss!, x: x(p.lr!), y: y(p.loss!) }));
  let lowest: RangeTestPoint | null = null;
  for (const p of points) if (lowest === null || p.loss < lowest.loss) lowest = p;
  const last = history[history.length - 1];
  return {
    x,
    y,
    path: points.length > 1 ? line().digits(1)(points.map((p): [number, number] => [p.x, p.y])) : null,
    points,
    lowest,
    suggestion: lowest ? lowest.lr / 10 : null,
    stop: end === 'stopped' && points.length > 0 && points[points.length - 1].epoch === last?.epoch ? points[points.length - 1] : null,
    divergedX: end === 'diverged' && last && finitePositive(last.lr) ? x(last.lr) : null,
  };
}
