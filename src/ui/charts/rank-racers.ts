/**
 * The leaderboard's order: racers with a current loss by that loss, lowest first, ranked
 * competition-style (equal losses share a rank: 1, 1, 3 — every racer ties at epoch 0);
 * then, unranked and in their own order, racers with no loss yet, no finite loss, or an
 * error. Ties keep the racers' order, so the board does not shuffle between equal rows.
 */
import type { RacerView } from '../view-model.ts';

export interface RankedRacer {
  racer: RacerView;
  /** 1-based, or null for a racer not in the running. */
  rank: number | null;
}

export function rankRacers(racers: readonly RacerView[]): RankedRacer[] {
  const lossOf = (r: RacerView) => (r.status !== 'failed' && r.latest?.loss != null && Number.isFinite(r.latest.loss) ? r.latest.loss : null);
  const running = racers.filter((r) => lossOf(r) !== null).sort((a, b) => lossOf(a)! - lossOf(b)!);
  const ranked = running.map((racer, i) => ({ racer, rank: i + 1 }));
  for (let i = 1; i < ranked.length; i++) {
    if (lossOf(ranked[i].racer) === lossOf(ranked[i - 1].racer)) ranked[i].rank = ranked[i - 1].rank;
  }
  return [...ranked, ...racers.filter((r) => lossOf(r) === null).map((racer) => ({ racer, rank: null }))];
}
