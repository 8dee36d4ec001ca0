/**
 * Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and
 * readable on light and dark backgrounds (black is replaced by a grey that works on both).
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#8C8C8C'] as const;

/** The colour of the racer at `index` unless it has its own. */
export function racerColor(index: number, own?: string): string {
  return own ?? PALETTE[index % PALETTE.length];
}
