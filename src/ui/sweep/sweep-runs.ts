/**
 * A sweep's runs as the Sweep panel reads them: one row per run, from the race view (the
 * runs are ordinary racers that carry `sweep`), with its final, best and hold-out loss and
 * how it ended. A run's "final" loss is its latest: the one it ends with once it finished.
 */
import { firstReach } from '../charts/rank-racers.ts';
import type { RacerView, RaceView } from '../view-model.ts';

export interface SweepRun {
  racer: RacerView;
  /** Grid indices, one per axis. */
  point: readonly number[];
  values: Readonly<Record<string, number | 'full'>>;
  /** Latest training loss (finite), or null. */
  final: number | null;
  holdout: number | null;
  best: number | null;
  diverged: boolean;
  divergedAt: number | null;
  /** A range test that stopped (its loss passed 4 × its lowest), and the epoch it did. */
  stopped: boolean;
  stoppedAt: number | null;
  /** Ended by Cancel before its last epoch: its losses are partial (as of its latest epoch). */
  cancelled: boolean;
  /** Finished, diverged, stopped, cancelled or failed: nothing more will come. */
  done: boolean;
  /** First epoch within the leaderboard's target gap of the optimum, or null. */
  epochsToTarget: number | null;
}

const finite = (v: number | null | undefined): number | null => (v !== null && v !== undefined && Number.isFinite(v) ? v : null);

export function sweepRuns(race: RaceView, sweep: number, gap: number): SweepRun[] {
  return race.racers.flatMap((r) => {
    if (!r.sweep || r.sweep.sweep !== sweep) return [];
    let best: number | null = null;
    for (const p of r.history) if (finite(p.loss) !== null && (best === null || p.loss! < best)) best = p.loss;
    const diverged = r.status === 'diverged' || r.divergedAt !== undefined;
    const reached = firstReach(r, { optimumLoss: race.optimum.loss, gap, axis: 'epoch' });
    return [
      {
        racer: r,
        point: r.sweep.point,
        values: r.sweep.values,
        final: diverged ? null : finite(r.latest?.loss),
        holdout: diverged ? null : finite(r.latest?.holdoutLoss),
        best,
        diverged,
        divergedAt: r.divergedAt ?? null,
        stopped: r.status === 'stopped',
        stoppedAt: r.stoppedAt ?? null,
        cancelled: r.status === 'cancelled',
        done: diverged || r.status === 'finished' || r.status === 'stopped' || r.status === 'cancelled' || r.status === 'failed',
        epochsToTarget: reached ? reached.point.epoch : null,
      },
    ];
  });
}

/**
 * The run with the lowest final loss among those that did not diverge, or null. A cancelled
 * run's loss is partial (it stopped early), so it is not compared with the others.
 */
export function bestRun(runs: readonly SweepRun[]): SweepRun | null {
  let best: SweepRun | null = null;
  for (const run of runs) if (run.final !== null && !run.cancelled && (best === null || run.final < best.final!)) best = run;
  return best;
}
