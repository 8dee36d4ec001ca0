/** The seed lesson's model and loss, written with the autograd ops exactly as the notebook writes them. */
import ndarray from 'ndarray';
import { Tensor } from '../autograd/tensor.ts';
import { add, sub } from '../autograd/ops/elementwise.ts';
import { matmul } from '../autograd/ops/matmul.ts';
import { mean } from '../autograd/ops/reduce.ts';
import { transpose } from '../autograd/ops/transpose.ts';
import { square } from '../autograd/ops/unary.ts';
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
    return add(matmul(x, transpose(this.w)), this.b);
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
  return mean(square(sub(prediction, target)));
}

/** A rows × cols leaf over an existing flat buffer (no copy): how batches enter a graph. */
export function matrixInput(data: Float64Array, rows: number, cols: number): Tensor {
  return new Tensor(ndarray(data, [rows, cols]));
}
