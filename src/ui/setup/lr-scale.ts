/**
 * The learning-rate slider's log scale: 20 positions per decade, each a learning rate
 * rounded to two significant digits (1e-5, 1.1e-5, 1.3e-5, …), so a dragged value reads
 * well in the setup, the update rule and the share link.
 *
 * The range is anchored where it will not move while the slider is dragged: around GD's
 * stability limit when the racer has one, else the optimizer's PyTorch default lr (or the
 * racer's own), three decades either side, widened to hold the racer's lr if it is beyond.
 */
export const STEPS_PER_DECADE = 20;

export interface LrRange {
  /** Powers of ten: the slider's ends. */
  min: number;
  max: number;
}

const decade = (x: number) => Math.floor(Math.log10(x) + 1e-9);

export function lrRange(lr: number | undefined, anchor: number): LrRange {
  const a = decade(anchor);
  let lo = a - 3;
  let hi = a + 3;
  if (lr !== undefined && lr > 0 && Number.isFinite(lr)) {
    lo = Math.min(lo, decade(lr));
    hi = Math.max(hi, Math.ceil(Math.log10(lr) - 1e-9));
  }
  return { min: 10 ** lo, max: 10 ** hi };
}

/** The slider position (0 … steps) nearest to lr. */
export function lrPosition(lr: number, range: LrRange): number {
  const steps = lrSteps(range);
  if (!(lr > 0)) return 0;
  return Math.max(0, Math.min(steps, Math.round(Math.log10(lr / range.min) * STEPS_PER_DECADE)));
}

/** The learning rate at a slider position, rounded to two significant digits. */
export function lrAt(position: number, range: LrRange): number {
  const raw = range.min * 10 ** (position / STEPS_PER_DECADE);
  return Number(raw.toPrecision(2));
}

export function lrSteps(range: LrRange): number {
  return Math.round(Math.log10(range.max / range.min) * STEPS_PER_DECADE);
}
