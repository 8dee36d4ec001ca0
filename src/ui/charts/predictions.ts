/**
 * What a model predicts for every row of a data set: x·Wᵀ + b, one value per row and
 * output, beside its target. For the predictions-against-targets chart.
 */
import type { Dataset } from '../../core/data/dataset.ts';
import type { Weights } from '../../core/race/optimum.ts';

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
