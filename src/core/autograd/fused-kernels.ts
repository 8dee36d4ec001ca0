/**
 * Kernels of the fused linear-regression loss over contiguous row-major Float64Arrays
 * (x [n, d], w [m, d], b [m], y [n, m]). Like kernels.ts they take the output first and never
 * allocate; unlike them they take no strides, because the one op that uses them checks its
 * inputs are contiguous, and a seed-lesson step is too small to afford the stride arithmetic.
 */

/** r = x · wᵀ + b − y; returns Σ r². Each prediction is summed in the order kernels.ts's linear sums it. */
export function linearResidual(r: Float64Array, x: Float64Array, w: Float64Array, b: Float64Array, y: Float64Array, n: number, d: number, m: number): number {
  let total = 0;
  for (let i = 0, xi = 0, ri = 0; i < n; i++, xi += d, ri += m) {
    for (let o = 0, wo = 0; o < m; o++, wo += d) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[xi + j] * w[wo + j];
      const e = s + b[o] - y[ri + o];
      r[ri + o] = e;
      total += e * e;
    }
  }
  return total;
}

/** dW += alpha · rᵀ · x and dB += alpha · (column sums of r), accumulated row by row. */
export function addResidualGrads(dW: Float64Array, dB: Float64Array, alpha: number, r: Float64Array, x: Float64Array, n: number, d: number, m: number): void {
  for (let i = 0, xi = 0, ri = 0; i < n; i++, xi += d, ri += m) {
    for (let o = 0, wo = 0; o < m; o++, wo += d) {
      const e = alpha * r[ri + o];
      dB[o] += e;
      for (let j = 0; j < d; j++) dW[wo + j] += e * x[xi + j];
    }
  }
}
