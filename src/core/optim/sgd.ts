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
export class Sgd extends Optimizer<SgdOptions> {
  private readonly buffers: Float64Array[];
  /**
   * torch keeps no momentum buffer until a step with momentum ≠ 0 makes one from that step's
   * gradient: a momentum switched on mid-race starts there, not at the race's first step.
   */
  private hasBuffer = false;

  constructor(params: readonly Tensor[], options: SgdOptions) {
    super(params, options);
    this.buffers = this.stateLike();
  }

  step(): void {
    const { lr, momentum, dampening, nesterov, weightDecay } = this.options;
    const first = momentum !== 0 && !this.hasBuffer;
    if (momentum !== 0) this.hasBuffer = true;
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
