/**
 * Racer presets, named as in the seed lesson. GD, SGD and mini-batch are all torch.optim.SGD
 * with batch size "full", 1 or 4; the rest add one idea each. Learning rates suit the raw
 * crop data (inputs near 100, hence the notebook's 1e-5 for the SGD family).
 */
import type { RacerSpec } from '../core/config/schema.ts';

export interface Preset {
  name: string;
  /** One sentence for the preset menu: what this racer adds. */
  idea: string;
  racer: Omit<RacerSpec, 'id'>;
}

export const PRESETS: readonly Preset[] = [
  { name: 'GD', idea: 'One step per epoch on the gradient of the whole training set.', racer: { label: 'GD', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' } },
  { name: 'SGD', idea: 'One step per row: noisy, many cheap steps per epoch.', racer: { label: 'SGD', optimizer: 'sgd', lr: 1e-5, batchSize: 1 } },
  { name: 'Mini-batch', idea: 'One step per batch of 4 rows: between GD and SGD.', racer: { label: 'Mini-batch', optimizer: 'sgd', lr: 1e-5, batchSize: 4 } },
  { name: 'Momentum', idea: 'Heavy ball: steps keep 90% of their previous velocity.', racer: { label: 'Momentum', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, batchSize: 4 } },
  { name: 'Nesterov', idea: 'Momentum that looks ahead before it steps.', racer: { label: 'Nesterov', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, nesterov: true, batchSize: 4 } },
  { name: 'Adam', idea: 'Per-parameter step sizes from running averages of the gradient and its square.', racer: { label: 'Adam', optimizer: 'adam', lr: 0.1, batchSize: 4 } },
  { name: 'AdamW', idea: 'Adam with weight decay applied to the weights directly, not through the gradient.', racer: { label: 'AdamW', optimizer: 'adamw', lr: 0.1, batchSize: 4 } },
  { name: 'RMSprop', idea: 'Divides each step by a running root mean square of the gradient.', racer: { label: 'RMSprop', optimizer: 'rmsprop', lr: 0.01, batchSize: 4 } },
  { name: 'Adagrad', idea: 'Step sizes shrink with the sum of all squared gradients so far.', racer: { label: 'Adagrad', optimizer: 'adagrad', lr: 0.5, batchSize: 4 } },
];
