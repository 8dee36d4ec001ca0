/**
 * How the path chart draws the principal-direction slice, where the loss is
 * L* + λ₁u² + λ₂v² and λ₁/λ₂ is 2.2 million on the raw crop data: with linear axes every
 * contour is a vertical line, or a dot. So each axis is a symmetric log scale (d3's
 * scaleSymlog: linear near 0, logarithmic beyond its constant), the view is symmetric about
 * the optimum, and the levels are chosen for the view:
 *  - `fit`, the largest loss excess whose ellipse fits inside the view (its smaller
 *    half-width over the axis's curvature), and four levels from fit/1000 up to it: closed
 *    ellipses around the optimum;
 *  - the rest geometric from there to the loss at the view's corner, cut by its edges.
 * Each axis's constant is the half-width of the third closed ellipse on it, so the inner
 * ellipses are drawn nearly linearly (true ellipses) and the outer ones, and the paths far
 * out, compressed.
 */
import { geometricLevels } from './geometric-levels.ts';

export interface PrincipalView {
  /** Symmetric domains about the optimum (at 0). */
  x: [number, number];
  y: [number, number];
  /** Symlog constants per axis. */
  cx: number;
  cy: number;
  /** Loss levels, lowest first. */
  levels: number[];
  /** How many of the levels are closed ellipses inside the view. */
  closed: number;
}

export const CLOSED_LEVELS = 4;

export function principalView(extent: { x: [number, number]; y: [number, number] }, curvature: [number, number], optimumLoss: number, count = 10): PrincipalView {
  const half = (d: [number, number]) => Math.max(Math.abs(d[0]), Math.abs(d[1])) || 1;
  const mx = half(extent.x);
  const my = half(extent.y);
  const [hx, hy] = curvature;
  const fit = Math.min(hx * mx * mx, hy * my * my);
  const inner = fit / 1000;
  const closed = Math.min(CLOSED_LEVELS, count);
  // Closed: inner … 0.8·fit, geometric (the 0.8 keeps the largest clear of the edges).
  const ratio = closed > 1 ? (0.8 * fit / inner) ** (1 / (closed - 1)) : 1;
  const excesses = Array.from({ length: closed }, (_, i) => inner * ratio ** i);
  const corner = hx * mx * mx + hy * my * my;
  const open = geometricLevels(0.8 * fit, corner, count - closed);
  return {
    x: [-mx, mx],
    y: [-my, my],
    cx: Math.sqrt(excesses[Math.min(2, closed - 1)] / hx) || 1,
    cy: Math.sqrt(excesses[Math.min(2, closed - 1)] / hy) || 1,
    levels: [...excesses, ...open].map((e) => optimumLoss + e),
    closed,
  };
}

/** Ticks for a symlog axis over [-max, max]: 0 and ±powers of ten above the constant, at most `count` a side. */
export function symlogTicks(max: number, constant: number, count: number): number[] {
  const lo = Math.ceil(Math.log10(constant * 3));
  const hi = Math.floor(Math.log10(max));
  const powers: number[] = [];
  for (let k = hi; k >= lo; k--) powers.push(10 ** k);
  const every = Math.max(1, Math.ceil(powers.length / Math.max(1, count)));
  const kept = powers.filter((_, i) => i % every === 0);
  return [...kept.map((p) => -p), 0, ...[...kept].reverse()];
}
