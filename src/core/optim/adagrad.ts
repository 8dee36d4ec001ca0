import type { Tensor } from '../autograd/tensor.ts';
import { Optimizer } from './optimizer.ts';

export interface AdagradOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
}

/**
 * torch.optim.Adagrad (1.13), at step t = 1, 2, …:
 *   g = grad + weightDecay · p
 *   clr = lr / (1 + (t − 1) · lrDecay)
 *   sum = sum + g²            (sum starts at initialAccumulatorValue)
 *   p = p − clr · g / (sqrt(sum) + eps)
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  private readonly sums: Float64Array[];
  private t = 0;

  constructor(params: readonly Tensor[], options: AdagradOptions) {
    super(params, options);
    this.sums = this.stateLike(options.initialAccumulatorValue);
  }

  step(): void {
    const { lr, lrDecay, weightDecay, eps } = this.options;
    this.t++;
    const clr = lr / (1 + (this.t - 1) * lrDecay);
    for (let k = 0; k < this.values.length; k++) {
      const p = this.values[k], grad = this.grads[k], sum = this.sums[k];
      for (let i = 0; i < p.length; i++) {
        const g = weightDecay !== 0 ? grad[i] + weightDecay * p[i] : grad[i];
        sum[i] += g * g;
        p[i] -= (clr * g) / (Math.sqrt(sum[i]) + eps);
      }
    }
  }
}
