/**
 * How much of the page's memory the racers' full-resolution logs may take together, and the
 * check that refuses, up front, a race whose records cannot fit even thinned. Each racer's log
 * gets an equal share; past it the log keeps every other epoch (workers/record-log.ts).
 */
import { ConfigError } from '../core/config/errors.ts';
import type { PreparedRace } from '../core/race/prepare.ts';

const MB = 2 ** 20;

/**
 * 512 MB, or an eighth of the device's memory where the browser says how much it has
 * (`navigator.deviceMemory`, in GB, rounded down and capped at 8 by browsers).
 */
export function defaultMemoryBudget(): number {
  const gb = typeof navigator === 'undefined' ? undefined : (navigator as { deviceMemory?: number }).deviceMemory;
  const device = typeof gb === 'number' && gb > 0 ? (gb * 1024 * MB) / 8 : Infinity;
  return Math.min(512 * MB, device);
}

export const DEFAULT_MEMORY_BUDGET = defaultMemoryBudget();

/** Records a racer's log must be able to keep, however thinned, for its export to mean anything. */
export const MIN_RECORDS = 1024;

/** Bytes one record of this race takes in a log, at the most (a range test's log keeps an lr too). */
export function recordBytes(race: PreparedRace, timing: boolean): number {
  const { inputs, outputs } = race.train;
  const lr = race.config.racers.some((r) => r.lrSchedule !== undefined) ? 1 : 0;
  return 8 * ((race.holdout ? 4 : 3) + (timing ? 1 : 0) + lr + outputs * (inputs + 1));
}

/**
 * Each racer's share of `budget` in bytes; throws ConfigError when a share cannot hold
 * MIN_RECORDS records (or all of a shorter race's).
 */
export function checkMemory(race: PreparedRace, budget: number, timing: boolean): number {
  // A sweep's runs keep no log (their workers keep a summary's losses only): the racers the config names share the budget.
  const racers = Math.max(1, race.config.racers.filter((r) => !r.sweep).length);
  const share = budget / racers;
  const bytes = recordBytes(race, timing);
  const needed = Math.min(race.config.epochs + 1, MIN_RECORDS) * bytes;
  if (share < needed) {
    const weights = race.train.outputs * (race.train.inputs + 1);
    throw new ConfigError(
      `the race keeps too many records: ${racers} racers × ${weights} weights need ${Math.ceil((racers * needed) / MB)} MB for even ${Math.min(race.config.epochs + 1, MIN_RECORDS)} epochs each, and the page keeps at most ${Math.floor(budget / MB)} MB; race fewer racers or a smaller model`,
    );
  }
  return Math.floor(share);
}

/**
 * The budget a page link asks for with `?memory=MB` (a teacher's lower cap for small
 * devices): a whole number of MB from 16 up to the default. Anything else keeps the default
 * and says why.
 */
export function memoryBudgetFromQuery(search: string, fallback = DEFAULT_MEMORY_BUDGET): { budget: number; notice: string | null } {
  const raw = new URLSearchParams(search).get('memory');
  if (raw === null) return { budget: fallback, notice: null };
  const mb = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  const most = Math.floor(fallback / MB);
  if (!(mb >= 16 && mb <= most)) {
    const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
    return { budget: fallback, notice: `The link's memory=${JSON.stringify(shown)} is not a whole number of MB from 16 to ${most}; the page keeps its budget of ${most} MB.` };
  }
  return { budget: mb * MB, notice: null };
}
