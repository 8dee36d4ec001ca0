/**
 * Where a legend's items go inside an SVG of a given width: left to right, wrapping to a
 * new row when the next item would overflow. Text width is estimated per character (an SVG
 * cannot be measured before it is drawn, nor in jsdom) from DejaVu Sans, the widest of the
 * common system sans fonts (Linux's default), so the estimate errs wide elsewhere: a flat
 * 6.6 px a character let "Momentum" (68 px in DejaVu at 12 px) run into the next swatch.
 */
export interface LegendMetrics {
  charWidth: number;
  /** Swatch and the space after it. */
  swatch: number;
  /** Space between items. */
  gap: number;
  rowHeight: number;
}

/** charWidth is the font size (px) the per-character widths (in em) are scaled by. */
export const LEGEND_METRICS: LegendMetrics = { charWidth: 12, swatch: 22, gap: 14, rowHeight: 18 };

/** Advance widths in em, DejaVu Sans, rounded up. */
function charEm(c: string): number {
  if ('ijlI.,:;|!\''.includes(c)) return 0.3;
  if ('frt()[]'.includes(c)) return 0.42;
  if (c === ' ') return 0.33;
  if (c === 'm') return 0.98;
  if (c === 'w') return 0.83;
  if (c === 'M' || c === 'W') return 1.0;
  if (/[A-Z]/.test(c)) return 0.77;
  if (/[0-9]/.test(c)) return 0.64;
  if (/[a-z]/.test(c)) return 0.64;
  return 0.85;
}

/** The estimated width (px) of a label at `fontSize` px. */
export function textWidth(label: string, fontSize: number): number {
  let em = 0;
  for (const c of label) em += charEm(c);
  return em * fontSize;
}

export function legendLayout(labels: readonly string[], width: number, metrics: LegendMetrics = LEGEND_METRICS): { positions: { x: number; y: number }[]; height: number } {
  let x = 0;
  let row = 0;
  const positions = labels.map((label) => {
    const w = metrics.swatch + textWidth(label, metrics.charWidth);
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
