/** Hand-made sweep runs for the Sweep panel's tests: each run's losses per epoch, and whether it diverged. */
import type { SweepOrigin } from '../../../src/core/config/schema.ts';
import type { SweepRun } from '../../../src/ui/sweep/sweep-runs.ts';
import { handRacer } from '../charts/fixture.ts';

export function run(id: string, values: Record<string, number>, point: number[], losses: (number | null)[], diverged = false): SweepRun {
  const sweep: SweepOrigin = { sweep: 0, base: 'sgd', point, values };
  const racer = handRacer(id, losses, { sweep, status: diverged ? 'diverged' : 'finished', ...(diverged ? { divergedAt: losses.length - 1 } : {}) });
  const last = losses[losses.length - 1];
  const finite = losses.filter((l): l is number => l !== null && Number.isFinite(l));
  return {
    racer,
    point,
    values,
    final: diverged || last === null ? null : last,
    holdout: null,
    best: finite.length ? Math.min(...finite) : null,
    diverged,
    divergedAt: diverged ? losses.length - 1 : null,
    stopped: false,
    stoppedAt: null,
    cancelled: false,
    done: true,
    epochsToTarget: diverged ? null : losses.length - 1,
    epoch: losses.length - 1,
  };
}
