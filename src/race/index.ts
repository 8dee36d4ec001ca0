/** The browser side of a race: a controller on the main thread, a few race workers that host its racers. */
export { RaceController, checkSpeed, defaultWorkers, ENDED, raceEpoch, type RaceControllerOptions, type RaceEvents, type RaceInfo, type RacerState, type RacerStatus } from './race-controller.ts';
export type { TrainerConnection, TrainerFactory } from './connection.ts';
export { workerTrainer, connectWorker } from './worker-trainer.ts';
export { inProcessTrainer } from './in-process-trainer.ts';
export { recordAt, recordsOf } from './record-batch.ts';
export type { Horizon, RecordBatch, Speed, TrainerApi, WorkerSetup, WorkerUpdate, RacerProgress } from './protocol.ts';
