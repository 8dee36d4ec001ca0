/**
 * How far weights are from the closed-form optimum: the Euclidean norm of [W − W*, b − b*]
 * over every parameter. NaN when a weight is not finite.
 */
import type { Weights } from '../../core/race/optimum.ts';

export function distanceToOptimum(weights: Weights, optimum: Weights): number {
  let sum = 0;
  weights.w.forEach((row, o) => row.forEach((w, j) => (sum += (w - optimum.w[o][j]) ** 2)));
  weights.b.forEach((b, o) => (sum += (b - optimum.b[o]) ** 2));
  return Math.sqrt(sum);
}
