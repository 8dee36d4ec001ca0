import type { Tensor } from '../autograd/tensor.ts';
import { Optimizer } from './optimizer.ts';

export interface RmspropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
}

/**
 * torch.optim.RMSprop (1.13):
 *   g = grad + weightDecay · p
 *   v = alpha · v + (1 − alpha) · g²
 *   centered: m = alpha · m + (1 − alpha) · g;  avg = sqrt(v − m²) + eps
 *   else:     avg = sqrt(v) + eps
 *   momentum > 0: buf = momentum · buf + g / avg;  p = p − lr · buf
 *   else:         p = p − lr · g / avg
 */
export class Rmsprop extends Optimizer<RmspropOptions> {
  private readonly squareAvg: Float64Array[];
  private readonly gradAvg: Float64Array[];
  private readonly buffers: Float64Array[];

  constructor(params: readonly Tensor[], options: RmspropOptions) {
    super(params, options);
    this.squareAvg = this.stateLike();
    this.gradAvg = this.stateLike();
    this.buffers = this.stateLike();
  }

  step(): void {
    const { lr, alpha, eps, weightDecay, momentum, centered } = this.options;
    for (let k = 0; k < this.values.length; k++) {
      const p = this.values[k], grad = this.grads[k];
      const v = this.squareAvg[k], m = this.gradAvg[k], buf = this.buffers[k];
      for (let i = 0; i < p.length; i++) {
        const g = weightDecay !== 0 ? grad[i] + weightDecay * p[i] : grad[i];
        v[i] = alpha * v[i] + (1 - alpha) * g * g;
        let avg: number;
        if (centered) {
          m[i] = alpha * m[i] + (1 - alpha) * g;
          avg = Math.sqrt(v[i] - m[i] * m[i]) + eps;
        } else {
          avg = Math.sqrt(v[i]) + eps;
        }
        if (momentum > 0) {
          buf[i] = momentum * buf[i] + g / avg;
          p[i] -= lr * buf[i];
        } else {
          p[i] -= (lr * g) / avg;
        }
      }
    }
  }
}
