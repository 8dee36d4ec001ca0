import type { RaceConfigSpec } from './core/config/schema.ts';

/**
 * The seed lesson's race: the 15-row crop data, and GD, SGD, mini-batch SGD, momentum,
 * Nesterov and Adam from the same seeded weights. Inputs are raw (unnormalized), which is
 * why the SGD family needs the notebook's lr of 1e-5.
 */
export const defaultRace: RaceConfigSpec = {
  name: 'The seed lesson: apples and oranges',
  data: 'crops15',
  epochs: 300,
  seed: 42,
  racers: [
    { id: 'gd', label: 'GD', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' },
    { id: 'sgd', label: 'SGD', optimizer: 'sgd', lr: 1e-5, batchSize: 1 },
    { id: 'mini', label: 'Mini-batch', optimizer: 'sgd', lr: 1e-5, batchSize: 4 },
    { id: 'momentum', label: 'Momentum', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, batchSize: 4 },
    { id: 'nesterov', label: 'Nesterov', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, nesterov: true, batchSize: 4 },
    { id: 'adam', label: 'Adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
  ],
};
