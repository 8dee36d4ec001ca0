/**
 * A racer's status in words, the one rule for the leaderboard, the Sweep panel's table and
 * the range-test chart: how it ended and why ("diverged at epoch 5", "stopped: loss passed
 * 4× its minimum at epoch 18", "cancelled at epoch 40", "failed: …"), else the status itself
 * ("running").
 */
import { RANGE_TEST_STOP_FACTOR } from '../../core/race/racer-run.ts';
import type { RacerView } from '../view-model.ts';

export function statusText(r: Pick<RacerView, 'status' | 'divergedAt' | 'stoppedAt' | 'error' | 'latest'>): string {
  const at = (epoch: number | undefined) => epoch ?? r.latest?.epoch ?? '?';
  if (r.status === 'diverged') return `diverged at epoch ${at(r.divergedAt)}`;
  if (r.status === 'stopped') return `stopped: loss passed ${RANGE_TEST_STOP_FACTOR}× its minimum at epoch ${at(r.stoppedAt)}`;
  if (r.status === 'cancelled') return `cancelled at epoch ${at(undefined)}`;
  if (r.status === 'failed') return `failed: ${r.error ?? 'unknown error'}`;
  return r.status;
}
