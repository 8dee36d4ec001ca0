/** From a validated config to what every racer shares: data, initial weights, the finish line. */
import type { RaceConfig } from '../config/schema.ts';
import type { ValidRace } from '../config/validate.ts';
import { fitStandardization, standardize, type Dataset, type Standardization } from '../data/dataset.ts';
import { Rng } from '../random.ts';
import { leastSquares, type Optimum, type Weights } from './optimum.ts';

export interface PreparedRace {
  config: RaceConfig;
  /** Training data, standardized when `normalize` is on. */
  train: Dataset;
  holdout: Dataset | null;
  /** The training-set statistics the inputs were standardized with, or null. */
  standardization: Standardization | null;
  /** The weights every racer starts from. */
  init: Weights;
  /** The closed-form least-squares fit on the training set. */
  optimum: Optimum;
}

/** Standard normal weights from a seed, drawn in torch.randn(outputs, inputs), torch.randn(outputs) order. */
export function randomInit(seed: number, inputs: number, outputs: number): Weights {
  const rng = new Rng(seed, 'init');
  const w = Array.from({ length: outputs }, () => Array.from({ length: inputs }, () => rng.normal()));
  const b = Array.from({ length: outputs }, () => rng.normal());
  return { w, b };
}

export function prepareRace({ config, train: raw, holdout: rawHoldout }: ValidRace): PreparedRace {
  const standardization = config.normalize ? fitStandardization(raw) : null;
  const train = standardization ? standardize(raw, standardization) : raw;
  const holdout = rawHoldout && standardization ? standardize(rawHoldout, standardization) : rawHoldout;
  const init = config.init && 'w' in config.init ? { w: config.init.w, b: config.init.b } : randomInit(config.init?.seed ?? config.seed, train.inputs, train.outputs);
  return { config, train, holdout, standardization, init, optimum: leastSquares(train, holdout) };
}
