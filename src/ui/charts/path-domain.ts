/**
 * The view of the path chart: every point of every racer that has not diverged, the
 * anchors (the optimum, and the start every racer leaves from, so the view is right before
 * the first record), and the part of a diverged racer's path whose loss stays within the
 * highest loss the others reached (their start, at least). A diverging path would otherwise
 * stretch the view until everything else is one dot; it leaves the view instead, clipped
 * at its edge.
 * Each axis is padded by `padding` of its span; a zero span (one point) by ±10% of the
 * value, or ±1 at zero. The x and y domains are independent: on the raw crop data the
 * principal directions' spans differ by orders of magnitude.
 *
 * Each padded axis is then widened to round numbers, about a twentieth of its span apart
 * (d3's nice): a racer moving about inside the view leaves it exactly as it was, so the
 * view holds still while the paths grow, and the contours, the axes and the lines of the
 * racers that did not move are not drawn again (or seen to jitter).
 */
import { nice } from 'd3';
import type { RacerPath } from './racer-paths.ts';
import { RunningExtent } from './running-extent.ts';

export interface PathDomain {
  x: [number, number];
  y: [number, number];
}

export function pathDomain(paths: readonly RacerPath[], anchors: readonly (readonly [number, number])[], padding = 0.08): PathDomain {
  const steady = paths.filter((p) => !p.diverged);
  let ceiling = -Infinity;
  for (const p of steady) for (const q of p.points) if (q.loss !== null && q.loss > ceiling) ceiling = q.loss;
  for (const p of paths) if (p.points[0]?.loss != null && p.points[0].loss > ceiling) ceiling = p.points[0].loss;
  const x = new RunningExtent();
  const y = new RunningExtent();
  for (const [ax, ay] of anchors) {
    x.add(ax);
    y.add(ay);
  }
  for (const p of paths) {
    for (const q of p.points) {
      if (p.diverged && !(q.loss !== null && q.loss <= ceiling)) continue;
      x.add(q.x);
      y.add(q.y);
    }
  }
  return { x: padded(x, padding), y: padded(y, padding) };
}

function padded({ lo, hi, empty }: RunningExtent, padding: number): [number, number] {
  if (empty) return [-1, 1];
  const span = hi - lo;
  if (span > 0) return nice(lo - padding * span, hi + padding * span, 20);
  const half = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - half, hi + half];
}
