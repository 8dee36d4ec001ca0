/**
 * The seed lesson's model and loss. The notebook writes them as `x @ w.t() + b` and
 * `(p - t).square().mean()`; here they are the fused ops PyTorch itself records for
 * nn.Linear and nn.MSELoss (one node each), which the tests check against the composite
 * form. Training replays both fused further into one node (`loss`): fewer nodes is what
 * makes a step on a tiny batch cheap.
 */
import ndarray from 'ndarray';
import { Tensor } from '../autograd/tensor.ts';
import { linear } from '../autograd/ops/linear.ts';
import { linearMseLoss } from '../autograd/ops/linear-mse-loss.ts';
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

  /**
   * The MSE of the model on (x, y) as one fused node: what a training step replays. The
   * same value and gradients as mseLoss(forward(x), y), the form the notebook writes.
   */
  loss(x: Tensor, y: Tensor): Tensor {
    return linearMseLoss(x, this.w, this.b, y);
  }

  parameters(): Tensor[] {
    return [this.w, this.b];
  }

  /** A copy of the weights as plain arrays, read straight from the contiguous leaves (a record is made every epoch). */
  weights(): Weights {
    const [m, d] = this.w.shape;
    const wd = this.w.value.data, bd = this.b.value.data;
    const w: number[][] = new Array(m);
    const b: number[] = new Array(m);
    for (let o = 0; o < m; o++) {
      const row: number[] = new Array(d);
      for (let j = 0; j < d; j++) row[j] = wd[o * d + j];
      w[o] = row;
      b[o] = bd[o];
    }
    return { w, b };
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
