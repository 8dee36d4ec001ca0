/**
 * The finish of a race: a loss within `gap` of the optimum's (gap 0.25: at most 1.25 × the
 * optimum's loss). A perfect fit (optimum 0) would make any gap unreachable in floating
 * point, so the margin never falls below 1e-10 of the initial loss.
 *
 * `nearOptimum` in core/race/summary.ts (the CLI's "epochs to 1%") is this rule at gap 0.01.
 */
export function withinGap(loss: number, optimumLoss: number, initialLoss: number, gap: number): boolean {
  return loss <= Math.max(optimumLoss * (1 + gap), optimumLoss + 1e-10 * initialLoss);
}

/** The gaps a leaderboard offers. */
export const TARGET_GAPS = [0.01, 0.05, 0.1, 0.25, 0.5, 1] as const;

/**
 * The default finish: 25%. On the seed lesson's 300-epoch race (raw crop data, optimum
 * 0.909) the best losses are Adam 1.03, Nesterov and Momentum 1.08, SGD 1.09, GD 97: at 1%
 * nobody finishes; at 25% four racers do, at different epochs, and GD plainly does not.
 */
export const DEFAULT_TARGET_GAP = 0.25;
