/** Types the chart marks share (Svelte components cannot export types from their instance script). */

/** The point marks charts draw. */
export type MarkShape = 'dot' | 'diamond' | 'cross' | 'plus';

/** A legend entry in any of the charts' styles. */
export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** A line swatch (solid or dashed) or a point mark. */
  swatch: 'line' | 'dashed' | MarkShape;
}

/** One racer's line in the loss chart's crosshair readout. */
export interface TooltipRow {
  key: string;
  label: string;
  color: string;
  value: string;
  /** Hold-out loss, when the race has a hold-out set. */
  holdout?: string;
  /** E.g. "epoch 12" when the x axis is not epochs, or "diverged". */
  note?: string;
}
