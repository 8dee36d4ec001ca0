/**
 * The rows a chart draws (or a table lists) when a data set has more than it can show:
 * every row up to `limit`, beyond that `limit` rows spread evenly from the first, in order.
 * Evenly spread, not the first rows: a data set sorted by target would otherwise show one
 * end of its range only. The same rows every time, so points do not jump between frames.
 */
export function rowSample(rows: number, limit: number): number[] {
  const n = Math.min(rows, Math.max(0, Math.floor(limit)));
  return Array.from({ length: n }, (_, i) => (n === rows ? i : Math.floor((i * rows) / n)));
}

/** How much of a set a sample shows, e.g. "300 of 200,000 training rows". */
export function sampleNote(shown: number, rows: number, set: string): string {
  return `${shown.toLocaleString('en')} of ${rows.toLocaleString('en')} ${set} rows`;
}
