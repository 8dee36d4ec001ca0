/**
 * After normalize is switched, the learning rates that suited the old inputs no longer
 * do: GD's stability limit 2/λmax moves (on the crop data from 1.1e-4 raw to 1.0
 * standardized). The suggestion scales each SGD-family racer's lr by the ratio of the limits
 * (new / old), two significant digits, so each keeps its place relative to the limit. Adam,
 * RMSprop and Adagrad divide by a running gradient scale, so their lr is a step length in
 * weight units and is left as it is.
 */
import type { RacerSpec } from '../../core/config/schema.ts';

export interface LrSuggestion {
  id: string;
  label: string;
  from: number;
  to: number;
}

export function rescaleSuggestions(racers: readonly RacerSpec[], before: number, after: number): LrSuggestion[] {
  const ratio = after / before;
  if (!(ratio > 0) || !Number.isFinite(ratio) || Math.abs(Math.log10(ratio)) < 0.05) return [];
  return racers
    .filter((r) => r.optimizer === 'sgd' && typeof r.lr === 'number' && r.lr > 0)
    .map((r) => ({ id: r.id, label: r.label ?? r.id, from: r.lr as number, to: Number(((r.lr as number) * ratio).toPrecision(2)) }));
}

/** The racers with the suggested lrs applied. */
export function applySuggestions(racers: readonly RacerSpec[], suggestions: readonly LrSuggestion[]): RacerSpec[] {
  const to = new Map(suggestions.map((s) => [s.id, s.to]));
  return racers.map((r) => (to.has(r.id) ? { ...r, lr: to.get(r.id) } : r));
}
