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

export function predictions(data: Dataset, { w, b }: Weights): Prediction[] {
  const { rows, inputs: d, outputs: m, x, y } = data;
  const out: Prediction[] = [];
  for (let row = 0; row < rows; row++) {
    for (let output = 0; output < m; output++) {
      let prediction = b[output];
      for (let j = 0; j < d; j++) prediction += x[row * d + j] * w[output][j];
      out.push({ row, output, target: y[row * m + output], prediction });
    }
  }
  return out;
}
