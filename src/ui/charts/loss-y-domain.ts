/**
 * The loss chart's y domain from every value it draws (training and hold-out losses and
 * the optimum). Log: from the smallest positive value to the largest, widened to whole
 * decades so the ticks are powers of ten; zeros and negatives have no logarithm and are
 * left out (the line shows a gap there). Linear: from zero (or below, never for an MSE) to
 * a nice maximum. Null and non-finite values are gaps, never part of the domain.
 */
import { nice } from 'd3';
import { RunningExtent } from './running-extent.ts';

export type YScaleKind = 'log' | 'linear';

export function lossYDomain(values: Iterable<number | null | undefined>, scale: YScaleKind): [number, number] {
  const range = new RunningExtent();
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v) || (scale === 'log' && v <= 0)) continue;
    range.add(v);
  }
  const { lo, hi } = range;
  if (scale === 'log') {
    if (range.empty) return [1, 10];
    const bottom = 10 ** Math.floor(Math.log10(lo));
    const top = 10 ** Math.ceil(Math.log10(hi));
    return top > bottom ? [bottom, top] : [bottom, bottom * 10];
  }
  if (range.empty) return [0, 1];
  const [bottom, top] = nice(Math.min(0, lo), hi, 5);
  return top > bottom ? [bottom, top] : [bottom, bottom + 1];
}
