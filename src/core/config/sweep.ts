/**
 * Sweeps, expanded by the validator into ordinary racers, so the CLI, the workers, URL state
 * and the exports race them with no second code path.
 *
 * - A grid sweep `{"racer": "sgd", "lr": {…}, "momentum": {…}}` makes one racer per point of
 *   the grid: the base racer with the point's values, id `sgd lr=3.2e-6 momentum=0.9`. The
 *   first hyperparameter written is the outer loop.
 * - A range test `{"racer": "sgd", "rangeTest": {"from", "to"}}` makes one racer whose lr grows
 *   exponentially every step from `from` to `to` over the race (id `sgd lr range 1e-7..1`).
 *
 * The base racer stays in the race as written: a sweep adds runs beside it and never
 * changes or removes a racer the config names. Every run carries its origin (`sweep`).
 */
import { ConfigError, describe, quote } from './errors.ts';
import { dense, finite, object, onlyKeys, type Obj } from './fields.ts';
import { axisOf, type AxisTarget } from './sweep-axis.ts';
import { axisLabels, formatValue } from './sweep-label.ts';
import { LIMITS, OPTIMIZERS, type OptimizerName, type Racer, type Sweep, type SweepAxis, type SweepOrigin } from './schema.ts';

/** Builds and checks one racer from its spec, messages prefixed with `path` (the validator's racerOf). */
export type MakeRacer = (spec: Obj, path: string) => Racer;

export interface SweepContext {
  /** The hand-written racers as written and as validated, in the same order. */
  specs: readonly Obj[];
  racers: readonly Racer[];
  /** Training rows and epochs: batch sizes and the range test's step count depend on them. */
  rows: number;
  epochs: number;
  makeRacer: MakeRacer;
}

/** The optimizer's numeric hyperparameters: the ones a grid may sweep, besides batchSize. */
function sweepable(optimizer: OptimizerName): string[] {
  return Object.entries(OPTIMIZERS[optimizer].hyperparameters).flatMap(([name, spec]) => (spec.kind === 'number' ? [name] : []));
}

function baseOf(o: Obj, path: string, ctx: SweepContext): number {
  const ids = ctx.racers.map((r) => r.id);
  const index = typeof o.racer === 'string' ? ids.indexOf(o.racer) : -1;
  if (index < 0) {
    const some = ids.slice(0, 5).map(quote).join(', ');
    throw new ConfigError(`${path}.racer must be the id of one of the racers (${some}${ids.length > 5 ? ', …' : ''}), got ${describe(o.racer)}`);
  }
  return index;
}

function gridRuns(o: Obj, path: string, index: number, base: number, ctx: SweepContext, budget: number): { sweep: Sweep; runs: Racer[] } {
  const spec = ctx.specs[base];
  const racer = ctx.racers[base];
  const allowed = [...sweepable(racer.optimizer), 'batchSize'];
  const names = Object.keys(o).filter((k) => k !== 'racer');
  for (const name of names) {
    if (!allowed.includes(name)) {
      throw new ConfigError(`${path}: ${quote(name)} cannot be swept for ${racer.optimizer} (sweep ${allowed.join(', ')}; or give "rangeTest")`);
    }
  }
  if (names.length < 1 || names.length > LIMITS.sweepAxes) {
    throw new ConfigError(`${path} must vary one or two of ${allowed.join(', ')}, got ${names.length}`);
  }
  const axes: SweepAxis[] = names.map((name) => {
    const target: AxisTarget = name === 'batchSize' ? { kind: 'batchSize', rows: ctx.rows } : { kind: 'hyperparameter', spec: OPTIMIZERS[racer.optimizer].hyperparameters[name] };
    return axisOf(o[name], name, target, `${path}.${name}`);
  });
  const count = axes.reduce((n, a) => n * a.values.length, 1);
  if (count > budget) {
    throw new ConfigError(`${path} makes ${count} runs (${axes.map((a) => a.values.length).join(' × ')}) but only ${budget} of the ${LIMITS.sweepRuns} sweep runs a config may have are left`);
  }
  const labels = axes.map(axisLabels);
  // Grid points in row-major order: the first axis is the outer loop.
  const points: number[][] = axes.reduce<number[][]>((acc, a) => acc.flatMap((p) => a.values.map((_, k) => [...p, k])), [[]]);
  const runs = points.map((point) => {
    const values = Object.fromEntries(point.map((k, j) => [axes[j].name, axes[j].values[k]]));
    const suffix = point.map((k, j) => `${axes[j].name}=${labels[j][k]}`).join(' ');
    const id = `${racer.id} ${suffix}`;
    const made = ctx.makeRacer({ ...spec, ...values, id, label: `${racer.label} ${suffix}` }, `${path} run ${quote(id)}`);
    const origin: SweepOrigin = { sweep: index, base: racer.id, point, values };
    return { ...made, sweep: origin };
  });
  return { sweep: { kind: 'grid', racer: racer.id, axes }, runs };
}

function rangeTestRun(o: Obj, path: string, index: number, base: number, ctx: SweepContext): { sweep: Sweep; run: Racer } {
  onlyKeys(o, ['racer', 'rangeTest'], path);
  const at = `${path}.rangeTest`;
  const r = object(o.rangeTest, at);
  onlyKeys(r, ['from', 'to'], at);
  const from = finite(r.from, `${at}.from`);
  const to = finite(r.to, `${at}.to`);
  if (!(from > 0)) throw new ConfigError(`${at}.from must be a learning rate above 0, got ${from}`);
  if (!(to > from)) throw new ConfigError(`${at}.to must be greater than from (${from}), got ${to}`);
  const racer = ctx.racers[base];
  const lrChange = racer.changes.findIndex((c) => c.lr !== undefined);
  if (lrChange >= 0) {
    throw new ConfigError(`${path}: racer ${quote(racer.id)} changes its lr at epoch ${racer.changes[lrChange].epoch}, but a range test sets the lr at every step`);
  }
  const suffix = `lr range ${formatValue(from, 2)}..${formatValue(to, 2)}`;
  const id = `${racer.id} ${suffix}`;
  const made = ctx.makeRacer({ ...ctx.specs[base], lr: from, id, label: `${racer.label} ${suffix}` }, `${path} run ${quote(id)}`);
  const batch = made.batchSize === 'full' ? ctx.rows : made.batchSize;
  const steps = ctx.epochs * Math.ceil(ctx.rows / batch);
  const run: Racer = { ...made, lrSchedule: { kind: 'exponential', from, to, steps }, sweep: { sweep: index, base: racer.id, point: [], values: {} } };
  return { sweep: { kind: 'rangeTest', racer: racer.id, from, to }, run };
}

/** Validates `config.sweeps` and returns the sweeps and their runs, in sweep order. */
export function expandSweeps(raw: unknown, ctx: SweepContext): { sweeps: Sweep[]; runs: Racer[] } {
  if (!Array.isArray(raw)) throw new ConfigError(`sweeps must be an array of sweeps like {"racer": "sgd", "lr": {"values": [0.01, 0.1]}}, got ${describe(raw)}`);
  const sweeps: Sweep[] = [];
  const runs: Racer[] = [];
  dense(raw, (i) => `sweeps[${i}]`);
  raw.forEach((s, i) => {
    const path = `sweeps[${i}]`;
    const o = object(s, path);
    const base = baseOf(o, path, ctx);
    const budget = LIMITS.sweepRuns - runs.length;
    if ('rangeTest' in o) {
      if (budget < 1) throw new ConfigError(`${path} makes 1 run but the config already has the ${LIMITS.sweepRuns} sweep runs it may have`);
      const { sweep, run } = rangeTestRun(o, path, i, base, ctx);
      sweeps.push(sweep);
      runs.push(run);
    } else {
      const grid = gridRuns(o, path, i, base, ctx, budget);
      sweeps.push(grid.sweep);
      runs.push(...grid.runs);
    }
  });
  return { sweeps, runs };
}
