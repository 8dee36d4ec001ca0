/**
 * The loss chart's accessible summary, e.g. "Loss per epoch for 6 racers; Adam leads at
 * 1.02; the optimum is 0.909." — what a sighted reader takes from the chart at a glance.
 */
import type { RacerView } from '../view-model.ts';
import { formatNumber } from './format-number.ts';
import { LOSS_X_AXES, type LossXAxis } from './loss-x-axis.ts';
import { DEFAULT_TARGET_GAP } from '../../core/analysis/target-gap.ts';
import { rankRacers } from './rank-racers.ts';

export function lossSummary(racers: readonly RacerView[], axis: LossXAxis, optimumLoss: number): string {
  const n = racers.length;
  const head = `Loss ${LOSS_X_AXES[axis].per} for ${n} racer${n === 1 ? '' : 's'}`;
  const leaders = rankRacers(racers, { optimumLoss, gap: DEFAULT_TARGET_GAP, axis }).filter((r) => r.rank === 1);
  const loss = formatNumber(leaders[0]?.racer.latest?.loss);
  const leader =
    leaders.length === 0 ? 'no losses yet' : leaders.length === 1 ? `${leaders[0].racer.label} leads at ${loss}` : `${leaders.length} racers tie at ${loss}`;
  return `${head}; ${leader}; the optimum is ${formatNumber(optimumLoss)}.`;
}
