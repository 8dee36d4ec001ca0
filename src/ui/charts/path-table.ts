/**
 * The path chart's numbers: the optimum, and each racer's start and current position in
 * the slice's coordinates with its loss; the contour levels the chart draws in the caption.
 */
import type { Slice } from '../../core/analysis/loss-surface.ts';
import type { RaceView } from '../view-model.ts';
import { contourLevels } from './contour-levels.ts';
import type { DataTable } from './data-table.ts';
import { formatNumber } from './format-number.ts';
import { pathDomain } from './path-domain.ts';
import { racerPaths } from './racer-paths.ts';

export function pathTable(race: Pick<RaceView, 'racers' | 'start'>, slice: Slice, levelCount = 10): DataTable {
  const f = (v: number | null) => formatNumber(v, 6);
  const paths = racerPaths(race.racers, slice);
  const [sx, sy] = slice.project(race.start);
  const rows = [['optimum', '—', f(slice.center[0]), f(slice.center[1]), f(slice.optimumLoss)]];
  for (const path of paths) {
    const ends = path.points.length > 1 ? [path.points[0], path.points[path.points.length - 1]] : path.points;
    for (const p of ends) rows.push([path.label, String(p.epoch), f(p.x), f(p.y), f(p.loss)]);
  }
  const anchors: [number, number][] = Number.isFinite(sx) && Number.isFinite(sy) ? [slice.center, [sx, sy]] : [slice.center];
  const levels = contourLevels(slice, pathDomain(paths, anchors), levelCount);
  const contours = levels.length ? `; contours at losses ${levels.map((l) => formatNumber(l)).join(', ')}` : '';
  return {
    caption: `Start and current position of each racer, ${slice.labels[0]} × ${slice.labels[1]}${contours}`,
    columns: ['racer', 'epoch', slice.labels[0], slice.labels[1], 'loss'],
    rows,
  };
}
