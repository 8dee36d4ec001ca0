import type { Tensor } from '../autograd/tensor.ts';

/**
 * A torch.optim-style optimizer over flat, contiguous parameters. Per-parameter state is
 * allocated in the constructor; `step()` allocates nothing.
 */
export abstract class Optimizer {
  /** Parameter values and their grads as flat arrays (parameters are contiguous leaves). */
  protected readonly values: Float64Array[];
  protected readonly grads: Float64Array[];

  constructor(params: readonly Tensor[], public lr: number) {
    this.values = params.map((p) => {
      if (p.value.offset !== 0 || p.value.data.length !== p.value.size) throw new Error('optimizer: parameters must be contiguous leaves');
      return p.value.data;
    });
    this.grads = params.map((p) => {
      if (!p.grad) throw new Error('optimizer: every parameter must require grad');
      return p.grad.data;
    });
  }

  /** Sets every parameter's grad to zero, like `optimizer.zero_grad(set_to_none=False)`. */
  zeroGrad(): void {
    // A plain loop: TypedArray.fill costs more than the whole update on a 2×3 model.
    const grads = this.grads;
    for (let k = 0; k < grads.length; k++) {
      const g = grads[k];
      for (let i = 0; i < g.length; i++) g[i] = 0;
    }
  }

  abstract step(): void;

  /** State buffers of the same sizes as the parameters, filled with `value`. */
  protected stateLike(value = 0): Float64Array[] {
    return this.values.map((v) => new Float64Array(v.length).fill(value));
  }
}
