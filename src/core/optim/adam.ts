import type { Tensor } from '../autograd/tensor.ts';
import { Optimizer } from './optimizer.ts';

export interface AdamOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
}

/**
 * torch.optim.Adam and, with `decoupled`, torch.optim.AdamW (1.13), at step t = 1, 2, …:
 *   Adam:  g = grad + weightDecay · p          (L2 penalty coupled into the gradient)
 *   AdamW: p = p · (1 − lr · weightDecay)      (decoupled decay), g = grad
 *   m = beta1 · m + (1 − beta1) · g
 *   v = beta2 · v + (1 − beta2) · g²
 *   vmax = max(vmax, v) with amsgrad, and v̂ = vmax, else v̂ = v
 *   p = p − (lr / (1 − beta1^t)) · m / (sqrt(v̂) / sqrt(1 − beta2^t) + eps)
 */
export class Adam extends Optimizer<AdamOptions> {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private readonly vMax: Float64Array[];
  private t = 0;

  constructor(params: readonly Tensor[], options: AdamOptions, private readonly decoupled = false) {
    super(params, options);
    this.m = this.stateLike();
    this.v = this.stateLike();
    this.vMax = options.amsgrad ? this.stateLike() : [];
  }

  step(): void {
    const { lr, betas, eps, weightDecay, amsgrad } = this.options;
    const [beta1, beta2] = betas;
    this.t++;
    const stepSize = lr / (1 - beta1 ** this.t);
    const bias2Sqrt = Math.sqrt(1 - beta2 ** this.t);
    const decay = this.decoupled ? 1 - lr * weightDecay : 1;
    const l2 = this.decoupled ? 0 : weightDecay;
    for (let k = 0; k < this.values.length; k++) {
      const p = this.values[k], grad = this.grads[k], m = this.m[k], v = this.v[k];
      const vMax = amsgrad ? this.vMax[k] : v;
      for (let i = 0; i < p.length; i++) {
        if (decay !== 1) p[i] *= decay;
        const g = l2 !== 0 ? grad[i] + l2 * p[i] : grad[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        if (amsgrad) vMax[i] = Math.max(vMax[i], v[i]); // NaN-propagating, like torch.maximum
        const denom = Math.sqrt(vMax[i]) / bias2Sqrt + eps;
        p[i] -= (stepSize * m[i]) / denom;
      }
    }
  }
}
