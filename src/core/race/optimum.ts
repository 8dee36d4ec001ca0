/**
 * The closed-form least-squares fit: the lowest training loss any racer can reach, the
 * finish line of the race. Solved on centred data (far better conditioned than the raw crop
 * numbers with a column of ones), its columns scaled to unit length, through the
 * eigen-decomposition of XcᵀXc, with a pseudo-inverse so that collinear inputs or fewer
 * rows than inputs still give the minimum-norm answer.
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

  // Equilibrate: solve with every centred column scaled to unit length, so that inputs in
  // very different units (a count in the millions beside a rate in thousandths, whose raw
  // eigenvalues differ by 1e16) are not cut off as if they were collinear.
  const scale = new Float64Array(d);
  for (let j = 0; j < d; j++) scale[j] = gram[j * d + j] > 0 ? 1 / Math.sqrt(gram[j * d + j]) : 1;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) gram[i * d + j] *= scale[i] * scale[j];
    for (let o = 0; o < m; o++) cross[i * m + o] *= scale[i];
  }

  const { values, vectors } = symmetricEigen(gram, d);
  const largest = Math.max(0, ...values);
  const cutoff = largest * d * 1e-13;
  // Wᵀ = S V Λ⁺ Vᵀ S C, S the column scales
  const w = Array.from({ length: m }, () => new Array<number>(d).fill(0));
  const nullSpace: Float64Array[] = [];
  for (let k = 0; k < d; k++) {
    if (values[k] <= cutoff) {
      nullSpace.push(Float64Array.from({ length: d }, (_, j) => scale[j] * vectors[j * d + k]));
      continue;
    }
    for (let o = 0; o < m; o++) {
      let proj = 0;
      for (let i = 0; i < d; i++) proj += vectors[i * d + k] * cross[i * m + o];
      proj /= values[k];
      for (let j = 0; j < d; j++) w[o][j] += scale[j] * vectors[j * d + k] * proj;
    }
  }
  // Scaling moved the minimum-norm answer: remove each row's part along the directions the
  // data cannot see (S·v for the dropped v), which leaves the loss unchanged.
  for (const q of orthonormalize(nullSpace)) {
    for (const row of w) {
      const along = row.reduce((s, wj, j) => s + wj * q[j], 0);
      for (let j = 0; j < d; j++) row[j] -= along * q[j];
    }
  }
  const b = Array.from({ length: m }, (_, o) => yMean[o] - w[o].reduce((s, wj, j) => s + wj * xMean[j], 0));
  const optimum: Optimum = { w, b, loss: mseOf(train, { w, b }) };
  if (holdout) optimum.holdoutLoss = mseOf(holdout, { w, b });
  return optimum;
}

/** An orthonormal basis of the span of `vectors` (modified Gram–Schmidt). */
function orthonormalize(vectors: readonly Float64Array[]): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const v of vectors) {
    const u = Float64Array.from(v);
    for (const q of basis) {
      const along = u.reduce((s, x, j) => s + x * q[j], 0);
      for (let j = 0; j < u.length; j++) u[j] -= along * q[j];
    }
    const norm = Math.hypot(...u);
    if (norm > 1e-8 * Math.hypot(...v)) basis.push(u.map((x) => x / norm));
  }
  return basis;
}
