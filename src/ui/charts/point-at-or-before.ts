/**
 * The last of `points` whose `key` is at most `x`, or null when every point lies after x.
 * `points` must be sorted by `key` (histories are in epoch order, and epoch, steps and
 * cumulative ms all grow with the epoch). Binary search: a crosshair asks this per racer
 * on every pointer move, over up to a few thousand points each.
 */
export function pointAtOrBefore<T>(points: readonly T[], x: number, key: (point: T) => number): T | null {
  let lo = 0;
  let hi = points.length; // invariant: key(points[i]) <= x for i < lo, > x for i >= hi
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(points[mid]) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? points[lo - 1] : null;
}
