/**
 * What a model predicts for every row of a data set: x·Wᵀ + b, one value per row and
 * output, beside its target. For the predictions-against-targets chart.
 */
import type { Dataset } from '../../core/data/dataset.ts';
import type { Weights } from '../../core/race/optimum.ts';
import type { HistoryPoint, RacerView } from '../view-model.ts';

export interface Prediction {
  row: number;
  output: number;
  target: number;
  prediction: number;
}

/** Every row's predictions, or only those of `rows` (indices, e.g. a rowSample). */
export function predictions(data: Dataset, { w, b }: Weights, rows?: readonly number[]): Prediction[] {
  const { inputs: d, outputs: m, x, y } = data;
  const out: Prediction[] = [];
  const count = rows ? rows.length : data.rows;
  for (let i = 0; i < count; i++) {
    const row = rows ? rows[i] : i;
    for (let output = 0; output < m; output++) {
      let prediction = b[output];
      for (let j = 0; j < d; j++) prediction += x[row * d + j] * w[output][j];
      out.push({ row, output, target: y[row * m + output], prediction });
    }
  }
  return out;
}

/**
 * Whose weights a predictions view shows: the racer's latest, or, before it has any, the
 * start every racer shares (null when there is neither).
 */
export function shownWeights(racer: RacerView | null, start: HistoryPoint | null): { whose: string; weights: HistoryPoint } | null {
  if (racer?.latest) return { whose: racer.label, weights: racer.latest };
  return start ? { whose: 'the start weights (every racer)', weights: start } : null;
}
