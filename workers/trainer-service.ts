/**
 * One racer's trainer: the object `trainer.worker.ts` exposes with Comlink, and the one the
 * in-process trainer calls directly. It runs the engine unchanged (same validator, same
 * RacerRun, same shared batch order from `epochOrder`), so its records are the CLI's.
 *
 * Epochs run in slices of `batchMs`; each slice's records are sealed into one batch and
 * the event loop gets a turn, so pause, setLr and take are served within a slice. Sealed
 * records wait until the controller takes them; with `maxAhead` batches waiting the
 * trainer stops computing until the next take (backpressure).
 */
import * as Comlink from 'comlink';
import { parseRace } from '../src/core/config/validate.ts';
import { prepareRace, type PreparedRace } from '../src/core/race/prepare.ts';
import { RacerRun } from '../src/core/race/racer-run.ts';
import { epochOrder } from '../src/core/race/run-race.ts';
import type { RecordBatch, Speed, TrainerApi, TrainerInfo, TrainerOptions, TrainerState, TrainerUpdate } from '../src/race/protocol.ts';
import { batchBuffers } from '../src/race/record-batch.ts';
import { RecordLog } from './record-log.ts';
import { Wakeup } from './wakeup.ts';

export const DEFAULT_BATCH_MS = 16;
export const DEFAULT_MAX_AHEAD = 4;
/** At max speed the loop reads the clock about every CLOCK_MS, and at least every MAX_CLOCK_EVERY epochs. */
const CLOCK_MS = 0.5;
const MAX_CLOCK_EVERY = 4096;

interface Prepared {
  race: PreparedRace;
  run: RacerRun;
  log: RecordLog;
  /** Reused for every epoch's row order. */
  order: Int32Array;
}

function checkSpeed(speed: Speed): Speed {
  if (speed !== 'max' && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) {
    throw new RangeError(`speed must be a positive number of epochs per second or "max", got ${String(speed)}`);
  }
  return speed;
}

function checkLr(lr: number): number {
  if (!(typeof lr === 'number' && Number.isFinite(lr) && lr >= 0)) throw new RangeError(`lr must be a non-negative number, got ${String(lr)}`);
  return lr;
}

export class TrainerService implements TrainerApi {
  private prepared: Prepared | null = null;
  private speed: Speed = 'max';
  private batchMs = DEFAULT_BATCH_MS;
  private maxAhead = DEFAULT_MAX_AHEAD;
  private state: TrainerState = 'paused';
  /** Run while the last epoch is below this one. */
  private stopAt = 0;
  /** True while running towards a `step` target rather than the last epoch. */
  private stepping = false;
  /** Pacing at a finite speed: epoch `pace.epoch + k + 1` is due at `pace.time + k / speed`. */
  private pace = { time: 0, epoch: 0 };
  /** Records sealed into batches, records already taken, and sealed batches not taken yet. */
  private sealed = 0;
  private taken = 0;
  private batchesAhead = 0;
  /** When the open batch got its first record. */
  private batchStart = 0;
  private reported: TrainerState | null = null;
  /** Epochs between clock reads at max speed, adapted to the epoch's cost. */
  private clockEvery = 1;
  private waiter: { resolve: (u: TrainerUpdate) => void; reject: (e: unknown) => void } | null = null;
  private failure: Error | null = null;
  private readonly wakeup = new Wakeup(() => this.work());

  private get ready(): Prepared {
    if (!this.prepared) throw new Error('the trainer has no race yet: call init first');
    return this.prepared;
  }

  async init(configText: string, racerId: string, options: TrainerOptions): Promise<TrainerInfo> {
    this.clear();
    const race = prepareRace(parseRace(configText));
    const racer = race.config.racers.find((r) => r.id === racerId);
    if (!racer) throw new Error(`the race has no racer "${racerId}"`);
    this.speed = checkSpeed(options.speed);
    this.batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
    this.maxAhead = Math.max(1, options.maxAhead ?? DEFAULT_MAX_AHEAD);
    const timing = options.timing ?? true;
    const run = new RacerRun(race, racer, timing);
    if (options.lr !== undefined) run.lr = checkLr(options.lr);
    const log = new RecordLog(racer.id, race.train.inputs, race.train.outputs, race.holdout !== null, timing);
    this.prepared = { race, run, log, order: new Int32Array(race.train.rows) };
    log.append(run.start());
    // A start whose loss is not finite is diverged at epoch 0: there is nothing to play.
    if (run.done) this.state = run.diverged ? 'diverged' : 'finished';
    this.seal();
    this.notify();
    const { train, holdout, config, optimum, init } = race;
    return { rows: train.rows, inputs: train.inputs, outputs: train.outputs, hasHoldout: holdout !== null, epochs: config.epochs, optimum, init };
  }

  async play(): Promise<void> {
    const { run, race } = this.ready;
    if (run.done || this.failure) return;
    this.stepping = false;
    this.runUntil(race.config.epochs);
  }

  async pause(): Promise<void> {
    const { run } = this.ready;
    if (this.state !== 'running') return;
    this.wakeup.cancel();
    this.stopAt = run.epoch;
    this.stepping = false;
    this.seal();
    this.state = 'paused';
    this.notify();
  }

  async step(epochs: number): Promise<number> {
    const { run, race } = this.ready;
    if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`step needs a positive whole number of epochs, got ${epochs}`);
    if (run.done || this.failure) return run.epoch;
    const from = this.state === 'running' && this.stepping ? this.stopAt : run.epoch;
    this.stepping = true;
    this.runUntil(Math.min(race.config.epochs, from + epochs));
    return this.stopAt;
  }

  async setSpeed(speed: Speed): Promise<void> {
    this.speed = checkSpeed(speed);
    if (this.prepared) this.pace = { time: performance.now(), epoch: this.prepared.run.epoch };
    if (this.state === 'running') this.wakeup.soon();
  }

  async setLr(lr: number): Promise<void> {
    this.ready.run.lr = checkLr(lr);
  }

  take(): Promise<TrainerUpdate> {
    if (this.waiter) return Promise.reject(new Error('take() is already waiting'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.notify();
    });
  }

  async exportRecords(): Promise<RecordBatch> {
    const { log } = this.ready;
    const batch = log.slice(0, log.count);
    return Comlink.transfer(batch, batchBuffers(batch));
  }

  /** Forgets the racer before a new init: a worker reused for the next racer keeps only its warm code. */
  private clear(): void {
    this.wakeup.cancel();
    this.waiter?.reject(new Error('the trainer was given another racer'));
    this.waiter = null;
    this.prepared = null;
    this.state = 'paused';
    this.stopAt = 0;
    this.stepping = false;
    this.sealed = 0;
    this.taken = 0;
    this.batchesAhead = 0;
    this.reported = null;
    this.failure = null;
  }

  /** Stops all work (the in-process trainer's terminate; a worker just dies). */
  dispose(): void {
    this.wakeup.dispose();
    this.state = 'paused';
    this.waiter = null;
  }

  /** Runs towards epoch `stopAt`, from the next slice on. */
  private runUntil(stopAt: number): void {
    const { run } = this.ready;
    this.stopAt = stopAt;
    if (run.epoch >= stopAt) return;
    if (this.state !== 'running') this.pace = { time: performance.now(), epoch: run.epoch };
    this.state = 'running';
    this.notify();
    this.wakeup.soon();
  }

  /** Runs epochs until the batch is due, the pace says wait, or there is nothing to do. */
  private work(): void {
    const prepared = this.prepared;
    if (!prepared || this.state !== 'running' || this.failure) return;
    const { race, run, log, order } = prepared;
    const paced = this.speed !== 'max';
    let now = performance.now();
    let sinceCheck = 0;
    for (;;) {
      if (run.done || run.epoch >= this.stopAt) {
        this.seal();
        this.state = run.done ? (run.diverged ? 'diverged' : 'finished') : 'paused';
        this.stepping = false;
        break;
      }
      if (this.batchesAhead >= this.maxAhead) return; // take() wakes us up
      // At max speed the clock is read about every CLOCK_MS, not every epoch: in a Chromium
      // worker performance.now() costs ~0.7 µs, a tenth of a small epoch.
      if (paced || sinceCheck >= this.clockEvery) {
        const t = performance.now();
        if (!paced) this.clockEvery = Math.min(MAX_CLOCK_EVERY, Math.max(1, Math.floor((CLOCK_MS * sinceCheck) / Math.max(t - now, 1e-3))));
        now = t;
        sinceCheck = 0;
        if (log.count > this.sealed && now - this.batchStart >= this.batchMs) {
          this.seal();
          this.notify();
          this.wakeup.soon();
          return;
        }
        if (paced) {
          const due = this.pace.time + ((run.epoch - this.pace.epoch) * 1000) / (this.speed as number);
          if (now < due) {
            this.seal();
            this.notify();
            this.wakeup.after(due - now);
            return;
          }
        }
      }
      if (log.count === this.sealed) this.batchStart = now;
      try {
        log.append(run.next(epochOrder(race, run.epoch + 1, order)));
      } catch (e) {
        this.failure = e instanceof Error ? e : new Error(String(e));
        this.seal();
        break;
      }
      sinceCheck++;
    }
    this.notify();
  }

  private seal(): void {
    const count = this.prepared?.log.count ?? 0;
    if (count > this.sealed) {
      this.sealed = count;
      this.batchesAhead++;
    }
  }

  /** Answers a waiting take() when there are records to hand over, a new state, or a failure. */
  private notify(): void {
    const waiter = this.waiter;
    if (!waiter || !this.prepared) return;
    const hasRecords = this.sealed > this.taken;
    if (!hasRecords && !this.failure && this.state === this.reported) return;
    this.waiter = null;
    if (!hasRecords && this.failure) {
      waiter.reject(this.failure);
      return;
    }
    const batch = hasRecords ? this.prepared.log.slice(this.taken, this.sealed) : null;
    const blocked = this.batchesAhead >= this.maxAhead;
    this.taken = this.sealed;
    this.batchesAhead = 0;
    this.reported = this.state;
    const update: TrainerUpdate = { batch, state: this.state };
    waiter.resolve(batch ? Comlink.transfer(update, batchBuffers(batch)) : update);
    if (blocked && this.state === 'running') this.wakeup.soon();
  }
}
