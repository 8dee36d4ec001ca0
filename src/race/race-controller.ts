/**
 * The main thread's side of a race: validates the config (a bad one is refused with the
 * engine's ConfigError before any worker starts), runs one trainer per racer through a
 * pool of at most `concurrency` workers, and turns their record batches into events,
 * bounded chart histories and racer statuses. No DOM and no Svelte: the page injects
 * nothing but, optionally, how trainers are created.
 */
import { ConfigError } from '../core/config/errors.ts';
import { parseRace, validateRace, type ValidRace } from '../core/config/validate.ts';
import type { Racer } from '../core/config/schema.ts';
import type { Optimum, Weights } from '../core/race/optimum.ts';
import type { TrainerConnection, TrainerFactory } from './connection.ts';
import type { RecordBatch, Speed, TrainerInfo, TrainerOptions } from './protocol.ts';
import { DEFAULT_HISTORY_CAP, RacerHistory } from './racer-history.ts';
import { RacerLane, type RacerState } from './racer-lane.ts';
import { SlotPool } from './slot-pool.ts';
import { workerTrainer } from './worker-trainer.ts';

export interface RaceControllerOptions {
  /** Starts one racer's trainer; default: a module Web Worker per racer. */
  createTrainer?: TrainerFactory;
  /** Workers at once; default navigator.hardwareConcurrency. Ignored when `pool` is given. */
  concurrency?: number;
  /** A pool shared with other controllers (a later sweep), so they queue fairly together. */
  pool?: SlotPool;
  /** Starting speed; default "max". */
  speed?: Speed;
  /** Epochs each racer's chart history keeps at full resolution; default 2048. */
  historyCap?: number;
  /**
   * Keep a chart history per racer (default true). A page that keeps its own from the
   * `records` events turns it off and saves the per-epoch work on every batch.
   */
  keepHistory?: boolean;
  /** Measure each epoch's ms in the worker; default true. */
  timing?: boolean;
  /** Record batches are coalesced over this many ms in the worker; default 16. */
  batchMs?: number;
  /** Batches a worker computes ahead of the controller before it waits; default 4. */
  maxAhead?: number;
  /**
   * Let a worker whose racer finished take the next queued racer of the same race (its
   * code stays compiled and optimized: a fresh worker spends ~100 ms of a 20,000-epoch
   * crops15 racer warming up). Default true.
   */
  reuseWorkers?: boolean;
}

/** What a loaded race looks like, known as soon as the config is validated. */
export interface RaceInfo {
  name?: string;
  epochs: number;
  rows: number;
  inputs: number;
  outputs: number;
  hasHoldout: boolean;
  inputNames: readonly string[];
  targetNames: readonly string[];
  racers: readonly Racer[];
}

export interface RaceEvents {
  /** A race was loaded, paused at its start: whatever came before belongs to the old one. */
  loaded: RaceInfo;
  /** Records of one racer at consecutive epochs; every epoch arrives exactly once, in order. */
  records: { racer: string; batch: RecordBatch };
  /** A racer's status, learning rate or error changed. */
  status: RacerState;
  /** The first trainer prepared the race: the finish line and the shared start. */
  prepared: { optimum: Optimum; init: Weights };
  /** Every racer finished, diverged or failed. */
  done: { racers: RacerState[] };
}

type Listener<K extends keyof RaceEvents> = (event: RaceEvents[K]) => void;

/** The race in play: its lanes and what they share. */
interface Race {
  text: string;
  info: RaceInfo;
  lanes: RacerLane[];
  /** Workers of finished racers, between their release and the next racer taking them. */
  spares: TrainerConnection[];
  optimum: Optimum | null;
  stopped: boolean;
  doneEmitted: boolean;
  ended: Promise<RacerState[]>;
  settle: (racers: RacerState[] | Error) => void;
}

function defaultConcurrency(): number {
  const n = typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency;
  return Number.isInteger(n) && n > 0 ? n : 4;
}

/** Validates like the CLI: text is parsed as JSON, anything else validated as parsed JSON. */
function validate(config: unknown): { text: string; valid: ValidRace } {
  if (typeof config === 'string') return { text: config, valid: parseRace(config) };
  const valid = validateRace(config);
  // Validation accepts only JSON values (finite numbers, strings, arrays, plain objects),
  // so the text is the same config and the workers' validation agrees with this one.
  return { text: JSON.stringify(config), valid };
}

export function checkSpeed(speed: Speed): Speed {
  if (speed !== 'max' && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) {
    throw new ConfigError(`speed must be a positive number of epochs per second or "max", got ${JSON.stringify(speed)}`);
  }
  return speed;
}

export class RaceController {
  private race: Race | null = null;
  private playing = false;
  private speed: Speed;
  private readonly pool: SlotPool;
  private readonly createTrainer: TrainerFactory;
  private readonly listeners: { [K in keyof RaceEvents]: Set<Listener<K>> } = {
    loaded: new Set(),
    records: new Set(),
    status: new Set(),
    prepared: new Set(),
    done: new Set(),
  };

  constructor(private readonly options: RaceControllerOptions = {}) {
    this.pool = options.pool ?? new SlotPool(options.concurrency ?? defaultConcurrency());
    this.createTrainer = options.createTrainer ?? workerTrainer;
    this.speed = checkSpeed(options.speed ?? 'max');
  }

  /**
   * Validates `config` (JSON text or its parsed value) and sets the race up, paused at
   * epoch 0: the previous race's workers are terminated, the first racers get workers and
   * the rest queue. Throws the engine's ConfigError, starting nothing, when it is invalid.
   */
  load(config: unknown): RaceInfo {
    const { text, valid } = validate(config);
    this.closeRace();
    const { config: race, train, holdout } = valid;
    const info: RaceInfo = {
      ...(race.name !== undefined ? { name: race.name } : {}),
      epochs: race.epochs,
      rows: train.rows,
      inputs: train.inputs,
      outputs: train.outputs,
      hasHoldout: holdout !== null,
      inputNames: train.inputNames,
      targetNames: train.targetNames,
      racers: race.racers,
    };
    this.playing = false;
    this.race = this.newRace(text, info);
    // Before its racers start: listeners forget the old race before the new one speaks.
    this.emit('loaded', info);
    for (const lane of this.race.lanes) lane.enqueue(this.pool, this.race);
    return info;
  }

  /** The loaded race, or null. */
  get info(): RaceInfo | null {
    return this.race?.info ?? null;
  }

  /** The closed-form optimum, once a worker has prepared the race. */
  get optimum(): Optimum | null {
    return this.race?.optimum ?? null;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  play(): void {
    const race = this.active();
    this.playing = true;
    for (const lane of race.lanes) lane.play();
  }

  pause(): void {
    const race = this.active();
    this.playing = false;
    for (const lane of race.lanes) lane.pause();
  }

  /**
   * Runs `epochs` more epochs on every racer that has a worker, then pauses; resolves once
   * their records have arrived. Racers still queued for a worker stay where they are.
   */
  async step(epochs: number): Promise<void> {
    if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`step needs a positive whole number of epochs, got ${epochs}`);
    const race = this.active();
    this.playing = false;
    await Promise.all(race.lanes.map((lane) => lane.step(epochs)));
  }

  setSpeed(speed: Speed): void {
    this.speed = checkSpeed(speed);
    for (const lane of this.race?.lanes ?? []) lane.setSpeed(speed);
  }

  get currentSpeed(): Speed {
    return this.speed;
  }

  /** Changes one racer's learning rate from its next optimizer step on. */
  setLr(racerId: string, lr: number): void {
    if (!(typeof lr === 'number' && Number.isFinite(lr) && lr >= 0)) throw new ConfigError(`lr must be a non-negative number, got ${JSON.stringify(lr)}`);
    const lane = this.lane(racerId);
    if (!lane.ended) lane.setLr(lr);
  }

  /** Back to epoch 0 of the same race, paused, on fresh workers. */
  reset(): void {
    const race = this.race;
    if (!race) throw new Error('no race is loaded');
    this.load(race.text);
  }

  /**
   * Ends the race where it is: every racer pauses, its records up to there arrive, its
   * full-resolution log is kept for exportAll, and its worker is terminated.
   */
  async stop(): Promise<void> {
    const race = this.race;
    if (!race || race.stopped) return;
    race.stopped = true;
    this.playing = false;
    for (const lane of race.lanes) lane.withdraw();
    await Promise.all(race.lanes.map((lane) => lane.halt()));
    race.settle(new Error('the race was stopped'));
  }

  /** Terminates every worker and forgets the race and all listeners. */
  dispose(): void {
    this.closeRace();
    this.race = null;
    for (const set of Object.values(this.listeners)) set.clear();
  }

  racers(): RacerState[] {
    return this.race?.lanes.map((l) => l.snapshot) ?? [];
  }

  racer(racerId: string): RacerState {
    return this.lane(racerId).snapshot;
  }

  /** The bounded chart history of one racer. */
  history(racerId: string): RacerHistory {
    const history = this.lane(racerId).history;
    if (!history) throw new Error('this controller keeps no chart history (keepHistory: false)');
    return history;
  }

  /** Resolves with the racers' final states once every one has finished, diverged or failed. */
  finished(): Promise<RacerState[]> {
    const race = this.race;
    if (!race) return Promise.reject(new Error('no race is loaded'));
    return race.ended;
  }

  /**
   * Every record each racer computed, at full resolution, fetched from its worker (or
   * from the log archived when its worker was let go). Racers that never started, or
   * whose worker died, are missing.
   */
  async exportAll(): Promise<Map<string, RecordBatch>> {
    const race = this.race;
    const out = new Map<string, RecordBatch>();
    if (!race) return out;
    const batches = await Promise.all(race.lanes.map((lane) => lane.exportRecords()));
    race.lanes.forEach((lane, i) => {
      const batch = batches[i];
      if (batch) out.set(lane.racer.id, batch);
    });
    return out;
  }

  on<K extends keyof RaceEvents>(type: K, listener: Listener<K>): () => void {
    this.listeners[type].add(listener);
    return () => this.listeners[type].delete(listener);
  }

  private emit<K extends keyof RaceEvents>(type: K, event: RaceEvents[K]): void {
    for (const listener of this.listeners[type]) {
      try {
        listener(event);
      } catch (e) {
        // A broken listener must not break the race; report it where errors are seen.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  private active(): Race {
    const race = this.race;
    if (!race) throw new Error('no race is loaded');
    if (race.stopped) throw new Error('the race was stopped: reset it or load another');
    return race;
  }

  private lane(racerId: string): RacerLane {
    const lane = this.race?.lanes.find((l) => l.racer.id === racerId);
    if (!lane) throw new Error(`no racer "${racerId}" in the race`);
    return lane;
  }

  private newRace(text: string, info: RaceInfo): Race {
    let settle: Race['settle'] = () => {};
    const ended = new Promise<RacerState[]>((resolve, reject) => {
      settle = (r) => (r instanceof Error ? reject(r) : resolve(r));
    });
    // Nobody may be waiting for this race to end; an unobserved rejection is not an error.
    ended.catch(() => {});
    const race: Race = { text, info, lanes: [], spares: [], optimum: null, stopped: false, doneEmitted: false, ended, settle };
    const trainerOptions = (): TrainerOptions => ({
      speed: this.speed,
      ...(this.options.timing !== undefined ? { timing: this.options.timing } : {}),
      ...(this.options.batchMs !== undefined ? { batchMs: this.options.batchMs } : {}),
      ...(this.options.maxAhead !== undefined ? { maxAhead: this.options.maxAhead } : {}),
    });
    const ctx = {
      configText: text,
      createTrainer: this.createTrainer,
      trainerOptions,
      playing: () => this.playing,
      prepared: (p: TrainerInfo) => {
        if (race.optimum || this.race !== race) return;
        race.optimum = p.optimum;
        this.emit('prepared', { optimum: p.optimum, init: p.init });
      },
      records: (lane: RacerLane, batch: RecordBatch) => this.emit('records', { racer: lane.racer.id, batch }),
      status: (lane: RacerLane) => {
        if (this.race !== race) return;
        this.emit('status', lane.snapshot);
        this.checkDone(race);
      },
      takeSpare: () => race.spares.pop() ?? null,
      handOver: (conn: TrainerConnection, release: (() => void) | null) => {
        // Keep the worker only if the slot goes to a queued racer of this race: the pool
        // grants it during release(), and that racer takes the spare there and then.
        const reuse = (this.options.reuseWorkers ?? true) && this.race === race && this.pool.nextInLine() === race;
        if (reuse) race.spares.push(conn);
        else conn.close();
        release?.();
        for (const spare of race.spares.splice(0)) spare.close();
      },
    };
    const cap = this.options.historyCap ?? DEFAULT_HISTORY_CAP;
    const keep = this.options.keepHistory ?? true;
    race.lanes = info.racers.map((r) => new RacerLane(r, keep ? new RacerHistory(info.inputs, info.outputs, info.hasHoldout, cap) : null, ctx));
    return race;
  }

  private checkDone(race: Race): void {
    if (race.doneEmitted || !race.lanes.every((l) => l.ended)) return;
    race.doneEmitted = true;
    this.playing = false;
    const racers = race.lanes.map((l) => l.snapshot);
    this.emit('done', { racers });
    race.settle(racers);
  }

  /** Terminates the current race's workers: first every queued request leaves the line. */
  private closeRace(): void {
    const race = this.race;
    if (!race) return;
    for (const lane of race.lanes) lane.withdraw();
    for (const lane of race.lanes) lane.close();
    race.settle(new Error('the race was replaced or reset'));
  }
}
