import type { Tensor } from '../autograd/tensor.ts';
import type { Racer } from '../config/schema.ts';
import { Adagrad } from './adagrad.ts';
import { Adam } from './adam.ts';
import type { Optimizer } from './optimizer.ts';
import { Rmsprop } from './rmsprop.ts';
import { Sgd } from './sgd.ts';

export { Optimizer } from './optimizer.ts';
export { Sgd, Rmsprop, Adagrad, Adam };

/** The torch.optim equivalent of a validated racer, over `params`. */
export function createOptimizer(racer: Racer, params: readonly Tensor[]): Optimizer {
  switch (racer.optimizer) {
    case 'sgd':
      return new Sgd(params, racer.options);
    case 'adam':
      return new Adam(params, racer.options, false);
    case 'adamw':
      return new Adam(params, racer.options, true);
    case 'rmsprop':
      return new Rmsprop(params, racer.options);
    case 'adagrad':
      return new Adagrad(params, racer.options);
  }
}
