/** One hyperparameter of a racer, checked against its entry in the optimizer table. */
import { ConfigError, describe } from './errors.ts';
import { boolean, dense } from './fields.ts';
import type { HyperparameterSpec } from './schema.ts';

/** The value of the hyperparameter at field `at` (its default when absent), or a ConfigError naming `at`. */
export function hyperparameter(spec: HyperparameterSpec, v: unknown, at: string): unknown {
  if (v === undefined) {
    if (spec.default === undefined) throw new ConfigError(`${at} is required`);
    // A copy, so that editing one racer's betas cannot change the table or another racer.
    return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  if (spec.kind === 'boolean') return boolean(v, at);
  if (spec.kind === 'betas') {
    if (!Array.isArray(v) || v.length !== 2) throw new ConfigError(`${at} must be a pair [beta1, beta2], got ${describe(v)}`);
    dense(v, (i) => `${at}[${i}]`);
    v.forEach((beta, i) => {
      if (typeof beta !== 'number' || !(beta >= 0 && beta < 1)) {
        throw new ConfigError(`${at}[${i}] must be a number from 0 to below 1, got ${describe(beta)}`);
      }
    });
    return [v[0], v[1]];
  }
  const x = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  if (Number.isNaN(x) || (spec.min !== undefined && x < spec.min)) {
    const what = spec.min === 0 ? 'a non-negative number' : 'a finite number';
    throw new ConfigError(`${at} must be ${what}, got ${describe(v)}`);
  }
  return x;
}

