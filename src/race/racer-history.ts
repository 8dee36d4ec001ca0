/**
 * What the page keeps of one racer for its charts: the losses and the weights of every
 * epoch received, bounded (see DecimatedSeries), and the latest record. Full resolution
 * stays in the racer's worker; `RaceController.exportAll` fetches it.
 */
import type { EpochRecord } from '../core/race/record.ts';
import { DecimatedSeries, type SeriesPoints } from './decimated-series.ts';
import type { RecordBatch } from './protocol.ts';
import { recordAt } from './record-batch.ts';

/** Epochs kept at full resolution before windows start to merge. */
export const DEFAULT_HISTORY_CAP = 2048;
/** A large model's weight history gets fewer windows, to stay near this many values per racer. */
const WEIGHT_HISTORY_VALUES = 1 << 18;

export class RacerHistory {
  /** Component 0 the training loss, component 1 the hold-out loss when there is one. */
  readonly losses: DecimatedSeries;
  /** W, row-major. */
  readonly weights: DecimatedSeries;
  readonly biases: DecimatedSeries;
  /** The last record received, or null before epoch 0 arrives. */
  latest: EpochRecord | null = null;
  private readonly lossSample: Float64Array;

  constructor(
    readonly inputs: number,
    readonly outputs: number,
    readonly hasHoldout: boolean,
    cap = DEFAULT_HISTORY_CAP,
  ) {
    this.losses = new DecimatedSeries(hasHoldout ? 2 : 1, cap);
    // Five values per component and window: min, max, their epochs, and the last value.
    const weightCap = Math.max(16, Math.min(cap, Math.floor(WEIGHT_HISTORY_VALUES / (5 * outputs * (inputs + 1)))));
    this.weights = new DecimatedSeries(outputs * inputs, weightCap);
    this.biases = new DecimatedSeries(outputs, weightCap);
    this.lossSample = new Float64Array(this.losses.components);
  }

  /** Records received so far (epochs 0 … epochs − 1). */
  get epochs(): number {
    return this.losses.nextEpoch;
  }

  append(batch: RecordBatch): void {
    const { inputs: d, outputs: m } = this;
    for (let i = 0; i < batch.count; i++) {
      const epoch = batch.from + i;
      this.lossSample[0] = batch.loss[i];
      if (batch.holdoutLoss && this.hasHoldout) this.lossSample[1] = batch.holdoutLoss[i];
      this.losses.push(epoch, this.lossSample);
      this.weights.push(epoch, batch.w, i * m * d);
      this.biases.push(epoch, batch.b, i * m);
    }
    if (batch.count > 0) this.latest = recordAt(batch, batch.count - 1);
  }

  loss(): SeriesPoints {
    return this.losses.points(0);
  }

  holdoutLoss(): SeriesPoints | null {
    return this.hasHoldout ? this.losses.points(1) : null;
  }

  /** W[output][input] over the epochs. */
  weight(output: number, input: number): SeriesPoints {
    return this.weights.points(output * this.inputs + input);
  }

  bias(output: number): SeriesPoints {
    return this.biases.points(output);
  }
}
