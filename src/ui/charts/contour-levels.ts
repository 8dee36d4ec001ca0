/**
 * The loss levels to draw on a parameter-space slice: geometric between the optimum and
 * the largest loss in view. The loss is a convex quadratic, so over a rectangle its largest
 * value is at a corner.
 */
import type { Slice } from '../../core/analysis/loss-surface.ts';
import { geometricLevels } from './geometric-levels.ts';
import type { PathDomain } from './path-domain.ts';

export function contourLevels(slice: Slice, domain: PathDomain, count: number): number[] {
  const corners = domain.x.flatMap((x) => domain.y.map((y) => slice.lossAt(x, y)));
  return geometricLevels(slice.optimumLoss, Math.max(...corners), count);
}
