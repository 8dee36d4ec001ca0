/**
 * What every chart canvas of the Sweep panel does before it draws, and how it reads the
 * pointer: one place, so the heatmap's cells and the U-curve's dots size and hit-test alike.
 */

/**
 * Sizes `canvas` for `width` × `height` CSS pixels at the screen's pixel ratio (sharp on a
 * phone's 3× screen) and returns its context, cleared and scaled to CSS pixels; null where
 * there is no canvas (jsdom).
 */
export function sizedContext(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** The pointer's position in the canvas's CSS pixels. */
export function pointerIn(event: PointerEvent): [number, number] {
  const box = (event.currentTarget as HTMLCanvasElement).getBoundingClientRect();
  return [event.clientX - box.left, event.clientY - box.top];
}
