/**
 * How many consecutive epochs of one racer to train between two clock reads. An epoch of a
 * small model takes a few microseconds: timed alone, it would be mostly the clock's own cost
 * and its rounding (a browser's clock ticks at 5–100 µs). So epochs are trained in chunks of
 * about CHUNK_MS, and each epoch of a chunk is given the chunk's time over its length. The
 * CLI and the race workers size their chunks by this one rule, so their costs per epoch
 * mean the same thing.
 */

/** A chunk aims at this much training time. */
export const CHUNK_MS = 1;
/** Below this a chunk's time is too close to a coarse clock's tick to size the next one by. */
const MEASURABLE_MS = 0.3;
export const MAX_CHUNK = 1 << 16;

/** The next chunk's length after a chunk of `chunk` epochs that took `elapsedMs`. */
export function nextChunk(chunk: number, elapsedMs: number): number {
  // One too short to measure grows fourfold; otherwise scale to CHUNK_MS.
  if (elapsedMs < MEASURABLE_MS) return Math.min(MAX_CHUNK, chunk * 4);
  return Math.max(1, Math.min(MAX_CHUNK, Math.round((chunk * CHUNK_MS) / elapsedMs)));
}
