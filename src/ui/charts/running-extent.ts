/**
 * The lowest and highest of values added one at a time, with no array of the values: the
 * charts take the extent of every point they draw, on every redraw. Empty (lo > hi) until
 * a value is added; NaN is never taken.
 */
export class RunningExtent {
  lo = Infinity;
  hi = -Infinity;

  add(v: number): void {
    if (v < this.lo) this.lo = v;
    if (v > this.hi) this.hi = v;
  }

  get empty(): boolean {
    return !(this.lo <= this.hi);
  }
}
