/**
 * A bounded history of samples at consecutive epochs, for charts. Every epoch is kept
 * until `capacity` windows are full; then neighbouring windows merge pairwise (windows of
 * 2, then 4, 8… epochs), each keeping per component its minimum, its maximum and its last
 * value with their epochs. Min, max and last of a union follow from those of its parts, so
 * merging loses nothing a chart's envelope needs: spikes and the current value survive at
 * any zoom-out, and memory stays capacity × components.
 */

/** Points of one component, in epoch order. */
export interface SeriesPoints {
  epoch: Float64Array;
  value: Float64Array;
}

export class DecimatedSeries {
  /** Epochs per window: 1 until the first merge. */
  span = 1;
  /** Windows in use. */
  windows = 0;
  /** The epoch the next sample must have. */
  nextEpoch = 0;
  readonly capacity: number;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly minAt: Float64Array;
  private readonly maxAt: Float64Array;
  private readonly last: Float64Array;
  private readonly lastAt: Float64Array;

  constructor(
    readonly components: number,
    capacity: number,
  ) {
    // Even, so windows merge in pairs.
    this.capacity = Math.max(2, capacity - (capacity % 2));
    const size = this.capacity * components;
    this.min = new Float64Array(size);
    this.max = new Float64Array(size);
    this.minAt = new Float64Array(size);
    this.maxAt = new Float64Array(size);
    this.last = new Float64Array(size);
    this.lastAt = new Float64Array(this.capacity);
  }

  /** Appends the sample of the next epoch: `components` values from `values[offset]` on. */
  push(epoch: number, values: ArrayLike<number>, offset = 0): void {
    if (epoch !== this.nextEpoch) throw new Error(`series: sample of epoch ${epoch}, expected ${this.nextEpoch}`);
    let win = Math.floor(epoch / this.span);
    if (win === this.capacity) {
      this.mergePairs();
      win = Math.floor(epoch / this.span);
    }
    const c = this.components;
    const { min, max, minAt, maxAt, last } = this;
    const base = win * c;
    if (win === this.windows) {
      for (let k = 0; k < c; k++) {
        const v = values[offset + k];
        min[base + k] = max[base + k] = last[base + k] = v;
        minAt[base + k] = maxAt[base + k] = epoch;
      }
      this.windows++;
    } else {
      for (let k = 0; k < c; k++) {
        const i = base + k;
        const v = values[offset + k];
        if (lower(v, min[i])) {
          min[i] = v;
          minAt[i] = epoch;
        }
        if (higher(v, max[i])) {
          max[i] = v;
          maxAt[i] = epoch;
        }
        last[i] = v;
      }
    }
    this.lastAt[win] = epoch;
    this.nextEpoch++;
  }

  /** The kept points of one component: per window its min, max and last, in epoch order. */
  points(component = 0): SeriesPoints {
    const c = this.components;
    const epoch = new Float64Array(this.windows * 3);
    const value = new Float64Array(this.windows * 3);
    let n = 0;
    const add = (at: number, v: number): void => {
      // Within a window, points arrive sorted; equal epochs are the same sample.
      if (n > 0 && epoch[n - 1] === at) return;
      epoch[n] = at;
      value[n] = v;
      n++;
    };
    for (let w = 0; w < this.windows; w++) {
      const i = w * c + component;
      const picks: [number, number][] = [
        [this.minAt[i], this.min[i]],
        [this.maxAt[i], this.max[i]],
        [this.lastAt[w], this.last[i]],
      ];
      picks.sort((a, b) => a[0] - b[0]);
      for (const [at, v] of picks) add(at, v);
    }
    return { epoch: epoch.slice(0, n), value: value.slice(0, n) };
  }

  private mergePairs(): void {
    const c = this.components;
    const half = this.capacity / 2;
    for (let w = 0; w < half; w++) {
      const a = 2 * w;
      const b = a + 1;
      for (let k = 0; k < c; k++) {
        const to = w * c + k;
        const i = a * c + k;
        const j = b * c + k;
        // Ties keep the earlier epoch, as a fresh sample would not replace an equal min.
        const minFromB = lower(this.min[j], this.min[i]);
        const maxFromB = higher(this.max[j], this.max[i]);
        this.min[to] = minFromB ? this.min[j] : this.min[i];
        this.minAt[to] = minFromB ? this.minAt[j] : this.minAt[i];
        this.max[to] = maxFromB ? this.max[j] : this.max[i];
        this.maxAt[to] = maxFromB ? this.maxAt[j] : this.maxAt[i];
        this.last[to] = this.last[j];
      }
      this.lastAt[w] = this.lastAt[b];
    }
    this.windows = half;
    this.span *= 2;
  }
}

/** v is below the current minimum; NaN (a null loss) is never an extreme while a number is there. */
function lower(v: number, current: number): boolean {
  return v < current || (Number.isNaN(current) && !Number.isNaN(v));
}

function higher(v: number, current: number): boolean {
  return v > current || (Number.isNaN(current) && !Number.isNaN(v));
}
