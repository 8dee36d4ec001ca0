/**
 * How many times longer one unit along x is drawn than one unit along y: 1 when the axes
 * are to the same scale. With independent scales (the path chart's principal directions
 * differ by orders of magnitude) the caption must say so, and by how much.
 */
export function unitAspect(xDomain: readonly [number, number], xRange: readonly [number, number], yDomain: readonly [number, number], yRange: readonly [number, number]): number {
  const perX = Math.abs(xRange[1] - xRange[0]) / Math.abs(xDomain[1] - xDomain[0]);
  const perY = Math.abs(yRange[1] - yRange[0]) / Math.abs(yDomain[1] - yDomain[0]);
  return perX / perY;
}
