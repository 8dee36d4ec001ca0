/**
 * The width to draw at: the container's measured width, or a default while it is unknown
 * (before layout, and in jsdom, where every clientWidth is 0).
 */
export const FALLBACK_WIDTH = 640;

export function chartWidth(measured: number | null | undefined): number {
  return measured && measured > 0 ? measured : FALLBACK_WIDTH;
}
