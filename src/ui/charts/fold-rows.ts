/**
 * A list with a row per racer (the leaderboard, the cost bars) shows its first rows and a
 * button for the rest, so that a race of 30 racers does not push every chart under it a
 * screen further down. Folding hides at least `least` rows or none: a race of 8, 9 or 10
 * racers shows them all rather than a button for one or two.
 */
export const FOLD_KEEP = 8;
export const FOLD_LEAST = 3;

export interface Folded<T> {
  shown: readonly T[];
  /** Rows the fold hides (0 when open or short). */
  hidden: number;
  /** Whether the list is long enough to fold at all (the button shows). */
  foldable: boolean;
}

export function foldRows<T>(rows: readonly T[], open: boolean, keep = FOLD_KEEP, least = FOLD_LEAST): Folded<T> {
  const foldable = rows.length - keep >= least;
  const shown = foldable && !open ? rows.slice(0, keep) : rows;
  return { shown, hidden: rows.length - shown.length, foldable };
}
