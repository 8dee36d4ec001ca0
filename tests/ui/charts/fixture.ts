/**
 * A RaceView for chart tests, made by running the real engine (validateRace → prepareRace
 * → runRace) on the seed's crops15 data, then mapping records to HistoryPoints as the app
 * does. Wall time is measured by nothing: every epoch gets a made-up but hand-derivable
 * cost, 0.02 ms plus 0.01 ms per step, so GD (1 step) costs 0.03 ms an epoch and SGD on 15
 * rows 0.17 ms.
 */
import { LossSurface } from '../../../src/core/analysis/loss-surface.ts';
import type { RacerSpec } from '../../../src/core/config/schema.ts';
import { validateRace } from '../../../src/core/config/validate.ts';
import { prepareRace } from '../../../src/core/race/prepare.ts';
import { runRace } from '../../../src/core/race/run-race.ts';
import { nearOptimum } from '../../../src/core/race/summary.ts';
import { CostSampler } from '../../../src/ui/cost-sampler.ts';
import type { HistoryPoint, RacerView, RaceView } from '../../../src/ui/view-model.ts';
import { startPoint } from '../../../src/ui/start-point.ts';

export const COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00'];

/** GD, SGD and Adam as in the seed, and "Boom": GD at lr 1e-3, which diverges at epoch 4. */
export const RACERS: RacerSpec[] = [
  { id: 'gd', label: 'GD', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' },
  { id: 'sgd', label: 'SGD', optimizer: 'sgd', lr: 1e-5, batchSize: 1 },
  { id: 'adam', label: 'Adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
  { id: 'boom', label: 'Boom', optimizer: 'sgd', lr: 1e-3, batchSize: 'full' },
];

export interface FixtureOptions {
  epochs?: number;
  racers?: RacerSpec[];
  /** Hold out this fraction of the rows. */
  holdout?: number;
  normalize?: boolean;
  /** Add a racer that failed before its first epoch. */
  failed?: boolean;
}

export function makeRace(options: FixtureOptions = {}): RaceView {
  const { epochs = 20, racers = RACERS, holdout, normalize = false, failed = false } = options;
  const spec = { data: 'crops15' as const, epochs, seed: 42, normalize, racers, ...(holdout ? { holdout: { fraction: holdout } } : {}) };
  const prepared = prepareRace(validateRace(spec));
  const histories = new Map<string, HistoryPoint[]>(racers.map((r) => [r.id, []]));
  const divergedAt = new Map<string, number>();
  for (const record of runRace(prepared, { timing: false })) {
    const history = histories.get(record.racer)!;
    const previous = history[history.length - 1];
    const stepsThisEpoch = record.steps - (previous?.steps ?? 0);
    const ms = record.epoch === 0 ? 0 : 0.02 + 0.01 * stepsThisEpoch;
    history.push({
      epoch: record.epoch,
      loss: record.loss,
      ...(record.holdoutLoss !== undefined ? { holdoutLoss: record.holdoutLoss } : {}),
      steps: record.steps,
      ms,
      cumulativeMs: (previous?.cumulativeMs ?? 0) + ms,
      w: record.w,
      b: record.b,
    });
    if (record.diverged) divergedAt.set(record.racer, record.epoch);
  }
  const rows = prepared.train.rows;
  const views: RacerView[] = prepared.config.racers.map((r, i) => {
    const history = histories.get(r.id)!;
    const initial = history[0].loss ?? NaN;
    const near = history.find((h) => h.loss !== null && nearOptimum(h.loss, prepared.optimum.loss, initial)) ?? null;
    const diverged = divergedAt.get(r.id);
    return {
      id: r.id,
      label: r.label,
      color: COLORS[i % COLORS.length],
      optimizer: r.optimizer,
      batchSize: r.batchSize,
      stepsPerEpoch: r.batchSize === 'full' ? 1 : Math.ceil(rows / r.batchSize),
      status: diverged !== undefined ? 'diverged' : 'finished',
      ...(diverged !== undefined ? { divergedAt: diverged } : {}),
      history,
      latest: history[history.length - 1],
      epochsToOptimum: near?.epoch ?? null,
      msToOptimum: near?.cumulativeMs ?? null,
      cost: costOf(history),
      spentMs: history[history.length - 1].cumulativeMs,
      lr: r.options.lr,
      changes: r.changes,
    };
  });
  if (failed) {
    views.push({
      id: 'broken',
      label: 'Broken',
      color: '#8C8C8C',
      optimizer: 'sgd',
      batchSize: 2,
      stepsPerEpoch: Math.ceil(rows / 2),
      status: 'failed',
      error: 'worker crashed',
      history: [],
      latest: null,
      epochsToOptimum: null,
      msToOptimum: null,
      cost: null,
      spentMs: 0,
      lr: 0.01,
      changes: [],
    });
  }
  return {
    spec,
    clock: prepared.config.clock,
    epochs,
    train: prepared.train,
    holdout: prepared.holdout,
    optimum: prepared.optimum,
    start: startPoint(prepared),
    surface: new LossSurface(prepared.train, prepared.optimum),
    racers: views,
  };
}

/** The cost a session's sampler reports for these epochs' times. */
function costOf(history: readonly HistoryPoint[]): RacerView['cost'] {
  const sampler = new CostSampler();
  sampler.add(history.map((h) => h.ms), 1);
  return sampler.cost;
}

/** jsdom has no ResizeObserver, which Svelte's bind:clientWidth uses; charts then fall back to their default width. */
export function stubResizeObserver(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

/**
 * A hand-made racer for helper tests: one recorded epoch per loss (epoch i, i·stepsPerEpoch
 * steps, ms per epoch `ms` from epoch 1), weights w = [[i]], b = [0] unless given.
 */
export function handRacer(id: string, losses: readonly (number | null)[], extra: Partial<RacerView> & { ms?: number } = {}): RacerView {
  const { ms = 1, ...rest } = extra;
  const stepsPerEpoch = rest.stepsPerEpoch ?? 1;
  const history: HistoryPoint[] = losses.map((loss, epoch) => ({
    epoch,
    loss,
    steps: epoch * stepsPerEpoch,
    ms: epoch === 0 ? 0 : ms,
    cumulativeMs: epoch * ms,
    w: [[epoch]],
    b: [0],
  }));
  return {
    id,
    label: id.toUpperCase(),
    color: '#000000',
    optimizer: 'sgd',
    batchSize: 'full',
    stepsPerEpoch,
    status: 'running',
    history,
    latest: history[history.length - 1] ?? null,
    epochsToOptimum: null,
    msToOptimum: null,
    cost: costOf(history),
    spentMs: history.length > 0 ? history[history.length - 1].cumulativeMs : 0,
    lr: 0.01,
    changes: [],
    ...rest,
  };
}
