import type { Tensor } from '../autograd/tensor.ts';
import type { ChangeableName } from '../config/schema.ts';

/** What every optimizer's hyperparameters have. */
export interface BaseOptions {
  lr: number;
  weightDecay: number;
}

/**
 * A torch.optim-style optimizer over flat, contiguous parameters. Per-parameter state is
 * allocated in the constructor; `step()` allocates nothing. Its hyperparameters are its own
 * copy, read afresh at every step like torch's `param_groups[0]`, so `set` changes one
 * from the next step on.
 */
export abstract class Optimizer<O extends BaseOptions = BaseOptions> {
  /** Parameter values and their grads as flat arrays (parameters are contiguous leaves). */
  protected readonly values: Float64Array[];
  protected readonly grads: Float64Array[];
  protected readonly options: O;

  constructor(params: readonly Tensor[], options: O) {
    this.options = { ...options };
    this.values = params.map((p) => {
      if (p.value.offset !== 0 || p.value.data.length !== p.value.size) throw new Error('optimizer: parameters must be contiguous leaves');
      return p.value.data;
    });
    this.grads = params.map((p) => {
      if (!p.grad) throw new Error('optimizer: every parameter must require grad');
      return p.grad.data;
    });
  }

  get lr(): number {
    return this.options.lr;
  }

  /** The value of a hyperparameter this optimizer has (see OPTIMIZERS[…].changeable for those a race may change). */
  get(name: ChangeableName): number {
    const value = (this.options as unknown as Record<string, unknown>)[name];
    if (typeof value !== 'number') throw new Error(`optimizer: no hyperparameter ${name}`);
    return value;
  }

  /** Sets a hyperparameter from the next step on, like `optimizer.param_groups[0][name] = value`. */
  set(name: ChangeableName, value: number): void {
    this.get(name); // refuses a name this optimizer does not have
    (this.options as unknown as Record<string, number>)[name] = value;
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
