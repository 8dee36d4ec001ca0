/**
 * A racer's cost per epoch that can be trusted: epochs' measured times are summed in windows
 * of at least WINDOW_MS of training (a coarse browser clock ticks every 100 µs, and an epoch
 * can take 5), each window gives one sample (its time over its epochs), and the cost is the
 * samples' median with their quartiles as the spread, each sample counting as many times as
 * it has epochs. Counted by epochs, not by windows: a chunk of epochs stretched tenfold by a
 * busy machine fills ten times as many windows, and a median of windows would follow it.
 * Before the first window closes, the running mean stands in.
 */
export const WINDOW_MS = 2;
/** Samples kept: the most recent, enough for a steady median. */
const MAX_SAMPLES = 1024;

export interface CostStats {
  /** Median ms per epoch over the samples (the running mean while there are none). */
  median: number;
  /** First and third quartiles of the samples (both the median while there are fewer than 4). */
  low: number;
  high: number;
  /** Windows measured. */
  samples: number;
  /** Epochs measured in all. */
  epochs: number;
}

export class CostSampler {
  private windowMs = 0;
  private windowEpochs = 0;
  private totalMs = 0;
  private totalEpochs = 0;
  private readonly samples: Sample[] = [];
  private stats: CostStats | null = null;

  /** Adds epochs' measured times (epoch 0 trains nothing: leave it out). */
  add(ms: ArrayLike<number>, from = 0, to = ms.length): void {
    for (let i = from; i < to; i++) {
      this.windowMs += ms[i];
      this.windowEpochs++;
      if (this.windowMs >= WINDOW_MS) {
        this.samples.push({ cost: this.windowMs / this.windowEpochs, epochs: this.windowEpochs });
        if (this.samples.length > MAX_SAMPLES) this.samples.shift();
        this.totalMs += this.windowMs;
        this.totalEpochs += this.windowEpochs;
        this.windowMs = 0;
        this.windowEpochs = 0;
      }
    }
    if (to > from) this.stats = null;
  }

  /** The cost so far, or null before any epoch was measured. */
  get cost(): CostStats | null {
    if (this.stats) return this.stats;
    const epochs = this.totalEpochs + this.windowEpochs;
    if (epochs === 0) return null;
    if (this.samples.length === 0) {
      const mean = (this.totalMs + this.windowMs) / epochs;
      return (this.stats = { median: mean, low: mean, high: mean, samples: 0, epochs });
    }
    const sorted = [...this.samples].sort((a, b) => a.cost - b.cost);
    const median = weightedQuantile(sorted, 0.5);
    const spread = sorted.length >= 4;
    return (this.stats = { median, low: spread ? weightedQuantile(sorted, 0.25) : median, high: spread ? weightedQuantile(sorted, 0.75) : median, samples: sorted.length, epochs });
  }
}

interface Sample {
  /** ms per epoch over the window. */
  cost: number;
  epochs: number;
}

/**
 * The q-quantile of samples sorted by cost, each repeated `epochs` times: interpolated
 * between neighbours as `quantile` does, so with one epoch per sample it is `quantile`.
 */
function weightedQuantile(sorted: readonly Sample[], q: number): number {
  let total = 0;
  for (const s of sorted) total += s.epochs;
  const at = (total - 1) * q;
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const s of sorted) {
      seen += s.epochs;
      if (index < seen) return s.cost;
    }
    return sorted[sorted.length - 1].cost;
  };
  const lo = valueAt(Math.floor(at));
  return lo + (valueAt(Math.ceil(at)) - lo) * (at - Math.floor(at));
}

/** The q-quantile of sorted values, interpolated between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
