/**
 * The race config: one schema for the CLI, the workers, URL state and the embed API.
 * The optimizer table below drives validation, defaults and (later) the setup UI, so a
 * hyperparameter is described once.
 */
import type { AdagradOptions } from '../optim/adagrad.ts';
import type { AdamOptions } from '../optim/adam.ts';
import type { RmspropOptions } from '../optim/rmsprop.ts';
import type { SgdOptions } from '../optim/sgd.ts';

export type Matrix = number[][];

/** Data as written in a config. */
export type DataSpec =
  | 'crops5'
  | 'crops15'
  | { inputs: Matrix; targets: Matrix; inputNames?: string[]; targetNames?: string[] }
  | { csv: string; targets: string[]; inputs?: string[] }
  | { synthetic: { n: number; features: number; outputs: number; noise?: number; seed?: number } };

export type HoldoutSpec = { inputs: Matrix; targets: Matrix } | { fraction: number; seed?: number };

export type InitSpec = { w: Matrix; b: number[] } | { seed: number };

/** A racer as written in a config: common fields plus its optimizer's hyperparameters. */
export interface RacerSpec {
  id: string;
  label?: string;
  optimizer: OptimizerName;
  batchSize?: 'full' | number;
  color?: string;
  /** Hyperparameter changes during the race, as a user editing `param_groups[0]` between steps. */
  changes?: ChangeSpec[];
  [hyperparameter: string]: unknown;
}

/** The hyperparameters a change may set mid-race (those torch.optim reads afresh every step). */
export type ChangeableName = 'lr' | 'momentum' | 'weightDecay';

/**
 * A change at epoch k is set in `param_groups[0]` before the first step of epoch k, so the
 * record of epoch k is the first one made with it.
 */
export type ChangeSpec = { epoch: number } & ChangeValues;

/** New values for some of a racer's changeable hyperparameters. */
export type ChangeValues = Partial<Record<ChangeableName, number>>;

/** Which race clock schedules the racers: equal epochs, or equal measured training time. */
export type ClockName = 'epochs' | 'compute';

/** A race config as written (JSON). */
export interface RaceConfigSpec {
  name?: string;
  data: DataSpec;
  holdout?: HoldoutSpec;
  normalize?: boolean;
  init?: InitSpec;
  epochs: number;
  shuffle?: boolean;
  seed?: number;
  clock?: ClockName;
  racers: RacerSpec[];
  /** Grids of hyperparameters and learning-rate range tests over the racers (see sweep.ts). */
  sweeps?: SweepSpec[];
}

/** How a swept hyperparameter's values are written: a range of points, or the values themselves. */
export type AxisSpec = { from: number; to: number; points: number; scale: 'log' | 'linear' } | { values: (number | 'full')[] };

/**
 * A sweep as written: `racer` names the base racer; one or two of its numeric hyperparameters
 * (or batchSize) map to an AxisSpec. A range test is `{"racer", "rangeTest": {"from", "to"}}`.
 */
export interface SweepSpec {
  racer: string;
  rangeTest?: { from: number; to: number };
  [hyperparameter: string]: unknown;
}

/** A swept hyperparameter after validation: its name and every value, in grid order. */
export interface SweepAxis {
  name: string;
  values: (number | 'full')[];
  /** How the values were spaced ("values": listed by hand). */
  scale: 'log' | 'linear' | 'values';
}

/** A validated sweep: the base racer's id and either its axes or its range test. */
export type Sweep =
  | { kind: 'grid'; racer: string; axes: SweepAxis[] }
  | { kind: 'rangeTest'; racer: string; from: number; to: number };

/**
 * Where a racer made by a sweep came from, so a chart can group runs by sweep and place each
 * on its grid. Plain JSON, so it survives a worker boundary and a share link.
 */
export interface SweepOrigin {
  /** Index into `sweeps`. */
  sweep: number;
  /** The base racer's id. */
  base: string;
  /** The run's grid indices, one per axis (empty for a range test). */
  point: number[];
  /** The run's swept values by hyperparameter name (empty for a range test). */
  values: Record<string, number | 'full'>;
}

/**
 * The learning-rate range test's schedule: the lr of step s (0-based) of `steps` is
 * from · (to / from)^(s / (steps − 1)), set in `param_groups[0]` before that step.
 */
export interface LrSchedule {
  kind: 'exponential';
  from: number;
  to: number;
  steps: number;
}

export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';

export type OptimizerOptions = {
  sgd: SgdOptions;
  adam: AdamOptions;
  adamw: AdamOptions;
  rmsprop: RmspropOptions;
  adagrad: AdagradOptions;
};

/** A validated racer: every hyperparameter present, PyTorch's default where none was given. */
export type Racer = {
  [K in OptimizerName]: {
    id: string;
    label: string;
    optimizer: K;
    /** Rows per step; "full" is the whole training set (full-batch gradient descent). */
    batchSize: 'full' | number;
    color?: string;
    options: OptimizerOptions[K];
    /** Hyperparameter changes in epoch order (empty: none). */
    changes: ChangeSpec[];
    /** A per-step lr (the range test's), applied before every step; absent: none. */
    lrSchedule?: LrSchedule;
    /** Present on racers a sweep made. */
    sweep?: SweepOrigin;
  };
}[OptimizerName];

/** A validated race config with every default filled in. */
export interface RaceConfig {
  name?: string;
  data: DataSpec;
  holdout?: HoldoutSpec;
  normalize: boolean;
  init?: InitSpec;
  epochs: number;
  shuffle: boolean;
  seed: number;
  clock: ClockName;
  /** The hand-written racers, then every sweep's runs in sweep order. */
  racers: Racer[];
  /** The sweeps as validated, present when the config has any. */
  sweeps?: Sweep[];
}

export type HyperparameterSpec =
  | { kind: 'number'; default?: number; min?: number; below?: number; doc: string }
  | { kind: 'boolean'; default: boolean; doc: string }
  | { kind: 'betas'; default: [number, number]; doc: string };

export interface OptimizerSpec {
  /** The torch.optim class this optimizer reproduces. */
  torch: string;
  hyperparameters: Record<string, HyperparameterSpec>;
  /** The hyperparameters a mid-race change may set (see ChangeSpec). */
  changeable: readonly ChangeableName[];
  /** Cross-field rules PyTorch enforces, as a message or null. */
  check?: (options: Record<string, unknown>) => string | null;
}

const lr = (d?: number): HyperparameterSpec => ({ kind: 'number', default: d, min: 0, doc: 'learning rate' });
const weightDecay = (d = 0): HyperparameterSpec => ({ kind: 'number', default: d, min: 0, doc: 'weight decay' });
const eps = (d: number): HyperparameterSpec => ({ kind: 'number', default: d, min: 0, doc: 'term added to the denominator for numerical stability' });
const betas: HyperparameterSpec = { kind: 'betas', default: [0.9, 0.999], doc: 'coefficients of the running averages of the gradient and its square' };
const amsgrad: HyperparameterSpec = { kind: 'boolean', default: false, doc: 'use the AMSGrad variant' };

/** torch.optim 1.13 hyperparameters, defaults and constraints. */
export const OPTIMIZERS: Record<OptimizerName, OptimizerSpec> = {
  sgd: {
    torch: 'torch.optim.SGD',
    hyperparameters: {
      lr: lr(),
      momentum: { kind: 'number', default: 0, min: 0, doc: 'momentum factor' },
      dampening: { kind: 'number', default: 0, doc: 'dampening for momentum' },
      nesterov: { kind: 'boolean', default: false, doc: 'use Nesterov momentum' },
      weightDecay: weightDecay(),
    },
    changeable: ['lr', 'momentum', 'weightDecay'],
    check: (o) =>
      o.nesterov && ((o.momentum as number) <= 0 || o.dampening !== 0)
        ? `Nesterov momentum requires a momentum and zero dampening (got momentum ${o.momentum}, dampening ${o.dampening})`
        : null,
  },
  adam: {
    torch: 'torch.optim.Adam',
    hyperparameters: { lr: lr(1e-3), betas, eps: eps(1e-8), weightDecay: weightDecay(0), amsgrad },
    changeable: ['lr', 'weightDecay'],
  },
  adamw: {
    torch: 'torch.optim.AdamW',
    hyperparameters: { lr: lr(1e-3), betas, eps: eps(1e-8), weightDecay: weightDecay(1e-2), amsgrad },
    changeable: ['lr', 'weightDecay'],
  },
  rmsprop: {
    torch: 'torch.optim.RMSprop',
    hyperparameters: {
      lr: lr(1e-2),
      alpha: { kind: 'number', default: 0.99, min: 0, doc: 'smoothing constant' },
      eps: eps(1e-8),
      weightDecay: weightDecay(),
      momentum: { kind: 'number', default: 0, min: 0, doc: 'momentum factor' },
      centered: { kind: 'boolean', default: false, doc: 'normalize by an estimate of the gradient variance' },
    },
    // Not momentum: torch's RMSprop allocates its momentum buffer only when the group starts
    // with momentum > 0, and a later change to it fails inside torch.
    changeable: ['lr', 'weightDecay'],
  },
  adagrad: {
    torch: 'torch.optim.Adagrad',
    hyperparameters: {
      lr: lr(1e-2),
      lrDecay: { kind: 'number', default: 0, min: 0, doc: 'learning rate decay' },
      weightDecay: weightDecay(),
      initialAccumulatorValue: { kind: 'number', default: 0, min: 0, doc: 'starting value of the sum of squared gradients' },
      eps: eps(1e-10),
    },
    changeable: ['lr', 'weightDecay'],
  },
};

export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as OptimizerName[];

/** Racer fields that are not hyperparameters. */
export const RACER_FIELDS = ['id', 'label', 'optimizer', 'batchSize', 'color', 'changes'] as const;

export const LIMITS = {
  epochs: 1_000_000,
  racers: 100,
  rows: 1_000_000,
  features: 256,
  outputs: 64,
  /** rows × (features + outputs) of the data set, a memory bound. */
  values: 20_000_000,
  idLength: 64,
  /** Hyperparameter changes per racer. */
  changes: 1000,
  /** Racers made by all the sweeps of a config (on top of the hand-written racers). */
  sweepRuns: 10_000,
  /** Hyperparameters one grid sweep varies. */
  sweepAxes: 2,
} as const;
