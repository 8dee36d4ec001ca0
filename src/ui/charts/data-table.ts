/**
 * The numbers behind a chart, as ChartFrame's "Table" view shows them: text cells, the
 * first column of each row being its header.
 */
export interface DataTable {
  caption: string;
  columns: string[];
  rows: string[][];
  /** A button under the caption, e.g. the full-resolution export of a thinned table. */
  action?: { label: string; run: () => void };
}
