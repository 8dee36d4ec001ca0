/**
 * The trainer worker: one per racer. The page creates it with
 * `new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), { type: 'module' })`
 * (src/race/worker-trainer.ts) and talks to it through `Comlink.wrap<TrainerApi>`.
 */
import * as Comlink from 'comlink';
import type { TrainerApi } from '../src/race/protocol.ts';
import { TrainerService } from './trainer-service.ts';

const api: TrainerApi = new TrainerService();
Comlink.expose(api);
