/**
 * Where a legend's items go inside an SVG of a given width: left to right, wrapping to a
 * new row when the next item would overflow. Text width is estimated from its length (an
 * SVG cannot be measured before it is drawn, nor in jsdom); the estimate errs wide.
 */
export interface LegendMetrics {
  charWidth: number;
  /** Swatch and the space after it. */
  swatch: number;
  /** Space between items. */
  gap: number;
  rowHeight: number;
}

export const LEGEND_METRICS: LegendMetrics = { charWidth: 6.6, swatch: 22, gap: 14, rowHeight: 18 };

export function legendLayout(labels: readonly string[], width: number, metrics: LegendMetrics = LEGEND_METRICS): { positions: { x: number; y: number }[]; height: number } {
  let x = 0;
  let row = 0;
  const positions = labels.map((label) => {
    const w = metrics.swatch + label.length * metrics.charWidth;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const at = { x, y: row * metrics.rowHeight };
    x += w + metrics.gap;
    return at;
  });
  return { positions, height: labels.length ? (row + 1) * metrics.rowHeight : 0 };
}
