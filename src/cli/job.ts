/**
 * The share of a race one thread runs: some racers (by index), either with records formatted
 * as output lines or lean, to a summary each. The CLI runs it in-process (`--jobs 1`) or in
 * each worker thread, and the same messages come out either way, so the output cannot
 * depend on the number of jobs.
 */
import { csvLine, ndjsonLine } from '../core/race/format.ts';
import type { PreparedRace } from '../core/race/prepare.ts';
import { RacerRun } from '../core/race/racer-run.ts';
import { epochOrder, runRace } from '../core/race/run-race.ts';
import { SummaryTracker, summarizeRun, type RacerSummary } from '../core/race/summary.ts';

export interface JobOptions {
  format: 'ndjson' | 'csv' | 'summary';
  every: number;
  timing: boolean;
  /** CSV records get lr and stopped columns (the race has a range test). */
  hasLr: boolean;
}

/** An output line of racer `racer` (its index in the config) at `epoch`. */
export interface Line {
  epoch: number;
  racer: number;
  text: string;
}

export type JobMessage =
  /** Every line of this job's racers for the epochs up to `upTo` not sent before. */
  | { kind: 'lines'; upTo: number; lines: Line[] }
  | { kind: 'summary'; racer: number; summary: RacerSummary };

/** Lines are sent in chunks of about this many characters. */
const CHUNK = 1 << 16;

/** Races racer `i` lean (no records, only the typed arrays of losses a summary is made from) and summarizes it. */
export function leanSummary(race: PreparedRace, i: number, timing: boolean): RacerSummary {
  const order = new Int32Array(race.train.rows);
  const run = new RacerRun(race, race.config.racers[i], timing);
  run.begin();
  while (!run.done) run.advance(epochOrder(race, run.epoch + 1, order));
  return summarizeRun(run, race.optimum);
}

/** Runs racers `racers` (ascending indices) of `race`, yielding lines in epoch-then-racer order, then their summaries. */
export function* raceJob(race: PreparedRace, racers: readonly number[], options: JobOptions): Generator<JobMessage> {
  if (options.format === 'summary') {
    for (const i of racers) yield { kind: 'summary', racer: i, summary: leanSummary(race, i, options.timing) };
    return;
  }
  const index = new Map(racers.map((i) => [race.config.racers[i].id, i]));
  const tracker = new SummaryTracker(racers.map((i) => race.config.racers[i]), race.optimum);
  const hasHoldout = race.holdout !== null;
  let lines: Line[] = [];
  let size = 0;
  let epoch = 0;
  for (const record of runRace(race, { timing: options.timing, racers })) {
    if (record.epoch !== epoch && size >= CHUNK) {
      yield { kind: 'lines', upTo: epoch, lines };
      lines = [];
      size = 0;
    }
    epoch = record.epoch;
    tracker.add(record);
    const last = record.epoch === race.config.epochs || record.diverged === true || record.stopped === true;
    if (record.epoch % options.every !== 0 && !last) continue;
    const text = options.format === 'csv' ? csvLine(record, hasHoldout, options.timing, options.hasLr) : ndjsonLine(record);
    lines.push({ epoch: record.epoch, racer: index.get(record.racer)!, text });
    size += text.length;
  }
  yield { kind: 'lines', upTo: Infinity, lines };
  for (const summary of tracker.summaries()) yield { kind: 'summary', racer: index.get(summary.racer)!, summary };
}
