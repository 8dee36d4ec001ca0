/**
 * How long the page waits between two redraws while records stream in: a max-speed race
 * sends records every frame, and drawing every one of them would leave the page no idle
 * time at all. At most ~30 redraws a second, and no more than a third of the time spent
 * redrawing (three times the last redraw's main-thread time: its script and the frame that
 * rendered it), so a slow phone redraws less often rather than stalling; at least four a
 * second, so the race is still seen moving.
 */
export const MIN_REDRAW_GAP_MS = 30;
export const MAX_REDRAW_GAP_MS = 250;

export function redrawGap(lastRedrawMs: number): number {
  return Math.min(MAX_REDRAW_GAP_MS, Math.max(MIN_REDRAW_GAP_MS, 3 * lastRedrawMs));
}

/** A render timed longer than this counts as this: a task that waited behind the frame is not its cost. */
export const MAX_RENDER_MS = 100;

/**
 * Calls back with the main thread's time for the next frame's style, layout and paint: from
 * the frame's start (its animation callbacks run first) to the first task after it. Never
 * called back where there are no frames.
 */
export function timeNextRender(done: (ms: number) => void): void {
  if (typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => {
    const start = performance.now();
    setTimeout(() => done(Math.min(MAX_RENDER_MS, performance.now() - start)), 0);
  });
}
