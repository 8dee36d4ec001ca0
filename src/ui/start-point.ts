/**
 * Epoch 0 of a prepared race, computed on the spot: every racer starts from the same
 * weights, so before any record arrives the page already knows where they all stand.
 */
import { mseOf } from '../core/race/optimum.ts';
import type { PreparedRace } from '../core/race/prepare.ts';
import type { HistoryPoint } from './view-model.ts';

export function startPoint({ train, holdout, init }: Pick<PreparedRace, 'train' | 'holdout' | 'init'>): HistoryPoint {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    epoch: 0,
    loss: finite(mseOf(train, init)),
    ...(holdout ? { holdoutLoss: finite(mseOf(holdout, init)) } : {}),
    steps: 0,
    ms: 0,
    cumulativeMs: 0,
    w: init.w.map((row) => [...row]),
    b: [...init.b],
  };
}
