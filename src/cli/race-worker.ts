/**
 * A CLI worker thread: validates the config text itself (the one validator, as the browser's
 * workers do), runs its share of the racers and posts every JobMessage to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseRace } from '../core/config/validate.ts';
import { prepareRace } from '../core/race/prepare.ts';
import { raceJob, type JobOptions } from './job.ts';

export interface WorkerInput {
  entry: string;
  configText: string;
  racers: number[];
  options: JobOptions;
}

const input = workerData as WorkerInput;
const race = prepareRace(parseRace(input.configText));
for (const message of raceJob(race, input.racers, input.options)) parentPort!.postMessage(message);
parentPort!.postMessage({ kind: 'end' });
