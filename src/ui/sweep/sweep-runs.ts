/**
 * A sweep's runs as the Sweep panel reads them: one row per run, from the race view (the
 * runs are ordinary racers that carry `sweep`, and the page keeps a tally of each: see
 * RunTally), with its final, best and hold-out loss and how it ended. A run's "final" loss
 * is its latest: the one it ends with once it finished. O(1) per run: a panel of 10,000
 * runs is recomputed every redraw while they stream in.
 */
import type { RacerView, RaceView } from '../view-model.ts';
import type { CurvePoint } from './run-tally.ts';

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
  /** Its latest epoch (−1 before epoch 0 arrives). */
  epoch: number;
}

/**
 * A run's loss curve (kept sparse, with each epoch's lr for a range test), made when asked:
 * from its tally, or the history of a hand-made view.
 */
export function curveOf(run: SweepRun): readonly CurvePoint[] {
  return run.racer.tally ? run.racer.tally.curve() : run.racer.history;
}

const finite = (v: number | null | undefined): number | null => (v !== null && v !== undefined && Number.isFinite(v) ? v : null);

/**
 * Each run's last row, reused while its view, tally and gap are the same: a worker hands over
 * a few hundred runs' records at a time, so most of a 10,000-run sweep's rows are unchanged
 * from one redraw to the next.
 */
const rows = new WeakMap<RacerView, { version: number; gap: number; row: SweepRun }>();

export function sweepRuns(race: RaceView, sweep: number, gap: number): SweepRun[] {
  const out: SweepRun[] = [];
  for (const r of race.racers) {
    if (!r.sweep || r.sweep.sweep !== sweep) continue;
    const { tally } = r;
    const version = tally ? tally.version : -1;
    const kept = rows.get(r);
    if (kept && kept.version === version && kept.gap === gap && tally) {
      out.push(kept.row);
      continue;
    }
    const diverged = r.status === 'diverged' || r.divergedAt !== undefined;
    // The tally's numbers, not `latest` (which would build the weights of every run every redraw).
    const latest = tally ? null : r.latest;
    const row: SweepRun = {
      racer: r,
      point: r.sweep.point,
      values: r.sweep.values,
      final: diverged ? null : finite(tally ? tally.loss : latest?.loss),
      holdout: diverged ? null : finite(tally ? tally.holdoutLoss : latest?.holdoutLoss),
      best: tally && tally.bestEpoch >= 0 ? tally.bestLoss : null,
      diverged,
      divergedAt: r.divergedAt ?? null,
      stopped: r.status === 'stopped',
      stoppedAt: r.stoppedAt ?? null,
      cancelled: r.status === 'cancelled',
      done: diverged || r.status === 'finished' || r.status === 'stopped' || r.status === 'cancelled' || r.status === 'failed',
      epochsToTarget: tally ? tally.reached(gap) : null,
      epoch: tally ? tally.epoch : (latest?.epoch ?? -1),
    };
    if (tally) rows.set(r, { version, gap, row });
    out.push(row);
  }
  return out;
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
