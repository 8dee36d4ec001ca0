/**
 * Each racer's path through a parameter-space slice: its recorded weights projected onto
 * the slice, epoch by epoch. Points whose weights are not finite (a diverged racer's last
 * epochs can overflow) have no place on the chart and are dropped.
 */
import type { Slice } from '../../core/analysis/loss-surface.ts';
import type { HistoryPoint, RacerView } from '../view-model.ts';

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

/** Where a recorded epoch sits on a slice, or null when its weights are not finite. */
export type Projector = (point: HistoryPoint) => PathPoint | null;

/**
 * A projector for one slice that projects each recorded epoch once: a running racer's
 * history keeps its earlier points (the same objects) from frame to frame, so a redraw
 * projects only the epochs that arrived since.
 */
export function sliceProjector(slice: Pick<Slice, 'project'>): Projector {
  const known = new WeakMap<HistoryPoint, PathPoint | null>();
  return (h) => {
    let p = known.get(h);
    if (p === undefined) {
      const [x, y] = slice.project(h);
      p = Number.isFinite(x) && Number.isFinite(y) ? { x, y, epoch: h.epoch, loss: h.loss } : null;
      known.set(h, p);
    }
    return p;
  };
}

export function racerPath(r: RacerView, project: Projector): RacerPath {
  const points: PathPoint[] = [];
  for (const h of r.history) {
    const p = project(h);
    if (p) points.push(p);
  }
  return { id: r.id, label: r.label, color: r.color, diverged: r.status === 'diverged' || r.divergedAt !== undefined, points };
}

export function racerPaths(racers: readonly RacerView[], slice: Pick<Slice, 'project'>): RacerPath[] {
  const project = sliceProjector(slice);
  return racers.map((r) => racerPath(r, project));
}
