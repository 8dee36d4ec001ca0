/**
 * The largest learning rate at which full-batch gradient descent on the MSE loss does not
 * diverge: 2/λmax, λmax the largest eigenvalue of the loss's Hessian w.r.t. [W, b].
 *
 * With A = [X 1] (n rows) and m outputs, torch's MSELoss (the mean over n·m values) is
 *   L(θ) = 1/(n·m) · Σₒ ‖A θₒ − yₒ‖²,   so   ∇²L = 2/(n·m) · AᵀA   for every output's block,
 * and λmax = 2·μmax/(n·m) with μmax the largest eigenvalue of AᵀA. GD multiplies the error
 * along that direction by (1 − lr·λmax) each step: it shrinks only while lr < 2/λmax.
 * Returns Infinity for data with no curvature (all-zero A cannot happen: the bias column is 1).
 */
import type { Dataset } from '../data/dataset.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';

export function gdStabilityLimit(data: Dataset): number {
  const { rows: n, inputs: d, outputs: m, x } = data;
  const k = d + 1;
  const gram = new Float64Array(k * k);
  const a = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) a[j] = x[r * d + j];
    a[d] = 1;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) gram[i * k + j] += a[i] * a[j];
  }
  const mu = Math.max(...symmetricEigen(gram, k).values);
  const lambdaMax = (2 * mu) / (n * Math.max(1, m));
  return lambdaMax > 0 ? 2 / lambdaMax : Infinity;
}
