/**
 * The racer a single-racer view shows: the chosen one if it has weights, else the first
 * that has, else none (before epoch 0 arrives).
 */
import type { RacerView } from '../view-model.ts';

export function chosenRacer(racers: readonly RacerView[], id: string | null | undefined): RacerView | null {
  return racers.find((r) => r.id === id && r.latest) ?? racers.find((r) => r.latest) ?? null;
}
