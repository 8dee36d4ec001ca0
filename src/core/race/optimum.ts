/**
 * The closed-form least-squares fit: the lowest training loss any racer can reach, the
 * finish line of the race. Solved on centred data (far better conditioned than the raw crop
 * numbers with a column of ones) through the eigen-decomposition of XcᵀXc, with a
 * pseudo-inverse so that collinear inputs or fewer rows than inputs still give the
 * minimum-norm answer.
 */
import type { Dataset } from '../data/dataset.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';

export interface Weights {
  /** outputs × inputs, as torch's `w` in `x @ w.t() + b`. */
  w: number[][];
  b: number[];
}

export interface Optimum extends Weights {
  loss: number;
  holdoutLoss?: number;
}

/** Mean squared error of `x Wᵀ + b` against the data's targets, over all elements. */
export function mseOf(data: Dataset, { w, b }: Weights): number {
  const { rows, inputs: d, outputs: m, x, y } = data;
  let s = 0;
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < m; o++) {
      let p = b[o];
      const wo = w[o];
      for (let j = 0; j < d; j++) p += x[r * d + j] * wo[j];
      const e = p - y[r * m + o];
      s += e * e;
    }
  }
  return s / (rows * m);
}

export function leastSquares(train: Dataset, holdout: Dataset | null = null): Optimum {
  const { rows: n, inputs: d, outputs: m, x, y } = train;
  const xMean = new Float64Array(d);
  const yMean = new Float64Array(m);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) xMean[j] += x[r * d + j] / n;
    for (let o = 0; o < m; o++) yMean[o] += y[r * m + o] / n;
  }
  const gram = new Float64Array(d * d);
  const cross = new Float64Array(d * m);
  const xc = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) xc[j] = x[r * d + j] - xMean[j];
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) gram[i * d + j] += xc[i] * xc[j];
      for (let o = 0; o < m; o++) cross[i * m + o] += xc[i] * (y[r * m + o] - yMean[o]);
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) gram[i * d + j] = gram[j * d + i];

  const { values, vectors } = symmetricEigen(gram, d);
  const largest = Math.max(0, ...values);
  const cutoff = largest * d * 1e-13;
  // Wᵀ = V Λ⁺ Vᵀ C
  const w = Array.from({ length: m }, () => new Array<number>(d).fill(0));
  for (let k = 0; k < d; k++) {
    if (values[k] <= cutoff) continue;
    for (let o = 0; o < m; o++) {
      let proj = 0;
      for (let i = 0; i < d; i++) proj += vectors[i * d + k] * cross[i * m + o];
      proj /= values[k];
      for (let j = 0; j < d; j++) w[o][j] += vectors[j * d + k] * proj;
    }
  }
  const b = Array.from({ length: m }, (_, o) => yMean[o] - w[o].reduce((s, wj, j) => s + wj * xMean[j], 0));
  const optimum: Optimum = { w, b, loss: mseOf(train, { w, b }) };
  if (holdout) optimum.holdoutLoss = mseOf(holdout, { w, b });
  return optimum;
}
