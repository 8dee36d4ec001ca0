/**
 * One racer's life on the main thread: waiting for a slot, its trainer (a worker), the loop
 * that takes its record batches, its status, and the end: the full-resolution log fetched
 * into an archive, then the worker and its slot handed to the next queued racer of the race
 * (see RaceController's `reuseWorkers`) or the worker terminated and the slot given back.
 *
 * Commands are sent as soon as the trainer exists, without waiting for init: messages to
 * one worker arrive in order and each TrainerApi method runs to completion, so a play sent
 * after init is played after init.
 */
import type { Racer } from '../core/config/schema.ts';
import type { TrainerConnection, TrainerFactory } from './connection.ts';
import type { RecordBatch, TrainerApi, TrainerInfo, TrainerOptions, TrainerUpdate } from './protocol.ts';
import { RacerHistory } from './racer-history.ts';
import type { SlotPool } from './slot-pool.ts';

export type RacerStatus = 'queued' | 'running' | 'paused' | 'finished' | 'diverged' | 'failed';

export interface RacerState {
  id: string;
  label: string;
  status: RacerStatus;
  /** The last epoch received, −1 before epoch 0 arrives. */
  epoch: number;
  /** The learning rate in force. */
  lr: number;
  /** Why the racer failed. */
  error?: string;
  /** The epoch at which it diverged. */
  divergedAt?: number;
}

/** What a lane needs from its race. */
export interface LaneContext {
  configText: string;
  createTrainer: TrainerFactory;
  /** Options for a trainer starting now (the race's current speed). */
  trainerOptions(): TrainerOptions;
  playing(): boolean;
  prepared(info: TrainerInfo): void;
  records(lane: RacerLane, batch: RecordBatch): void;
  status(lane: RacerLane): void;
  /** A worker left by a racer of this race that finished, to reuse, or null. */
  takeSpare(): TrainerConnection | null;
  /** Takes a finished racer's worker and its slot: the next queued racer may reuse it. */
  handOver(conn: TrainerConnection, release: (() => void) | null): void;
}

/** How long a lane waits for a worker to hand over its log or to pause before giving up on it. */
const GOODBYE_MS = 2000;

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Calls the trainer: a released Comlink proxy throws at once, and that too becomes a rejection. */
function call<T>(send: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(send()));
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export class RacerLane {
  /** The chart history, or null when the page keeps its own (RaceControllerOptions.keepHistory). */
  readonly history: RacerHistory | null;
  private readonly state: RacerState;
  private conn: TrainerConnection | null = null;
  private cancelRequest: (() => void) | null = null;
  private releaseSlot: (() => void) | null = null;
  private lrChanged = false;
  private closed = false;
  /** The full-resolution log of a racer whose worker is gone. */
  private archive: RecordBatch | null = null;
  private archiving: Promise<void> | null = null;
  /** Waits resolved when their condition holds after an update, or when the lane ends. */
  private waits: { until: () => boolean; resolve: () => void }[] = [];

  constructor(
    readonly racer: Racer,
    history: RacerHistory | null,
    private readonly ctx: LaneContext,
  ) {
    this.history = history;
    this.state = { id: racer.id, label: racer.label, status: 'queued', epoch: -1, lr: racer.options.lr };
  }

  /** A copy of the racer's state. */
  get snapshot(): RacerState {
    return { ...this.state };
  }

  /** Finished, diverged or failed: it will take no more epochs. */
  get ended(): boolean {
    const s = this.state.status;
    return s === 'finished' || s === 'diverged' || s === 'failed';
  }

  /** Joins the pool's line; the trainer starts when a slot is granted. */
  enqueue(pool: SlotPool, owner: object): void {
    this.cancelRequest = pool.request(owner, (release) => this.begin(release));
  }

  play(): void {
    this.command((api) => api.play());
  }

  pause(): void {
    this.command((api) => api.pause());
  }

  setSpeed(speed: TrainerOptions['speed']): void {
    this.command((api) => api.setSpeed(speed));
  }

  setLr(lr: number): void {
    this.state.lr = lr;
    this.lrChanged = true;
    this.command((api) => api.setLr(lr));
    this.ctx.status(this);
  }

  /**
   * Runs `epochs` more epochs and resolves once their records have arrived (or the racer
   * ended). A racer still waiting for a slot is not stepped.
   */
  step(epochs: number): Promise<void> {
    const conn = this.conn;
    if (!conn || this.ended) return Promise.resolve();
    return call(() => conn.api.step(epochs)).then(
      (target) => this.until(() => this.state.epoch >= target),
      (e: unknown) => {
        if (this.conn === conn) this.fail(messageOf(e));
      },
    );
  }

  /** Every record computed so far, from the worker or from the archive of one that is gone. */
  async exportRecords(): Promise<RecordBatch | null> {
    if (this.archiving) await this.archiving;
    if (this.archive) return this.archive;
    const conn = this.conn;
    if (!conn) return null;
    try {
      return await within(call(() => conn.api.exportRecords()), GOODBYE_MS);
    } catch {
      return null;
    }
  }

  /**
   * Stops the racer where it is but keeps what it computed: pauses, waits for the records
   * up to the pause, archives the log and terminates the worker.
   */
  async halt(): Promise<void> {
    this.withdraw();
    const conn = this.conn;
    if (conn && !this.ended) {
      this.pause();
      await within(
        this.until(() => this.state.status === 'paused'),
        GOODBYE_MS,
      ).catch(() => {});
      if (this.conn === conn) this.retire(conn, true);
      if (this.state.status === 'running') {
        // No answer to the pause: it stopped wherever its last records say.
        this.state.status = 'paused';
        this.ctx.status(this);
      }
    }
    this.closed = true;
    if (this.archiving) await this.archiving;
    this.settleWaits();
  }

  /** Leaves the pool's line; a slot granted from now on is handed straight back. */
  withdraw(): void {
    this.cancelRequest?.();
    this.cancelRequest = null;
  }

  /** Terminates the worker at once (new race, reset, dispose). */
  close(): void {
    this.withdraw();
    this.closed = true;
    if (this.conn) this.disconnect(this.conn);
    this.settleWaits();
  }

  private begin(release: () => void): void {
    this.cancelRequest = null;
    if (this.closed) {
      release();
      return;
    }
    this.releaseSlot = release;
    let conn: TrainerConnection;
    try {
      conn = this.ctx.takeSpare() ?? this.ctx.createTrainer(this.racer.id);
    } catch (e) {
      this.fail(messageOf(e));
      return;
    }
    this.connect(conn);
  }

  private connect(conn: TrainerConnection): void {
    this.conn = conn;
    conn.onCrash((message) => {
      if (this.conn !== conn) return;
      if (this.ended) this.disconnect(conn);
      else this.fail(message, false);
    });
    const options = { ...this.ctx.trainerOptions(), ...(this.lrChanged ? { lr: this.state.lr } : {}) };
    call(() => conn.api.init(this.ctx.configText, this.racer.id, options)).then(
      (info) => {
        if (this.conn === conn) this.ctx.prepared(info);
      },
      (e: unknown) => {
        if (this.conn === conn) this.fail(messageOf(e));
      },
    );
    if (this.ctx.playing()) this.play();
    void this.pump(conn);
  }

  /** Takes update after update until the racer ends or the lane lets go of this worker. */
  private async pump(conn: TrainerConnection): Promise<void> {
    for (;;) {
      let update: TrainerUpdate;
      try {
        update = await conn.api.take();
      } catch (e) {
        if (this.conn === conn) this.fail(messageOf(e));
        return;
      }
      if (this.conn !== conn) return;
      try {
        this.apply(update);
      } catch (e) {
        this.fail(messageOf(e));
        return;
      }
      if (update.state === 'finished' || update.state === 'diverged') {
        this.retire(conn, true, true);
        return;
      }
    }
  }

  private apply({ batch, state }: TrainerUpdate): void {
    if (batch && batch.count > 0) {
      if (batch.from !== this.state.epoch + 1) throw new Error(`racer ${this.racer.id}: records from epoch ${batch.from} after epoch ${this.state.epoch}`);
      this.history?.append(batch);
      this.state.epoch = batch.from + batch.count - 1;
      if (batch.diverged) this.state.divergedAt = this.state.epoch;
      this.ctx.records(this, batch);
    }
    if (state !== this.state.status) {
      this.state.status = state;
      this.ctx.status(this);
    }
    this.checkWaits();
  }

  private fail(message: string, fetchLog = true): void {
    if (this.ended || this.closed) return;
    this.state.status = 'failed';
    this.state.error = message;
    this.ctx.status(this);
    // A worker that answered with an error is still alive: keep what it computed.
    if (this.conn) this.retire(this.conn, fetchLog);
    else this.releaseSlot?.();
    this.settleWaits();
  }

  /**
   * Lets go of a worker whose racer is done with it, archiving its log first when asked.
   * A healthy worker (`reusable`) goes to the race, for the next queued racer.
   */
  private retire(conn: TrainerConnection, fetchLog: boolean, reusable = false): void {
    const letGo = (): void => {
      if (reusable && !this.closed) this.handOver(conn);
      else this.disconnect(conn);
    };
    if (!fetchLog) {
      letGo();
      return;
    }
    this.archiving = within(call(() => conn.api.exportRecords()), GOODBYE_MS)
      .then((batch) => {
        this.archive = batch;
      })
      .catch(() => {
        reusable = false;
      })
      .finally(letGo);
  }

  private handOver(conn: TrainerConnection): void {
    if (this.conn === conn) this.conn = null;
    const release = this.releaseSlot;
    this.releaseSlot = null;
    this.ctx.handOver(conn, release);
  }

  private disconnect(conn: TrainerConnection): void {
    conn.close();
    if (this.conn === conn) this.conn = null;
    const release = this.releaseSlot;
    this.releaseSlot = null;
    release?.();
  }

  private command(send: (api: TrainerApi) => Promise<unknown>): void {
    const conn = this.conn;
    if (!conn || this.ended) return;
    call(() => send(conn.api)).catch((e: unknown) => {
      if (this.conn === conn) this.fail(messageOf(e));
    });
  }

  private until(condition: () => boolean): Promise<void> {
    if (condition() || this.ended || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waits.push({ until: condition, resolve }));
  }

  private checkWaits(): void {
    if (this.ended) {
      this.settleWaits();
      return;
    }
    const open = this.waits;
    this.waits = [];
    for (const w of open) {
      if (w.until()) w.resolve();
      else this.waits.push(w);
    }
  }

  private settleWaits(): void {
    const open = this.waits;
    this.waits = [];
    for (const w of open) w.resolve();
  }
}
