/**
 * Finite-difference gradient check: perturbs every element of every leaf by ±h, replays
 * the traced graph, and compares the central difference with the autograd gradient.
 */
import { Graph, type Tensor } from '../../src/core/autograd/tensor.ts';

export function gradcheck(output: Tensor, leaves: readonly Tensor[], h = 1e-6): { maxError: number; where: string } {
  const graph = new Graph(output);
  for (const leaf of leaves) leaf.grad!.data.fill(0);
  graph.forward();
  graph.backward();
  let maxError = 0;
  let where = '';
  leaves.forEach((leaf, l) => {
    const data = leaf.value.data;
    const grad = leaf.grad!.data;
    for (let i = 0; i < data.length; i++) {
      const saved = data[i];
      data[i] = saved + h;
      const up = graph.forward();
      data[i] = saved - h;
      const down = graph.forward();
      data[i] = saved;
      const numeric = (up - down) / (2 * h);
      const error = Math.abs(numeric - grad[i]) / Math.max(1, Math.abs(numeric), Math.abs(grad[i]));
      if (error > maxError) {
        maxError = error;
        where = `leaf ${l} element ${i}: autograd ${grad[i]}, finite difference ${numeric}`;
      }
    }
  });
  graph.forward();
  return { maxError, where };
}
