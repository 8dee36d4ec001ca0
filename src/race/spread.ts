/**
 * Which worker hosts which racers: `max(1, min(workers, racers))` groups of about equal work,
 * so that the racers of a lockstep race wait as little as possible for the slowest worker.
 * Each group keeps the config's order.
 */
import type { Racer } from '../core/config/schema.ts';

/** A rough cost of one epoch: the steps' fixed cost plus the multiply-adds of the steps and the full loss. */
export function epochCost(racer: Racer, rows: number, inputs: number, outputs: number): number {
  const batch = racer.batchSize === 'full' ? rows : racer.batchSize;
  const steps = Math.ceil(rows / batch);
  const params = outputs * (inputs + 1);
  const STEP_OVERHEAD = 40; // a step's fixed work, in multiply-adds (measured on crops15: a step costs ~0.5 µs)
  return steps * STEP_OVERHEAD + 3 * rows * params + rows * params;
}

export function spreadRacers(racers: readonly Racer[], rows: number, inputs: number, outputs: number, workers: number): Racer[][] {
  const count = Math.max(1, Math.min(Math.floor(workers) || 1, racers.length));
  const load = new Array<number>(count).fill(0);
  const groupOf = new Map<Racer, number>();
  // Longest first onto the least loaded worker (the classic greedy schedule).
  const byCost = [...racers].sort((a, b) => epochCost(b, rows, inputs, outputs) - epochCost(a, rows, inputs, outputs));
  for (const racer of byCost) {
    let g = 0;
    for (let i = 1; i < count; i++) if (load[i] < load[g]) g = i;
    load[g] += epochCost(racer, rows, inputs, outputs);
    groupOf.set(racer, g);
  }
  const groups: Racer[][] = Array.from({ length: count }, () => []);
  for (const racer of racers) groups[groupOf.get(racer)!].push(racer);
  return groups;
}
