/**
 * The one validator of race configs, used by the CLI, the workers, URL state and the embed
 * API. It checks structure, fills PyTorch's defaults, loads the data (so data-dependent
 * rules like batch size and init shapes can be checked) and throws a ConfigError whose
 * message names the field: `racers[2].lr must be a non-negative number, got -1`.
 */
import { BUILTIN_DATASETS, isBuiltinName } from '../data/builtin.ts';
import { datasetFromCsv } from '../data/csv.ts';
import { datasetFromRows, selectRows, type Dataset } from '../data/dataset.ts';
import { syntheticDataset } from '../data/synthetic.ts';
import { Rng, permutation } from '../random.ts';
import { escapeControls } from '../text/escape-controls.ts';
import { ConfigError, describe, quote } from './errors.ts';
import { boolean, dense, finite, integer, isObject, object, onlyKeys, string, type Obj } from './fields.ts';
import { hyperparameter } from './hyperparameter.ts';
import { expandSweeps } from './sweep.ts';
import {
  LIMITS,
  OPTIMIZERS,
  OPTIMIZER_NAMES,
  RACER_FIELDS,
  type ChangeSpec,
  type ChangeValues,
  type ClockName,
  type DataSpec,
  type HoldoutSpec,
  type InitSpec,
  type Matrix,
  type OptimizerName,
  type RaceConfig,
  type Racer,
} from './schema.ts';

/** A validated config with its data loaded and split. */
export interface ValidRace {
  config: RaceConfig;
  train: Dataset;
  holdout: Dataset | null;
}

function seedOf(v: unknown, path: string): number {
  return integer(v, path, 0, 0xffffffff);
}

/** A matrix of finite numbers with `width` columns (any width ≥ 1 when not given). */
function matrix(v: unknown, path: string, width?: number, widthWhat = ''): Matrix {
  if (!Array.isArray(v)) throw new ConfigError(`${path} must be an array of rows, got ${describe(v)}`);
  if (v.length === 0) throw new ConfigError(`${path} must have at least one row`);
  // Before walking the rows: a 12-million-row array is refused at once, not after it is checked.
  if (v.length > LIMITS.rows) throw new ConfigError(`${path} has ${v.length} rows; at most ${LIMITS.rows} are supported`);
  const expected = width ?? (Array.isArray(v[0]) ? v[0].length : 0);
  dense(v, (i) => `${path} row ${i}`);
  v.forEach((row, i) => {
    if (!Array.isArray(row)) throw new ConfigError(`${path} row ${i} must be an array of numbers, got ${describe(row)}`);
    if (row.length !== expected || expected === 0) {
      throw new ConfigError(`${path} row ${i} has ${row.length} values, expected ${expected || 'at least 1'}${widthWhat}`);
    }
    dense(row, (j) => `${path} row ${i} value ${j}`);
    row.forEach((x, j) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new ConfigError(`${path} row ${i} value ${j} must be a finite number, got ${describe(x)}`);
    });
  });
  return v as Matrix;
}

function checkSize(rows: number, features: number, outputs: number, path: string): void {
  if (rows > LIMITS.rows) throw new ConfigError(`${path} has ${rows} rows; at most ${LIMITS.rows} are supported`);
  if (features > LIMITS.features) throw new ConfigError(`${path} has ${features} inputs; at most ${LIMITS.features} are supported`);
  if (outputs > LIMITS.outputs) throw new ConfigError(`${path} has ${outputs} targets; at most ${LIMITS.outputs} are supported`);
  if (rows * (features + outputs) > LIMITS.values) {
    throw new ConfigError(`${path} has ${rows * (features + outputs)} values; at most ${LIMITS.values} are supported`);
  }
}

function inlineData(o: Obj, path: string, shape?: { inputs: number; outputs: number }): { spec: { inputs: Matrix; targets: Matrix; inputNames?: string[]; targetNames?: string[] }; data: Dataset } {
  onlyKeys(o, ['inputs', 'targets', 'inputNames', 'targetNames'], path);
  const inputs = matrix(o.inputs, `${path}.inputs`, shape?.inputs, shape ? ' (one per input of the training data)' : '');
  const targets = matrix(o.targets, `${path}.targets`, shape?.outputs, shape ? ' (one per target of the training data)' : '');
  if (inputs.length !== targets.length) {
    throw new ConfigError(`${path}.inputs has ${inputs.length} rows but ${path}.targets has ${targets.length}`);
  }
  checkSize(inputs.length, inputs[0].length, targets[0].length, path);
  // Optional column names (a table edited from named data keeps them), one per column.
  const names = (v: unknown, key: string, count: number): string[] | undefined => {
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length !== count || v.some((x) => typeof x !== 'string')) throw new ConfigError(`${path}.${key} must be ${count} column names, got ${describe(v)}`);
    return v as string[];
  };
  const inputNames = names(o.inputNames, 'inputNames', inputs[0].length);
  const targetNames = names(o.targetNames, 'targetNames', targets[0].length);
  return {
    spec: { inputs, targets, ...(inputNames ? { inputNames } : {}), ...(targetNames ? { targetNames } : {}) },
    data: datasetFromRows(inputs, targets, inputNames, targetNames),
  };
}

function loadData(v: unknown): { spec: DataSpec; data: Dataset } {
  const path = 'data';
  if (typeof v === 'string') {
    if (!isBuiltinName(v)) throw new ConfigError(`data must be "crops5", "crops15" or an object, got ${describe(v)}`);
    return { spec: v, data: BUILTIN_DATASETS[v]() };
  }
  if (!isObject(v)) throw new ConfigError(`data must be "crops5", "crops15" or an object with inputs and targets, csv or synthetic, got ${describe(v)}`);
  let loaded: { spec: DataSpec; data: Dataset };
  if ('csv' in v) {
    onlyKeys(v, ['csv', 'targets', 'inputs'], path);
    const csv = string(v.csv, 'data.csv', 50_000_000);
    const names = (x: unknown, p: string): string[] => {
      if (!Array.isArray(x)) throw new ConfigError(`${p} must be an array of column names, got ${describe(x)}`);
      dense(x, (i) => `${p}[${i}]`);
      x.forEach((s, i) => {
        if (typeof s !== 'string') throw new ConfigError(`${p}[${i}] must be a column name, got ${describe(s)}`);
      });
      return x as string[];
    };
    const targets = names(v.targets, 'data.targets');
    const inputs = v.inputs === undefined ? undefined : names(v.inputs, 'data.inputs');
    const data = datasetFromCsv(csv, { targets, inputs });
    checkSize(data.rows, data.inputs, data.outputs, path);
    loaded = { spec: { csv, targets, ...(inputs ? { inputs } : {}) }, data };
  } else if ('synthetic' in v) {
    onlyKeys(v, ['synthetic'], path);
    const s = object(v.synthetic, 'data.synthetic');
    onlyKeys(s, ['n', 'features', 'outputs', 'noise', 'seed'], 'data.synthetic');
    const spec = {
      n: integer(s.n, 'data.synthetic.n', 2, LIMITS.rows),
      features: integer(s.features, 'data.synthetic.features', 1, LIMITS.features),
      outputs: integer(s.outputs, 'data.synthetic.outputs', 1, LIMITS.outputs),
      noise: s.noise === undefined ? 0.1 : finite(s.noise, 'data.synthetic.noise'),
      seed: s.seed === undefined ? 0 : seedOf(s.seed, 'data.synthetic.seed'),
    };
    if (spec.noise < 0) throw new ConfigError(`data.synthetic.noise must be a non-negative number, got ${spec.noise}`);
    checkSize(spec.n, spec.features, spec.outputs, 'data.synthetic');
    loaded = { spec: { synthetic: spec }, data: syntheticDataset(spec) };
  } else if ('inputs' in v || 'targets' in v) {
    loaded = inlineData(v, path);
  } else {
    throw new ConfigError('data must have "inputs" and "targets", "csv" or "synthetic"');
  }
  if (loaded.data.rows < 2) throw new ConfigError(`data must have at least 2 rows, got ${loaded.data.rows}`);
  return loaded;
}

function splitHoldout(v: unknown, data: Dataset, raceSeed: number): { spec: HoldoutSpec; train: Dataset; holdout: Dataset } {
  const o = object(v, 'holdout');
  if ('fraction' in o) {
    onlyKeys(o, ['fraction', 'seed'], 'holdout');
    const fraction = finite(o.fraction, 'holdout.fraction');
    if (fraction <= 0 || fraction >= 1) throw new ConfigError(`holdout.fraction must be between 0 and 1 (exclusive), got ${fraction}`);
    const seed = o.seed === undefined ? raceSeed : seedOf(o.seed, 'holdout.seed');
    const held = Math.round(fraction * data.rows);
    if (held < 1 || held > data.rows - 1) {
      throw new ConfigError(`holdout.fraction ${fraction} of ${data.rows} rows leaves ${held} for hold-out and ${data.rows - held} for training; both need at least 1`);
    }
    const order = permutation(data.rows, new Rng(seed, 'holdout'));
    // Keep each part in the data's original row order: a split picks rows, it does not shuffle them.
    const holdoutRows = order.slice(0, held).sort();
    const trainRows = order.slice(held).sort();
    return { spec: { fraction, ...(o.seed === undefined ? {} : { seed }) }, train: selectRows(data, trainRows), holdout: selectRows(data, holdoutRows) };
  }
  if ('inputs' in o || 'targets' in o) {
    const { spec, data: holdout } = inlineData(o, 'holdout', { inputs: data.inputs, outputs: data.outputs });
    return { spec, train: data, holdout: { ...holdout, inputNames: data.inputNames, targetNames: data.targetNames } };
  }
  throw new ConfigError('holdout must have "inputs" and "targets", or "fraction"');
}

function initOf(v: unknown, data: Dataset): InitSpec {
  const o = object(v, 'init');
  if ('seed' in o) {
    onlyKeys(o, ['seed'], 'init');
    return { seed: seedOf(o.seed, 'init.seed') };
  }
  onlyKeys(o, ['w', 'b'], 'init');
  if (!Array.isArray(o.w)) throw new ConfigError(`init.w must be an array of rows, got ${describe(o.w)}`);
  if (o.w.length !== data.outputs) {
    throw new ConfigError(`init.w has ${o.w.length} rows, expected ${data.outputs} (one per target: ${data.targetNames.map((n) => escapeControls(n)).join(', ')})`);
  }
  const w = matrix(o.w, 'init.w', data.inputs, ` (one per input: ${data.inputNames.map((n) => escapeControls(n)).join(', ')})`);
  if (!Array.isArray(o.b) || o.b.length !== data.outputs) {
    throw new ConfigError(`init.b must be an array of ${data.outputs} numbers (one per target), got ${describe(o.b)}`);
  }
  dense(o.b, (j) => `init.b[${j}]`);
  const b = o.b.map((x, j) => finite(x, `init.b[${j}]`));
  return { w, b };
}

/**
 * The values of one mid-race change (`path` names it in messages): at least one of the
 * hyperparameters its optimizer reads afresh every step, each a non-negative number.
 * `also` names other keys the object may have (a schedule entry's "epoch").
 */
export function changeValues(raw: unknown, optimizer: OptimizerName, path: string, also: readonly string[] = []): ChangeValues {
  const o = object(raw, path);
  const { changeable } = OPTIMIZERS[optimizer];
  for (const key of Object.keys(o)) {
    if (!also.includes(key) && !(changeable as readonly string[]).includes(key)) {
      throw new ConfigError(`${path}: ${JSON.stringify(key)} cannot change during a race for ${optimizer} (it can change ${changeable.join(', ')})`);
    }
  }
  const values: ChangeValues = {};
  for (const name of changeable) {
    const x = o[name];
    if (x === undefined) continue;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new ConfigError(`${path}.${name} must be a non-negative number, got ${describe(x)}`);
    values[name] = x;
  }
  if (Object.keys(values).length === 0) throw new ConfigError(`${path} changes nothing: give ${changeable.join(', ')} or some of them`);
  return values;
}

/** A racer's change schedule: epochs from 1 to the race's last, in increasing order. */
function changesOf(v: unknown, path: string, optimizer: OptimizerName, epochs: number): ChangeSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new ConfigError(`${path} must be an array of changes like {"epoch": 40, "lr": 0.001}, got ${describe(v)}`);
  if (v.length > LIMITS.changes) throw new ConfigError(`${path} has ${v.length} changes; at most ${LIMITS.changes} are supported`);
  let previous = 0;
  return Array.from(v, (c: unknown, k): ChangeSpec => {
    const at = `${path}[${k}]`;
    const values = changeValues(c, optimizer, at, ['epoch']);
    const epoch = integer((c as Obj).epoch, `${at}.epoch`, 1, epochs, 'an epoch');
    if (epoch <= previous) throw new ConfigError(`${at}.epoch must come after the previous change's epoch ${previous}, got ${epoch}`);
    previous = epoch;
    return { epoch, ...values };
  });
}

/**
 * A racer from its spec at `path`. A sweep's runs are `generated`: their ids and labels are
 * made from the base racer's and may be longer than a hand-written one may be.
 */
function racerOf(v: unknown, path: string, rows: number, epochs: number, generated = false): Racer {
  const o = object(v, path);
  const id = string(o.id, `${path}.id`, generated ? Infinity : LIMITS.idLength);
  if (id.trim() === '') throw new ConfigError(`${path}.id must not be empty`);
  const optimizer = o.optimizer;
  if (typeof optimizer !== 'string' || !(OPTIMIZER_NAMES as string[]).includes(optimizer)) {
    throw new ConfigError(`${path}.optimizer must be one of ${OPTIMIZER_NAMES.join(', ')}, got ${describe(optimizer)}`);
  }
  const spec = OPTIMIZERS[optimizer as OptimizerName];
  const names = Object.keys(spec.hyperparameters);
  for (const key of Object.keys(o)) {
    if (!(RACER_FIELDS as readonly string[]).includes(key) && !names.includes(key)) {
      throw new ConfigError(`${path}: unknown hyperparameter ${quote(key)} for ${optimizer} (${spec.torch} takes ${names.join(', ')})`);
    }
  }
  const options: Record<string, unknown> = {};
  for (const name of names) options[name] = hyperparameter(spec.hyperparameters[name], o[name], `${path}.${name}`);
  const refusal = spec.check?.(options);
  if (refusal) throw new ConfigError(`${path}: ${refusal}`);

  let batchSize: 'full' | number = 'full';
  if (o.batchSize !== undefined && o.batchSize !== 'full') {
    batchSize = integer(o.batchSize, `${path}.batchSize`, 1, rows, `"full" or an integer (rows per step; the training set has ${rows})`);
  }
  const label = o.label === undefined ? id : string(o.label, `${path}.label`, generated ? Infinity : 100);
  let color: string | undefined;
  if (o.color !== undefined) {
    color = string(o.color, `${path}.color`, 7);
    if (!/^#[0-9a-fA-F]{6}$/.test(color)) throw new ConfigError(`${path}.color must be a colour like "#1f77b4", got ${describe(o.color)}`);
  }
  const changes = changesOf(o.changes, `${path}.changes`, optimizer as OptimizerName, epochs);
  // The table above guarantees `options` has exactly this optimizer's fields.
  return { id, label, optimizer, batchSize, ...(color ? { color } : {}), options, changes } as unknown as Racer;
}

const TOP_LEVEL = ['name', 'data', 'holdout', 'normalize', 'init', 'epochs', 'shuffle', 'seed', 'clock', 'racers', 'sweeps'];
const CLOCKS: readonly ClockName[] = ['epochs', 'compute'];

/** Validates a parsed JSON race config; throws ConfigError naming the first problem found. */
export function validateRace(raw: unknown): ValidRace {
  const o = object(raw, 'the race config');
  onlyKeys(o, TOP_LEVEL, '');
  const name = o.name === undefined ? undefined : string(o.name, 'name', 200);
  const seed = o.seed === undefined ? 0 : seedOf(o.seed, 'seed');
  const epochs = integer(o.epochs, 'epochs', 1, LIMITS.epochs);
  const shuffle = o.shuffle === undefined ? true : boolean(o.shuffle, 'shuffle');
  const normalize = o.normalize === undefined ? false : boolean(o.normalize, 'normalize');
  if (o.clock !== undefined && !CLOCKS.includes(o.clock as ClockName)) {
    throw new ConfigError(`clock must be "epochs" (every racer runs the same epochs) or "compute" (the same training time), got ${describe(o.clock)}`);
  }
  const clock = (o.clock ?? 'epochs') as ClockName;

  if (o.data === undefined) throw new ConfigError('data is required ("crops5", "crops15", inputs and targets, csv or synthetic)');
  const { spec: data, data: all } = loadData(o.data);
  let train = all;
  let holdout: Dataset | null = null;
  let holdoutSpec: HoldoutSpec | undefined;
  if (o.holdout !== undefined) {
    const split = splitHoldout(o.holdout, all, seed);
    ({ train, holdout } = split);
    holdoutSpec = split.spec;
  }
  const init = o.init === undefined ? undefined : initOf(o.init, train);

  if (!Array.isArray(o.racers)) throw new ConfigError(`racers must be an array of racers, got ${describe(o.racers)}`);
  if (o.racers.length === 0 || o.racers.length > LIMITS.racers) {
    throw new ConfigError(`racers must have from 1 to ${LIMITS.racers} racers, got ${o.racers.length}`);
  }
  dense(o.racers, (i) => `racers[${i}]`);
  const written = o.racers.map((r, i) => racerOf(r, `racers[${i}]`, train.rows, epochs));
  const firstWithId = new Map<string, number>();
  written.forEach((r, i) => {
    const first = firstWithId.get(r.id);
    if (first !== undefined) throw new ConfigError(`racers[${i}].id ${quote(r.id)} is already used by racers[${first}]; racer ids must be unique`);
    firstWithId.set(r.id, i);
  });
  const expanded =
    o.sweeps === undefined
      ? null
      : expandSweeps(o.sweeps, {
          specs: o.racers as Obj[],
          racers: written,
          rows: train.rows,
          epochs,
          makeRacer: (spec, path) => racerOf(spec, path, train.rows, epochs, true),
        });
  const racers = expanded ? [...written, ...expanded.runs] : written;
  if (expanded) {
    const sweepOf = new Map<string, number>();
    for (const run of expanded.runs) {
      const index = run.sweep!.sweep;
      const taken = firstWithId.has(run.id) ? `racers[${firstWithId.get(run.id)}]` : sweepOf.has(run.id) ? `sweeps[${sweepOf.get(run.id)}]` : null;
      if (taken) throw new ConfigError(`sweeps[${index}] makes a run with id ${quote(run.id)}, already used by ${taken}; racer ids must be unique`);
      sweepOf.set(run.id, index);
    }
  }

  const config: RaceConfig = {
    ...(name !== undefined ? { name } : {}),
    data,
    ...(holdoutSpec ? { holdout: holdoutSpec } : {}),
    normalize,
    ...(init ? { init } : {}),
    epochs,
    shuffle,
    seed,
    clock,
    racers,
    ...(expanded ? { sweeps: expanded.sweeps } : {}),
  };
  return { config, train, holdout };
}

/** Parses JSON text and validates it; a JSON syntax error becomes a ConfigError too. */
export function parseRace(text: string): ValidRace {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // V8 quotes the text around the mistake, newlines included; the message stays one line.
    throw new ConfigError(`the race config is not valid JSON: ${(e as Error).message.replace(/\r?\n|\r/g, '\\n')}`);
  }
  return validateRace(raw);
}
