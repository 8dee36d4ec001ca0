/**
 * The seed lesson's model and loss. The notebook writes them as `x @ w.t() + b` and
 * `(p - t).square().mean()`; here they are the fused ops PyTorch itself records for
 * nn.Linear and nn.MSELoss (one node each), which the tests check against the composite
 * form. Fewer nodes is what makes a step on a tiny batch cheap.
 */
import ndarray from 'ndarray';
import { Tensor } from '../autograd/tensor.ts';
import { linear } from '../autograd/ops/linear.ts';
import { mseLoss as mseLossOp } from '../autograd/ops/mse-loss.ts';
import type { Weights } from './optimum.ts';

/** Linear regression y = x Wᵀ + b, W of shape [outputs, inputs] and b of [outputs]. */
export class LinearRegression {
  readonly w: Tensor;
  readonly b: Tensor;

  constructor(init: Weights) {
    this.w = Tensor.from(init.w, true);
    this.b = Tensor.from(init.b, true);
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.w, this.b);
  }

  parameters(): Tensor[] {
    return [this.w, this.b];
  }

  weights(): Weights {
    return { w: this.w.toArray() as number[][], b: this.b.toArray() as number[] };
  }
}

/** Mean squared error over all elements, as torch.nn.MSELoss() (reduction 'mean'). */
export function mseLoss(prediction: Tensor, target: Tensor): Tensor {
  return mseLossOp(prediction, target);
}

/** A rows × cols leaf over an existing flat buffer (no copy): how batches enter a graph. */
export function matrixInput(data: Float64Array, rows: number, cols: number): Tensor {
  return new Tensor(ndarray(data, [rows, cols]));
}
