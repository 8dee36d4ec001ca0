/**
 * The caption's sentence about the path chart's axes, from unitAspect: within 2% they
 * count as the same scale; otherwise it says which unit is drawn longer, and how many
 * times (so a reader does not take a stretched ellipse for the true shape).
 */
import { formatNumber } from './format-number.ts';

export function scaleNote(aspect: number): string {
  if (!(aspect > 0) || !Number.isFinite(aspect)) return 'The axes are not to the same scale.';
  if (Math.abs(Math.log(aspect)) <= Math.log(1.02)) return 'The axes are to the same scale.';
  return aspect > 1
    ? `The axes are not to the same scale: a unit across is drawn ${formatNumber(aspect)}× as long as a unit up.`
    : `The axes are not to the same scale: a unit up is drawn ${formatNumber(1 / aspect)}× as long as a unit across.`;
}
