/**
 * How the page's race view describes one racer: its standing (who it is and how it stands),
 * shared by a racer's view and a sweep run's, and a sweep run's view itself.
 */
import type { Racer } from '../core/config/schema.ts';
import type { RacerState } from '../race/index.ts';
import type { RunTally } from './sweep/run-tally.ts';
import type { HistoryPoint, RacerStatus, RacerView } from './view-model.ts';

const NO_HISTORY: readonly HistoryPoint[] = [];

/** What a racer's view and a sweep run's view show alike: who it is and how it stands. */
export type Standing = Pick<RacerView, 'id' | 'label' | 'color' | 'optimizer' | 'batchSize' | 'stepsPerEpoch' | 'status' | 'error' | 'divergedAt' | 'stoppedAt' | 'spentMs' | 'lr' | 'changes' | 'sweep'>;

/**
 * A racer's standing, its optional fields set only when it has them. Built by assignment:
 * object literals of conditional spreads cost ~15 µs each in V8, and the first redraw of a
 * 10,000-run sweep after Play (every run's status changes) took 184 ms building them.
 */
export function standingOf(r: Racer, color: string, rows: number, state: RacerState | undefined): Standing {
  const standing: Standing = {
    id: r.id,
    label: r.label,
    color,
    optimizer: r.optimizer,
    batchSize: r.batchSize,
    stepsPerEpoch: Math.ceil(rows / (r.batchSize === 'full' ? rows : r.batchSize)),
    status: state ? state.status : 'ready',
    spentMs: state?.spentMs ?? 0,
    lr: state?.lr ?? r.options.lr,
    changes: state?.changes ?? r.changes,
  };
  if (state?.error) standing.error = state.error;
  if (state?.divergedAt !== undefined) standing.divergedAt = state.divergedAt;
  if (state?.stoppedAt !== undefined) standing.stoppedAt = state.stoppedAt;
  if (r.sweep) standing.sweep = r.sweep;
  return standing;
}

/**
 * A sweep's run as the charts see it: its standing and its tally, no history, and its latest
 * record (weights and all) made only when read. One class, so that the thousands rebuilt in a
 * redraw share one shape and cost about a microsecond each.
 */
export class RunView implements RacerView {
  declare id: string;
  declare label: string;
  declare color: string;
  declare optimizer: RacerView['optimizer'];
  declare batchSize: RacerView['batchSize'];
  declare stepsPerEpoch: number;
  declare status: RacerStatus;
  declare error?: string;
  declare divergedAt?: number;
  declare stoppedAt?: number;
  declare spentMs: number;
  declare lr: number;
  declare changes: RacerView['changes'];
  declare sweep?: RacerView['sweep'];
  readonly history = NO_HISTORY;
  readonly epochsToOptimum = null;
  readonly msToOptimum = null;
  readonly cost = null;

  readonly tally: RunTally;

  constructor(standing: Standing, tally: RunTally) {
    Object.assign(this, standing);
    this.tally = tally;
  }

  get latest(): HistoryPoint | null {
    return this.tally.latest;
  }
}
