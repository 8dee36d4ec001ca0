/**
 * The loss chart's x domain. Epochs and steps span the whole race from the start (the
 * planned epochs, times the most steps any racer takes per epoch), so lines grow across a
 * fixed chart like runners on a track; wall-clock time cannot be known ahead and spans the
 * time measured so far. Never empty: a race with nothing recorded still gets [0, 1].
 */
import type { RacerView } from '../view-model.ts';
import { LOSS_X_AXES, type LossXAxis } from './loss-x-axis.ts';

export function lossXDomain(racers: readonly RacerView[], axis: LossXAxis, epochs: number): [number, number] {
  const of = LOSS_X_AXES[axis].of;
  let hi = 0;
  for (const r of racers) for (const p of r.history) hi = Math.max(hi, of(p));
  if (axis === 'epoch') hi = Math.max(hi, epochs);
  if (axis === 'steps') hi = Math.max(hi, epochs * Math.max(0, ...racers.map((r) => r.stepsPerEpoch)));
  return [0, hi > 0 ? hi : 1];
}
