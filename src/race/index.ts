/** The browser side of a race: a controller on the main thread, one trainer worker per racer. */
export { RaceController, checkSpeed, type RaceControllerOptions, type RaceEvents, type RaceInfo } from './race-controller.ts';
export type { RacerState, RacerStatus } from './racer-lane.ts';
export { RacerHistory, DEFAULT_HISTORY_CAP } from './racer-history.ts';
export { DecimatedSeries, type SeriesPoints } from './decimated-series.ts';
export { SlotPool } from './slot-pool.ts';
export type { TrainerConnection, TrainerFactory } from './connection.ts';
export { workerTrainer, connectWorker } from './worker-trainer.ts';
export { inProcessTrainer } from './in-process-trainer.ts';
export { recordAt, recordsOf } from './record-batch.ts';
export type { RecordBatch, Speed, TrainerApi, TrainerInfo, TrainerOptions, TrainerState, TrainerUpdate } from './protocol.ts';
