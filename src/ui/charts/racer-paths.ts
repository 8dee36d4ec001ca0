/**
 * Each racer's path through a parameter-space slice: its recorded weights projected onto
 * the slice, epoch by epoch. Points whose weights are not finite (a diverged racer's last
 * epochs can overflow) have no place on the chart and are dropped.
 */
import type { Slice } from '../../core/analysis/loss-surface.ts';
import type { RacerView } from '../view-model.ts';

export interface PathPoint {
  x: number;
  y: number;
  epoch: number;
  /** The racer's full training loss at this epoch (not the loss on the slice). */
  loss: number | null;
}

export interface RacerPath {
  id: string;
  label: string;
  color: string;
  diverged: boolean;
  points: PathPoint[];
}

export function racerPaths(racers: readonly RacerView[], slice: Pick<Slice, 'project'>): RacerPath[] {
  return racers.map((r) => ({
    id: r.id,
    label: r.label,
    color: r.color,
    diverged: r.status === 'diverged' || r.divergedAt !== undefined,
    points: r.history.flatMap((h) => {
      const [x, y] = slice.project(h);
      return Number.isFinite(x) && Number.isFinite(y) ? [{ x, y, epoch: h.epoch, loss: h.loss }] : [];
    }),
  }));
}
