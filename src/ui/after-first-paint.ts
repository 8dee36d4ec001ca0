/**
 * Runs `fn` in a task of its own once the page has had its first contentful paint, so that
 * what the first screen does not show (the charts under it, the setup and data column) is
 * mounted after that paint and cannot delay it. Double requestAnimationFrame is not enough:
 * on a loaded two-core machine the compositor presents the first frame after the second
 * callback has already run, and the work done there lands before the first paint.
 *
 * Where the browser reports no paints (no Paint Timing, or a page opened in the background,
 * which does not paint), `fn` runs after `fallbackMs` instead. Returns a cancel function.
 */
export function afterFirstPaint(fn: () => void, fallbackMs = 2000): () => void {
  let done = false;
  let observer: PerformanceObserver | null = null;
  const run = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    clearTimeout(fallback);
    setTimeout(fn, 0);
  };
  const fallback = setTimeout(run, fallbackMs);
  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  if (painted()) run();
  else if (typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    observer = new PerformanceObserver(() => {
      if (painted()) run();
    });
    observer.observe({ type: 'paint', buffered: true });
  }
  return () => {
    done = true;
    observer?.disconnect();
    clearTimeout(fallback);
  };
}

/** A promise that resolves in a new task: lets the browser paint and handle input between two pieces of work. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
