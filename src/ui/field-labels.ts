/**
 * Validator messages as the page shows them: the config path they start with
 * (`racers[0].lr`, `data.synthetic.n`) becomes the field's label as the user sees it
 * ("Learning rate of GD", "Rows of the synthetic data"). One table of labels; a path it
 * does not know stays as it is. The CLI prints the messages unchanged (paths are what a
 * config file's author needs).
 */
import { leadingPath } from '../core/config/errors.ts';
import type { RaceConfigSpec } from '../core/config/schema.ts';
import { sweepFieldLabel } from './sweep/sweep-draft.ts';

/** Labels of a racer's fields, by key ("Learning rate of GD"). */
const RACER_FIELDS: Record<string, string> = {
  id: 'Id',
  label: 'Label',
  optimizer: 'Optimizer',
  color: 'Colour',
  batchSize: 'Batch size',
  lr: 'Learning rate',
  momentum: 'Momentum',
  dampening: 'Dampening',
  nesterov: 'Nesterov',
  weightDecay: 'Weight decay',
  betas: 'Betas',
  'betas[0]': 'β₁',
  'betas[1]': 'β₂',
  eps: 'Eps',
  amsgrad: 'AMSGrad',
  alpha: 'Alpha',
  centered: 'Centered',
  lrDecay: 'Learning-rate decay',
  initialAccumulatorValue: 'Initial accumulator value',
};

/** Labels of the other fields, by path. */
const FIELDS: Record<string, string> = {
  name: 'The race name',
  epochs: 'Epochs',
  seed: 'Seed',
  shuffle: 'Shuffle rows every epoch',
  normalize: 'Normalize inputs',
  racers: 'The racers',
  data: 'The data',
  'data.csv': 'The CSV text',
  csv: 'CSV',
  'data.targets': 'The target columns',
  'data.inputs': 'The table’s inputs',
  'data.synthetic': 'The synthetic data',
  'data.synthetic.n': 'Rows of the synthetic data',
  'data.synthetic.features': 'Features (inputs) of the synthetic data',
  'data.synthetic.outputs': 'Outputs (targets) of the synthetic data',
  'data.synthetic.noise': 'Noise of the synthetic data',
  'data.synthetic.seed': 'Generator seed of the synthetic data',
  holdout: 'The hold-out',
  'holdout.fraction': 'Hold-out fraction',
  'holdout.seed': 'Split seed',
  sweeps: 'The sweeps',
  init: 'The start weights',
  'init.w': 'The start weights W',
  'init.b': 'The start biases b',
};

/** The label of a config path, or null when it has none. */
export function fieldLabel(path: string, spec: RaceConfigSpec): string | null {
  const racer = /^racers\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (racer) {
    const r = spec.racers?.[Number(racer[1])];
    const name = r ? (typeof r.label === 'string' && r.label !== '' ? r.label : r.id) : `racer ${Number(racer[1]) + 1}`;
    if (racer[2] === undefined) return name;
    const field = RACER_FIELDS[racer[2]];
    return field ? `${field} of ${name}` : null;
  }
  if (path.startsWith('sweeps[')) return sweepFieldLabel(path);
  return FIELDS[path] ?? null;
}

/** A validator message with its leading path replaced by the field's label. */
export function labelledMessage(message: string, spec: RaceConfigSpec): string {
  const path = leadingPath(message);
  const label = path ? fieldLabel(path, spec) : null;
  return label ? label + message.slice(path.length) : message;
}
