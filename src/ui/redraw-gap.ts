/**
 * How long the page waits between two redraws while records stream in: a max-speed race
 * sends records every frame, and drawing every one of them would leave the page no idle
 * time at all. At most ~30 redraws a second, and no more than a third of the time spent
 * redrawing (three times the last redraw's script time), so a slow phone redraws less
 * often rather than stalling; at least four a second, so the race is still seen moving.
 */
export const MIN_REDRAW_GAP_MS = 30;
export const MAX_REDRAW_GAP_MS = 250;

export function redrawGap(lastRedrawMs: number): number {
  return Math.min(MAX_REDRAW_GAP_MS, Math.max(MIN_REDRAW_GAP_MS, 3 * lastRedrawMs));
}
