/**
 * A CLI worker thread: takes the race as the main thread validated and prepared it (as the
 * browser's race workers do: validating and preparing it again cost a cold thread tens of
 * milliseconds of its start) and races for the main thread. Given its share of the racers, it runs them and
 * posts every JobMessage, then `end`. Given `queue` (summary mode), it says `ready` and then
 * races whichever racer the main thread hands it next, one summary per racer, until told -1.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PreparedRace } from '../core/race/prepare.ts';
import { leanSummary, raceJob, type JobMessage, type JobOptions } from './job.ts';

export interface WorkerInput {
  /** The module worker-boot.mjs imports through tsx; absent when the thread runs the bundle (worker-bundle.ts). */
  entry?: string;
  /** The race, prepared on the main thread (structured-cloned into the thread). */
  race: PreparedRace;
  /** The racers (indices) this thread runs, or 'queue': one at a time, as the main thread hands them out. */
  racers: number[] | 'queue';
  options: JobOptions;
}

/** What the main thread hands a queue thread: a racer's index, or -1 for "no more". */
export interface QueueTask {
  racer: number;
}

export type WorkerMessage = JobMessage | { kind: 'end' } | { kind: 'ready' };

const input = workerData as WorkerInput;
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);
const { race } = input;
if (input.racers === 'queue') {
  port.on('message', ({ racer }: QueueTask) => {
    if (racer < 0) port.close();
    else post({ kind: 'summary', racer, summary: leanSummary(race, racer, input.options.timing) });
  });
  post({ kind: 'ready' });
} else {
  for (const message of raceJob(race, input.racers, input.options)) post(message);
  post({ kind: 'end' });
}
