/**
 * The race worker: hosts some of a race's racers. The page creates it with
 * `new Worker(new URL('../../workers/race.worker.ts', import.meta.url), { type: 'module' })`
 * (src/race/worker-trainer.ts) and talks to it through `Comlink.wrap<TrainerApi>`.
 */
import * as Comlink from 'comlink';
import type { TrainerApi } from '../src/race/protocol.ts';
import { RaceWorker } from './race-worker.ts';

const api: TrainerApi = new RaceWorker();
Comlink.expose(api);
