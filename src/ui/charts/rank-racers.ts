/**
 * The leaderboard's order, the one rule for who leads (the board, the loss chart's summary
 * and the page's announcements all read it):
 *  1. racers that reached the finish (a loss within the target gap of the optimum), by when
 *     they first did on the chosen axis (epochs, steps or ms), then by best loss;
 *  2. racers still on the way, by their best loss so far;
 *  3. unranked, in their own order: racers with no finite loss yet, then diverged and
 *     failed racers (whatever they reached before).
 * Ranks are competition-style (equal keys share a rank: 1, 1, 3 — every racer ties at
 * epoch 0), and ties keep the racers' order, so the board does not shuffle between equal rows.
 *
 * "When" is read from the drawn history, which keeps every epoch up to a cap and then one
 * window's lowest, highest and last epochs: past the cap the first point found within the
 * gap may be up to a window late, and `exact` says so.
 */
import { withinGap } from '../../core/analysis/target-gap.ts';
import type { HistoryPoint, RacerView } from '../view-model.ts';
import { LOSS_X_AXES, type LossXAxis } from './loss-x-axis.ts';

export interface Finish {
  optimumLoss: number;
  /** 0.25: within 25% of the optimum's loss. */
  gap: number;
  axis: LossXAxis;
}

export interface Reached {
  point: HistoryPoint;
  /** Its position on the finish's axis. */
  at: number;
  /** False when the history before it is thinned (the true first epoch may be earlier). */
  exact: boolean;
}

export interface RankedRacer {
  racer: RacerView;
  /** 1-based, or null for a racer not in the running. */
  rank: number | null;
  /** Lowest finite loss so far, or null. */
  best: number | null;
  reached: Reached | null;
}

const out = (r: RacerView) => r.status === 'failed' || r.status === 'diverged';

export function firstReach(racer: RacerView, finish: Finish): Reached | null {
  const h = racer.history;
  const initial = h[0]?.loss ?? NaN;
  for (let i = 0; i < h.length; i++) {
    const loss = h[i].loss;
    if (loss !== null && Number.isFinite(loss) && withinGap(loss, finish.optimumLoss, initial, finish.gap)) {
      const exact = i === 0 || h[i - 1].epoch === h[i].epoch - 1;
      return { point: h[i], at: LOSS_X_AXES[finish.axis].of(h[i]), exact };
    }
  }
  return null;
}

function bestLoss(racer: RacerView): number | null {
  let best: number | null = null;
  for (const p of racer.history) if (p.loss !== null && Number.isFinite(p.loss) && (best === null || p.loss < best)) best = p.loss;
  return best;
}

export function rankRacers(racers: readonly RacerView[], finish: Finish): RankedRacer[] {
  const all = racers.map((racer) => ({ racer, rank: null as number | null, best: bestLoss(racer), reached: out(racer) ? null : firstReach(racer, finish) }));
  const running = all.filter((r) => !out(r.racer) && r.best !== null);
  // [reached?, when, best]: compared in order.
  const key = (r: RankedRacer): [number, number, number] => (r.reached ? [0, r.reached.at, r.best!] : [1, 0, r.best!]);
  const compare = (a: RankedRacer, b: RankedRacer) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  };
  running.sort(compare);
  running.forEach((r, i) => (r.rank = i > 0 && compare(running[i - 1], r) === 0 ? running[i - 1].rank : i + 1));
  const waiting = all.filter((r) => !out(r.racer) && r.best === null);
  const gone = all.filter((r) => out(r.racer));
  return [...running, ...waiting, ...gone];
}
