import type { Tensor } from '../autograd/tensor.ts';
import { Optimizer } from './optimizer.ts';

export interface SgdOptions {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
}

/**
 * torch.optim.SGD (1.13). Plain, heavy-ball and Nesterov momentum are one rule behind flags:
 *   g = grad + weightDecay · p
 *   buf = g on the first step, else momentum · buf + (1 − dampening) · g
 *   g = g + momentum · buf (nesterov) or buf (momentum > 0)
 *   p = p − lr · g
 */
export class Sgd extends Optimizer {
  private readonly buffers: Float64Array[];
  private started = false;

  constructor(params: readonly Tensor[], private readonly options: SgdOptions) {
    super(params, options.lr);
    this.buffers = this.stateLike();
  }

  step(): void {
    const { momentum, dampening, nesterov, weightDecay } = this.options;
    const lr = this.lr;
    const first = !this.started;
    this.started = true;
    for (let k = 0; k < this.values.length; k++) {
      const p = this.values[k], grad = this.grads[k], buf = this.buffers[k];
      for (let i = 0; i < p.length; i++) {
        let g = weightDecay !== 0 ? grad[i] + weightDecay * p[i] : grad[i];
        if (momentum !== 0) {
          const b = first ? g : momentum * buf[i] + (1 - dampening) * g;
          buf[i] = b;
          g = nesterov ? g + momentum * b : b;
        }
        p[i] -= lr * g;
      }
    }
  }
}
