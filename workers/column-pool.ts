import type { ArrayPool } from '../src/core/race/racer-run.ts';

/**
 * Float64Arrays that a worker's record columns and its runs' per-epoch series give back when
 * their race ends, for the next race to take (arrays outgrown during a race are left to the
 * garbage collector: the pool must not keep memory the memory budget does not count). A worker runs race after race (the pool of workers keeps it warm), and memory
 * written once costs nothing to write again, while fresh memory pays a page fault on the first
 * write to each 4 KB page: in headless Chromium on this project's 2-core machine, the first fill
 * of a 12 MB array took 70–110 ms and the second under 1 ms. The workers benchmark's race
 * (6 racers × 20,000 epochs) writes about 11 MB of logs and 9 MB of series, grown by doubling.
 *
 * A recycled array's values are whatever its last user left: the columns never read past
 * their count.
 */
export class ColumnPool implements ArrayPool {
  /**
   * Free buffers by their length in values, and those lengths in ascending order: a take finds
   * the smallest that holds it by a binary search, not a scan. A 10,000-run sweep gives back
   * 30,000 small series; scanning a list of them for each take cost 1.4 s a race start.
   */
  private readonly byLength = new Map<number, Float64Array<ArrayBuffer>[]>();
  private lengths: number[] = [];
  /** Buffers held free, so that one given back twice is kept once (and never handed out twice). */
  private readonly pooled = new Set<ArrayBufferLike>();
  private freeBytes = 0;

  constructor(
    /** Free bytes it keeps at most; what would pass this is let go. */
    private readonly maxBytes = Infinity,
  ) {}

  /** An array of exactly `length` values: over the smallest free buffer that holds it, else new. */
  take(length: number): Float64Array<ArrayBuffer> {
    const whole = this.takeWhole(length);
    return whole.length === length ? whole : whole.subarray(0, length);
  }

  /**
   * The smallest free buffer that holds `length` values, whole (it may hold more: a growing
   * column uses all of it rather than take another buffer at its next doubling), else a new
   * array of exactly `length`.
   */
  takeWhole(length: number): Float64Array<ArrayBuffer> {
    const at = this.firstAtLeast(length);
    if (at === this.lengths.length) return new Float64Array(length);
    const size = this.lengths[at];
    const bucket = this.byLength.get(size)!;
    const whole = bucket.pop()!;
    if (bucket.length === 0) {
      this.byLength.delete(size);
      this.lengths.splice(at, 1);
    }
    this.pooled.delete(whole.buffer);
    this.freeBytes -= whole.byteLength;
    return whole;
  }

  /** Gives back an array, and with it the whole buffer under it (its owner must not use either again). */
  give(array: Float64Array): void {
    const { buffer } = array;
    if (buffer.byteLength === 0 || this.pooled.has(buffer) || !(buffer instanceof ArrayBuffer)) return;
    if (this.freeBytes + buffer.byteLength > this.maxBytes) return;
    const whole = new Float64Array(buffer);
    const bucket = this.byLength.get(whole.length);
    if (bucket) bucket.push(whole);
    else {
      this.byLength.set(whole.length, [whole]);
      this.lengths.splice(this.firstAtLeast(whole.length), 0, whole.length);
    }
    this.pooled.add(buffer);
    this.freeBytes += buffer.byteLength;
  }

  /** Lets go of every free buffer. */
  clear(): void {
    this.byLength.clear();
    this.lengths = [];
    this.pooled.clear();
    this.freeBytes = 0;
  }

  /** Bytes held free. */
  get bytes(): number {
    return this.freeBytes;
  }

  /** The index of the first free length ≥ `length` (lengths.length when none is). */
  private firstAtLeast(length: number): number {
    let [lo, hi] = [0, this.lengths.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lengths[mid] < length) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
