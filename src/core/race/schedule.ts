/**
 * The race clock: which racer runs next. Under the "epochs" clock every racer runs the same
 * epochs, so the one with the fewest goes next (ties in config order: epoch 1 of every racer,
 * then epoch 2, …). Under the "compute" clock every racer gets the same measured training
 * time, so the one that has trained the shortest goes next, and a racer whose epochs cost
 * more falls behind in epochs, as it would on one machine with one budget. The CLI and the
 * workers share this rule; it decides only the order, never a record's numbers.
 */
import type { ClockName } from '../config/schema.ts';

export interface Lap {
  /** The racer's last epoch. */
  epoch: number;
  /** Its training time so far, in milliseconds. */
  spentMs: number;
  /** Finished or diverged: it runs no more. */
  done: boolean;
}

/** The index of the racer to run next, or −1 when none may run (`mayRun` defaults to all). */
export function nextToRun(laps: readonly Lap[], clock: ClockName, mayRun: (i: number) => boolean = () => true): number {
  let best = -1;
  let bestKey = Infinity;
  for (let i = 0; i < laps.length; i++) {
    const lap = laps[i];
    if (lap.done || !mayRun(i)) continue;
    const key = clock === 'epochs' ? lap.epoch : lap.spentMs;
    if (key < bestKey) {
      best = i;
      bestKey = key;
    }
  }
  return best;
}
