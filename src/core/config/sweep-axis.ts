/**
 * One swept hyperparameter: `{"from", "to", "points", "scale"}` or `{"values": […]}` turned
 * into its list of values, each checked as the racer field it will become, so a bad value is
 * reported at its place in the sweep (`sweeps[0].lr.values[2] …`), not at a generated racer.
 */
import { ConfigError, describe } from './errors.ts';
import { dense, finite, integer, isObject, onlyKeys } from './fields.ts';
import { hyperparameter } from './hyperparameter.ts';
import { LIMITS, type HyperparameterSpec, type SweepAxis } from './schema.ts';

/** What the axis sweeps: a numeric hyperparameter (its table entry) or the batch size. */
export type AxisTarget = { kind: 'hyperparameter'; spec: HyperparameterSpec } | { kind: 'batchSize'; rows: number };

/**
 * `points` values from `from` to `to` (both included, exactly), evenly spaced on a log or a
 * linear scale. Log points are exp-spaced so that a decade holds the same number of points
 * wherever it lies.
 */
export function spacedValues(from: number, to: number, points: number, scale: 'log' | 'linear'): number[] {
  return Array.from({ length: points }, (_, k) => {
    if (k === 0) return from;
    if (k === points - 1) return to;
    const t = k / (points - 1);
    return scale === 'log' ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from))) : from + t * (to - from);
  });
}

function checkValue(target: AxisTarget, v: unknown, path: string): number | 'full' {
  if (target.kind === 'batchSize') {
    if (v === 'full') return 'full';
    return integer(v, path, 1, target.rows, `"full" or an integer (rows per step; the training set has ${target.rows})`);
  }
  return hyperparameter(target.spec, v, path) as number;
}

export function axisOf(raw: unknown, name: string, target: AxisTarget, path: string): SweepAxis {
  if (!isObject(raw)) {
    throw new ConfigError(`${path} must be {"from", "to", "points", "scale"} or {"values": [...]}, got ${describe(raw)}`);
  }
  if ('values' in raw) {
    onlyKeys(raw, ['values'], path);
    const list = raw.values;
    if (!Array.isArray(list) || list.length === 0) throw new ConfigError(`${path}.values must be a non-empty array, got ${describe(list)}`);
    if (list.length > LIMITS.sweepRuns) throw new ConfigError(`${path}.values has ${list.length} values; at most ${LIMITS.sweepRuns} are supported`);
    dense(list, (k) => `${path}.values[${k}]`);
    const values = list.map((v, k) => checkValue(target, v, `${path}.values[${k}]`));
    values.forEach((v, k) => {
      const first = values.indexOf(v);
      if (first !== k) throw new ConfigError(`${path}.values[${k}] repeats values[${first}] (${v}); each run needs its own value`);
    });
    return { name, values, scale: 'values' };
  }
  onlyKeys(raw, ['from', 'to', 'points', 'scale'], path);
  if (raw.scale !== 'log' && raw.scale !== 'linear') throw new ConfigError(`${path}.scale must be "log" or "linear", got ${describe(raw.scale)}`);
  const scale = raw.scale;
  const from = checkValue(target, finite(raw.from, `${path}.from`), `${path}.from`) as number;
  const to = checkValue(target, finite(raw.to, `${path}.to`), `${path}.to`) as number;
  const points = integer(raw.points, `${path}.points`, 2, LIMITS.sweepRuns, 'an integer');
  if (!(to > from)) throw new ConfigError(`${path}.to must be greater than from (${from}), got ${to}`);
  if (scale === 'log' && !(from > 0)) throw new ConfigError(`${path}.from must be above 0 on a log scale, got ${from}`);
  let values = spacedValues(from, to, points, scale);
  if (target.kind === 'batchSize') {
    // Batch sizes are whole rows: points that round to the same size would be the same run twice.
    values = values.map(Math.round);
    const repeat = values.findIndex((v, k) => k > 0 && v === values[k - 1]);
    if (repeat > 0) throw new ConfigError(`${path}.points ${points} is too many: points ${repeat - 1} and ${repeat} both round to batch size ${values[repeat]}`);
  }
  return { name, values, scale };
}
