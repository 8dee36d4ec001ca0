/**
 * `count` levels strictly between `lo` and `hi`, evenly spaced on a log scale:
 * lo·r, lo·r², …, lo·rᶜᵒᵘⁿᵗ with r = (hi/lo)^(1/(count+1)). Loss contours drawn at such
 * levels stay readable both near the optimum and far from it, where a quadratic's levels
 * spaced evenly would crowd the edges. A lo at or below zero has no logarithm: it is raised
 * to hi·floor. Empty when there is no room between lo and hi.
 */
export function geometricLevels(lo: number, hi: number, count: number, floor = 1e-6): number[] {
  if (!(hi > 0) || !Number.isFinite(hi) || count < 1) return [];
  const bottom = Math.max(lo, hi * floor);
  if (!(bottom < hi)) return [];
  const ratio = (hi / bottom) ** (1 / (count + 1));
  return Array.from({ length: count }, (_, i) => bottom * ratio ** (i + 1));
}
