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
  private free: Float64Array<ArrayBuffer>[] = [];
  /** Buffers in `free`, so that one given back twice is kept once (and never handed out twice). */
  private readonly pooled = new Set<ArrayBufferLike>();
  private freeBytes = 0;

  constructor(
    /** Free bytes it keeps at most; what would pass this is let go. */
    private readonly maxBytes = Infinity,
  ) {}

  /** An array of exactly `length` values: over the smallest free buffer that holds it, else new. */
  take(length: number): Float64Array<ArrayBuffer> {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const n = this.free[i].length;
      if (n >= length && (best < 0 || n < this.free[best].length)) best = i;
    }
    if (best < 0) return new Float64Array(length);
    const [whole] = this.free.splice(best, 1);
    this.pooled.delete(whole.buffer);
    this.freeBytes -= whole.byteLength;
    return whole.length === length ? whole : whole.subarray(0, length);
  }

  /** Gives back an array, and with it the whole buffer under it (its owner must not use either again). */
  give(array: Float64Array): void {
    const { buffer } = array;
    if (buffer.byteLength === 0 || this.pooled.has(buffer) || !(buffer instanceof ArrayBuffer)) return;
    if (this.freeBytes + buffer.byteLength > this.maxBytes) return;
    this.pooled.add(buffer);
    this.free.push(new Float64Array(buffer));
    this.freeBytes += buffer.byteLength;
  }

  /** Lets go of every free buffer. */
  clear(): void {
    this.free = [];
    this.pooled.clear();
    this.freeBytes = 0;
  }

  /** Bytes held free. */
  get bytes(): number {
    return this.freeBytes;
  }
}
