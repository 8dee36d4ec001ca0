/**
 * How far a race's racers may run now: the controller's half of the lockstep. Workers run
 * their racers up to the horizon; the controller raises it as time passes (a paced speed)
 * and as records arrive (so no worker's racers run ahead of the slowest racer by more than
 * one streamed batch). A pure function of what the controller knows.
 */
import type { ClockName } from '../core/config/schema.ts';
import type { Horizon, Speed } from './protocol.ts';

export interface HorizonInput {
  clock: ClockName;
  speed: Speed;
  /** Workers in the race: one worker keeps its racers level by itself. */
  workers: number;
  now: number;
  /** When pacing (re)started, and the race's epoch and training ms then. */
  pace: { time: number; epoch: number; ms: number };
  /** The running racer furthest behind: its last received epoch and training ms. */
  slowest: { epoch: number; spentMs: number };
  /** The most epochs, and the most training ms, of one racer's streamed batch lately. */
  batch: { epochs: number; ms: number };
  /** The smallest measured ms per epoch among running racers (NaN while unknown). */
  cheapestCost: number;
  /** How often workers seal a batch, ms. */
  batchMs: number;
}

/** Assumed ms per epoch before any is measured: small, so the first epochs are not held back. */
const UNKNOWN_COST = 0.01;

/**
 * Whether nothing bounds a race's racers: at max speed one worker keeps its racers level by
 * itself, so its horizon is unbounded whatever the racers' standing (which the controller
 * then need not read off every racer after every update).
 */
export function unbounded(speed: Speed, workers: number): boolean {
  return speed === 'max' && workers <= 1;
}

/** The horizon of a race that nothing bounds (see unbounded). */
export const UNBOUNDED: Readonly<Horizon> = Object.freeze({ epoch: Infinity, ms: Infinity });

export function horizonFor(x: HorizonInput): Horizon {
  if (unbounded(x.speed, x.workers)) return UNBOUNDED;
  // From here on, max speed means several workers.
  if (x.clock === 'epochs') {
    if (x.speed === 'max') return { epoch: x.slowest.epoch + Math.max(1, x.batch.epochs), ms: Infinity };
    const due = x.pace.epoch + Math.floor(((x.now - x.pace.time) * x.speed) / 1000);
    // Never more than one epoch ahead of the slowest racer's last record: every racer shows
    // the same epoch (±1) at every frame. A main thread too busy to hear the slowest slows
    // the race down rather than letting it come apart.
    return { epoch: Math.min(due, x.slowest.epoch + 1), ms: Infinity };
  }
  if (x.speed === 'max') return { epoch: Infinity, ms: x.slowest.spentMs + Math.max(x.batchMs, x.batch.ms) };
  // A paced compute race: the training-time budget grows so that the racer with the
  // cheapest epochs runs `speed` epochs a second; the others get the same time.
  const cost = Number.isFinite(x.cheapestCost) && x.cheapestCost > 0 ? x.cheapestCost : UNKNOWN_COST;
  const due = x.pace.ms + ((x.now - x.pace.time) / 1000) * x.speed * cost;
  const lead = Math.max(cost, ((x.speed * x.batchMs) / 1000) * cost);
  return { epoch: Infinity, ms: Math.min(due, x.slowest.spentMs + lead) };
}
