/** Shared pieces of the controller's tests: configs, the engine's own records, and trainer doubles. */
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { ndjsonLine } from '../../src/core/race/format.ts';
import type { EpochRecord } from '../../src/core/race/record.ts';
import { runRace } from '../../src/core/race/run-race.ts';
import type { TrainerConnection, TrainerFactory } from '../../src/race/connection.ts';
import { inProcessTrainer } from '../../src/race/in-process-trainer.ts';
import type { RaceController } from '../../src/race/race-controller.ts';
import type { RecordBatch } from '../../src/race/protocol.ts';
import { recordAt } from '../../src/race/record-batch.ts';

/** Five optimizers, three batch sizes, shuffled batches and a hold-out split. */
export const MIXED_RACE: RaceConfigSpec = {
  name: 'mixed',
  data: 'crops15',
  holdout: { fraction: 0.2 },
  normalize: true,
  epochs: 120,
  seed: 7,
  racers: [
    { id: 'gd', optimizer: 'sgd', lr: 0.05, batchSize: 'full' },
    { id: 'sgd', optimizer: 'sgd', lr: 0.01, batchSize: 1 },
    { id: 'nesterov', optimizer: 'sgd', lr: 0.01, momentum: 0.9, nesterov: true, batchSize: 4 },
    { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
    { id: 'rmsprop', optimizer: 'rmsprop', lr: 0.01, centered: true, batchSize: 3 },
  ],
};

/** The seed lesson's diverging racer: full-batch SGD at lr 5e-4 on raw crops15 blows up at epoch 5. */
export const DIVERGING_RACE: RaceConfigSpec = {
  data: 'crops15',
  epochs: 40,
  shuffle: false,
  racers: [
    { id: 'hot', optimizer: 'sgd', lr: 5e-4, batchSize: 'full' },
    { id: 'calm', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' },
  ],
};

export function raceOf(spec: RaceConfigSpec, changes: Partial<RaceConfigSpec>): RaceConfigSpec {
  return { ...spec, ...changes };
}

/** The engine's records for a config, grouped by racer, as the CLI computes them (no timing). */
export function engineRecords(spec: RaceConfigSpec): Map<string, EpochRecord[]> {
  const out = new Map<string, EpochRecord[]>();
  for (const r of runRace(prepareRace(validateRace(spec)), { timing: false })) {
    const list = out.get(r.racer) ?? [];
    list.push(r);
    out.set(r.racer, list);
  }
  return out;
}

/** Records as NDJSON lines: equal lines are equal records, bit for bit. */
export function lines(records: Iterable<StreamedRecord>): string[] {
  return [...records].map((r) => ndjsonLine(r as EpochRecord));
}

/** A record as streamed: a sweep's run's records carry W and b only at the end of each batch. */
export type StreamedRecord = EpochRecord | Omit<EpochRecord, 'w' | 'b'>;

/** Record i of a batch, without W and b where the batch does not carry them (a sweep's run). */
export function streamedAt(batch: RecordBatch, i: number): StreamedRecord {
  if (!batch.lastWeightsOnly || i === batch.count - 1) return recordAt(batch, i);
  const { w: _w, b: _b, ...rest } = recordAt({ ...batch, lastWeightsOnly: undefined, w: new Float64Array(batch.w.length * batch.count), b: new Float64Array(batch.b.length * batch.count) }, i);
  return rest;
}

/** Every record the controller streams, per racer, checking each arrives once and in order. */
export function collect(controller: RaceController): Map<string, StreamedRecord[]> {
  const out = new Map<string, StreamedRecord[]>();
  controller.on('records', ({ racer, batch }) => {
    const list = out.get(racer) ?? [];
    if (batch.from !== list.length) throw new Error(`${racer}: batch from epoch ${batch.from} after ${list.length} records`);
    for (let i = 0; i < batch.count; i++) list.push(streamedAt(batch, i));
    out.set(racer, list);
  });
  return out;
}

/**
 * The engine's records as they should stream: W and b left out where the streamed record
 * has none (a sweep's run carries them at the end of each batch only). Compared line by
 * line with the streamed ones, every other value of every record must still be the engine's.
 */
export function asStreamed(engine: readonly EpochRecord[], streamed: readonly StreamedRecord[]): StreamedRecord[] {
  return engine.map((r, i) => {
    if (!streamed[i] || 'w' in streamed[i]) return r;
    const { w: _w, b: _b, ...rest } = r;
    return rest;
  });
}

/** In-process race workers that count how many are open, the most at once, and closes, and can be crashed. */
export class CountingFactory {
  created = 0;
  closed = 0;
  maxOpen = 0;
  /** The racer ids each worker was started for, in order. */
  readonly started: string[][] = [];
  private readonly crashers: ((message: string) => void)[] = [];

  constructor(private readonly inner: TrainerFactory = () => inProcessTrainer()) {}

  get open(): number {
    return this.created - this.closed;
  }

  /** Kills worker `index` outside any call, as an uncaught error in a Web Worker would. */
  crash(index: number, message: string): void {
    this.crashers[index](message);
  }

  readonly create: TrainerFactory = (racerIds) => {
    const conn = this.inner(racerIds);
    this.created++;
    this.started.push([...racerIds]);
    this.maxOpen = Math.max(this.maxOpen, this.open);
    let closed = false;
    let listener: ((message: string) => void) | null = null;
    const close = () => {
      if (!closed) this.closed++;
      closed = true;
      conn.close();
    };
    this.crashers.push((message) => {
      close();
      listener?.(message);
    });
    const counted: TrainerConnection = {
      api: conn.api,
      onCrash: (l) => {
        listener = l;
        conn.onCrash(l);
      },
      close,
    };
    return counted;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `condition` holds, polling; fails after `ms`. */
export async function until(condition: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}
