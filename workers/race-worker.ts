/**
 * A race worker: hosts any number of one race's racers and advances them together. It is
 * the object `race.worker.ts` exposes with Comlink, and the one the in-process connection
 * calls directly. It runs the engine unchanged (RacerRun, the shared batch order from
 * `epochOrder`, the race clock from `schedule.ts`), so its records are the CLI's.
 *
 * The controller says how far the racers may go (a horizon, a step, or hold); the worker
 * runs them there in slices of about `batchMs`:
 * - under the "epochs" clock in rounds: every racer that may run takes the same number of
 *   epochs, so a slice ends with them level (unless a round of many racers outlasts it);
 * - under the "compute" clock, the racer that has trained the shortest goes next.
 * A racer runs a chunk of consecutive epochs between two clock reads, and each epoch of
 * the chunk is given the chunk's time divided by its length: an epoch of a few microseconds
 * is measured, not rounded to a coarse clock's tick. Each slice's records are sealed and the
 * event loop gets a turn, so hold, change and take are served within a slice; sealed records
 * wait until the controller takes them, and with `maxAhead` batches waiting the worker
 * stops computing until the next take (backpressure).
 */
import * as Comlink from 'comlink';
import type { ChangeValues, ClockName } from '../src/core/config/schema.ts';
import type { PreparedRace } from '../src/core/race/prepare.ts';
import { MAX_CHUNK, nextChunk } from '../src/core/race/chunk-size.ts';
import { RacerRun } from '../src/core/race/racer-run.ts';
import { epochOrder } from '../src/core/race/run-race.ts';
import { nextToRun, type Lap } from '../src/core/race/schedule.ts';
import { summarizeRun, type RacerSummary } from '../src/core/race/summary.ts';
import { DEFAULT_BATCH_MS, DEFAULT_MAX_AHEAD, type Horizon, type RacerProgress, type RecordBatch, type TrainerApi, type WorkerSetup, type WorkerUpdate } from '../src/race/protocol.ts';
import { batchBuffers } from '../src/race/record-batch.ts';
import { RecordColumns } from './record-columns.ts';
import { RecordLog } from './record-log.ts';
import { ColumnPool } from './column-pool.ts';
import { Wakeup } from './wakeup.ts';

/**
 * Free memory a worker keeps for its next race at most: a race's logs and per-epoch series
 * beyond it are let go. Up to this much stays with an idle worker between races.
 */
const POOL_BYTES = 64 * 2 ** 20;
/** Row indices the shared epoch orders may take (16 MB). */
const ORDER_CACHE_VALUES = 1 << 22;
/**
 * Racers one update carries at most; the others' news follows in the next takes. The page
 * pays a structured clone per batch: an update with every racer of a 10,000-run sweep was
 * one main-thread task of about a second, and one with 205 runs' records still 35–55 ms.
 */
const MAX_RACERS_PER_UPDATE = 64;

type End = NonNullable<RacerProgress['end']>;

/**
 * One hosted racer. A sweep's run is lean: nobody reads its weights epoch by epoch (the page
 * keeps a tally of each run, and exports one summary row per run), so its records carry its
 * losses, steps and time, its batches the weights of their last record, and it keeps no log.
 */
class Hosted {
  readonly lap: Lap = { epoch: 0, spentMs: 0, done: false };
  end: End | null = null;
  error: string | null = null;
  /** Run until this epoch while stepping. */
  target = 0;
  /** Epochs per chunk, sized from the last measured chunk. */
  chunk = 1;
  /** Records not handed over yet; the first `sealed` of them are sealed. */
  readonly outbox: RecordColumns;
  sealed = 0;
  /** Progress as of the sealed records, handed over with them. */
  progress: RacerProgress;
  /** Sealed records or progress not handed over yet. */
  unsent = false;
  /** A lean run's weights (W, then b) as of its last record, and as of its last sealed one. */
  readonly lastWeights: Float64Array;
  readonly sealedWeights: Float64Array;

  constructor(
    readonly run: RacerRun,
    /** Null for a sweep's run (lean). */
    readonly log: RecordLog | null,
    inputs: number,
    outputs: number,
    hasHoldout: boolean,
    timing: boolean,
    /** Where the outbox's columns come from (and go back to at the next race: see recycle). */
    pool: ColumnPool,
  ) {
    this.outbox = new RecordColumns(inputs, outputs, hasHoldout, timing, run.racer.lrSchedule !== undefined, undefined, log !== null, pool);
    this.lastWeights = new Float64Array(log === null ? outputs * (inputs + 1) : 0);
    this.sealedWeights = new Float64Array(this.lastWeights.length);
    this.progress = { id: run.racer.id, epoch: 0, spentMs: 0, stride: 1 };
  }

  /**
   * A lean run keeps the weights of its last record: the run's own, once its epochs are
   * settled (a chunk that failed in training leaves them mid-chunk, and this not called).
   */
  keepLastWeights(): void {
    if (this.log) return;
    this.lastWeights.set(this.run.weights);
    this.lastWeights.set(this.run.bias, this.run.weights.length);
  }

  get id(): string {
    return this.run.racer.id;
  }

  /** Gives its log's, outbox's and run's arrays back to their pool: the race is over. */
  recycle(): void {
    this.log?.recycle();
    this.outbox.recycle();
    this.run.recycle();
  }
}

/** How a run that is done ended. */
function endOf(run: RacerRun): End {
  return run.diverged ? 'diverged' : run.stopped ? 'stopped' : 'finished';
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class RaceWorker implements TrainerApi {
  private race: PreparedRace | null = null;
  private hosted: Hosted[] = [];
  private laps: Lap[] = [];
  private clock: ClockName = 'epochs';
  private batchMs = DEFAULT_BATCH_MS;
  private maxAhead = DEFAULT_MAX_AHEAD;
  /** What the racers may do now. */
  private mode: 'hold' | 'horizon' | 'step' = 'hold';
  private horizon: Horizon = { epoch: 0, ms: 0 };
  /** The orders of the chunk being trained, in one array reused from chunk to chunk. */
  private readonly chunkOrders: (Int32Array | null)[] = [];
  /** A round a slice cut short: its racers' level, and the epochs each of them takes (see round). */
  private unfinishedRound: { level: number; k: number } | null = null;
  /** Row orders by epoch, shared by the hosted racers (see orderOf). */
  private orders = new Map<number, Int32Array>();
  /** Sealed batches not taken yet, and whether anything sealed is news to the controller. */
  private batchesAhead = 0;
  private news = false;
  /** Where the next update starts among the hosted racers, so that every racer's news goes out in turn. */
  private cursor = 0;
  private waiter: { resolve: (u: WorkerUpdate) => void; reject: (e: unknown) => void } | null = null;
  private readonly wakeup = new Wakeup(() => this.work());
  /** The last race's logs' and series' memory, for the next race's (see ColumnPool). */
  private readonly pool = new ColumnPool(POOL_BYTES);

  /**
   * Takes a race: a worker may be reused for one race after another (src/race/worker-pool.ts),
   * so whatever is left of the last race is dropped first, and a take() still waiting for it
   * is answered empty (the link that asked has let go of this worker already).
   */
  async init(setup: WorkerSetup): Promise<void> {
    this.wakeup.cancel();
    this.mode = 'hold';
    this.horizon = { epoch: 0, ms: 0 };
    this.orders.clear();
    this.unfinishedRound = null;
    this.batchesAhead = 0;
    this.news = false;
    this.cursor = 0;
    const stale = this.waiter;
    this.waiter = null;
    stale?.resolve({ batches: [], racers: [] });
    const { race } = setup;
    const timing = setup.timing ?? true;
    this.race = race;
    this.clock = race.config.clock;
    this.batchMs = setup.batchMs ?? DEFAULT_BATCH_MS;
    this.maxAhead = Math.max(1, setup.maxAhead ?? DEFAULT_MAX_AHEAD);
    const { inputs, outputs } = race.train;
    const hasHoldout = race.holdout !== null;
    // The last race's logs, outboxes and series go back to the pool for this race's to take from.
    for (const h of this.hosted) h.recycle();
    this.hosted = setup.racers.map((id) => {
      const racer = race.config.racers.find((r) => r.id === id);
      if (!racer) throw new Error(`the race has no racer "${id}"`);
      const log = racer.sweep ? null : new RecordLog(id, inputs, outputs, hasHoldout, timing, setup.logBytes, racer.lrSchedule !== undefined, race.config.epochs + 1, this.pool);
      return new Hosted(new RacerRun(race, racer, timing, timing, this.pool), log, inputs, outputs, hasHoldout, timing, this.pool);
    });
    this.laps = this.hosted.map((h) => h.lap);
    for (const h of this.hosted) {
      h.run.begin();
      this.pushEpoch(h, 0);
      h.keepLastWeights();
      h.log?.appendRange(h.outbox, 0, 1, h.run.diverged);
      // A start whose loss is not finite is diverged at epoch 0: there is nothing to run.
      if (h.run.done) h.end = endOf(h.run);
      h.lap.done = h.end !== null;
    }
    this.seal();
    this.notify();
  }

  async advance(horizon: Horizon): Promise<void> {
    this.mode = 'horizon';
    this.horizon = horizon;
    this.wakeup.soon();
  }

  async hold(): Promise<void> {
    this.mode = 'hold';
    this.wakeup.cancel();
    this.seal();
    this.notify();
  }

  async step(epochs: number): Promise<Record<string, number>> {
    if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`step needs a positive whole number of epochs, got ${epochs}`);
    const last = this.ready.config.epochs;
    this.mode = 'step';
    const targets: Record<string, number> = {};
    for (const h of this.hosted) {
      h.target = h.end ? h.run.epoch : Math.min(last, h.run.epoch + epochs);
      targets[h.id] = h.target;
    }
    this.wakeup.soon();
    return targets;
  }

  async change(racerId: string, values: ChangeValues): Promise<number> {
    const h = this.hostedRacer(racerId);
    if (h.end) throw new Error(`racer ${racerId} has ${h.end}`);
    return h.run.change(values);
  }

  take(): Promise<WorkerUpdate> {
    if (this.waiter) return Promise.reject(new Error('take() is already waiting'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.notify();
    });
  }

  async cancel(racerIds: string[]): Promise<void> {
    for (const h of this.hosted) {
      if (h.end || !racerIds.includes(h.id)) continue;
      h.end = 'cancelled';
      h.lap.done = true;
    }
    this.seal();
    this.notify();
  }

  async exportRecords(racerId: string): Promise<RecordBatch> {
    const h = this.hostedRacer(racerId);
    if (!h.log) throw new Error(`racer "${racerId}" is a sweep's run: it keeps its summary, not its records`);
    const batch = h.log.export();
    return Comlink.transfer(batch, batchBuffers(batch));
  }

  async summaries(racerIds: string[]): Promise<RacerSummary[]> {
    const optimum = this.ready.optimum;
    return racerIds.map((id) => summarizeRun(this.hostedRacer(id).run, optimum));
  }

  /** Stops all work (the in-process connection's terminate; a worker just dies). */
  dispose(): void {
    this.wakeup.dispose();
    this.mode = 'hold';
    this.waiter = null;
    this.pool.clear();
  }

  private hostedRacer(racerId: string): Hosted {
    const h = this.hosted.find((x) => x.id === racerId);
    if (!h) throw new Error(`this worker has no racer "${racerId}"`);
    return h;
  }

  private get ready(): PreparedRace {
    if (!this.race) throw new Error('the worker has no race yet: call init first');
    return this.race;
  }

  /** Whether `h` may take its next epoch now. */
  private mayRun(h: Hosted): boolean {
    if (h.end) return false;
    const epoch = h.run.epoch;
    switch (this.mode) {
      case 'hold':
        return false;
      case 'step':
        return epoch < h.target;
      case 'horizon':
        return epoch < this.horizon.epoch && h.lap.spentMs < this.horizon.ms;
    }
  }

  /** Epochs `h` may take in one go from where it is. */
  private room(h: Hosted): number {
    const epoch = h.run.epoch;
    const last = this.ready.config.epochs;
    const bound = this.mode === 'step' ? h.target : Math.min(this.horizon.epoch, last);
    let room = Math.min(bound, last) - epoch;
    if (this.mode === 'horizon' && Number.isFinite(this.horizon.ms) && h.lap.spentMs > 0 && h.lap.epoch > 0) {
      // Under a time horizon, as many epochs as its measured cost says fit (at least one).
      const cost = h.lap.spentMs / h.lap.epoch;
      room = Math.min(room, Math.max(1, Math.ceil((this.horizon.ms - h.lap.spentMs) / cost)));
    }
    return room;
  }

  /** Runs slices of chunks until the slice is due, there is nothing to do, or too much waits. */
  private work(): void {
    if (!this.race) return;
    const start = performance.now();
    for (;;) {
      if (this.batchesAhead >= this.maxAhead) return; // take() wakes us up
      const ran = this.clock === 'epochs' ? this.round(start) : this.computeChunk();
      if (!ran) break;
      if (performance.now() - start >= this.batchMs) {
        this.seal();
        this.notify();
        this.wakeup.soon();
        return;
      }
    }
    this.seal();
    this.notify();
  }

  /**
   * Epochs clock: the racers that may run and are furthest behind take the same number of
   * epochs each (racers ahead wait for them). Returns false when none may run.
   *
   * A round of many racers may outlast the slice (a 10,000-run sweep's round of ~1 ms chunks
   * took seconds, and hold, cancel and take waited for them): it stops once the slice is due,
   * and the racers it did not reach, still furthest behind, finish it in the next slice with
   * the same number of epochs. (Sized afresh from only those racers, the chunks came out
   * uneven, and a racer's short chunks made its measured cost per epoch up to half as much
   * again: the cost benchmark caught it.)
   */
  private round(sliceStart: number): boolean {
    let level = Infinity;
    for (const h of this.hosted) if (this.mayRun(h)) level = Math.min(level, h.run.epoch);
    if (level === Infinity) return false;
    const behind = this.hosted.filter((h) => this.mayRun(h) && h.run.epoch === level);
    let k = MAX_CHUNK;
    if (this.unfinishedRound?.level === level) k = this.unfinishedRound.k;
    else for (const h of behind) k = Math.min(k, h.chunk, this.room(h));
    k = Math.max(1, k);
    this.unfinishedRound = null;
    for (let i = 0; i < behind.length; i++) {
      this.runChunk(behind[i], Math.max(1, Math.min(k, this.room(behind[i]))));
      if (i + 1 < behind.length && performance.now() - sliceStart >= this.batchMs) {
        this.unfinishedRound = { level, k };
        break;
      }
    }
    return true;
  }

  /** Compute clock: a chunk of the racer that has trained the shortest. Returns false when none may run. */
  private computeChunk(): boolean {
    const i = nextToRun(this.laps, 'compute', (j) => this.mayRun(this.hosted[j]));
    if (i < 0) return false;
    const h = this.hosted[i];
    this.runChunk(h, Math.max(1, Math.min(h.chunk, this.room(h))));
    return true;
  }

  /**
   * Trains `count` consecutive epochs of `h` between two clock reads (RacerRun.trainChunk),
   * then measures them and makes their records outside the timed span: each epoch gets the
   * chunk's training time over its length, the time the CLI's per-epoch clock would give it.
   */
  private runChunk(h: Hosted, count: number): void {
    const { run } = h;
    let elapsed = 0;
    let perEpoch = 0;
    const first = h.outbox.count;
    try {
      // The row orders first, outside the timed span (the CLI's clock does not count them either).
      this.pruneOrders();
      const from = run.epoch + 1;
      const orders = this.chunkOrders;
      const length = Math.max(1, Math.min(count, this.ready.config.epochs - run.epoch));
      for (let k = 0; k < length; k++) orders[k] = this.orderOf(from + k);
      elapsed = run.trainChunk(count, (epoch) => orders[epoch - from]);
      orders.length = 0;
      perEpoch = run.settleChunkInto((steps) => this.pushEpoch(h, steps));
      h.keepLastWeights();
    } catch (e) {
      h.end = 'failed';
      h.error = messageOf(e);
    }
    h.outbox.setMs(first, h.outbox.count, perEpoch);
    h.log?.appendRange(h.outbox, first, h.outbox.count, run.diverged, run.stopped);
    h.lap.spentMs += elapsed;
    h.lap.epoch = run.epoch;
    if (!h.end && run.done) h.end = endOf(run);
    h.lap.done = h.end !== null;
    h.chunk = nextChunk(h.chunk, elapsed);
  }

  /** The run's current epoch into the outbox, straight from the run: no record object per epoch. */
  private pushEpoch(h: Hosted, steps: number): void {
    const { run } = h;
    const e = run.epoch;
    h.outbox.pushValues(e, run.lossAt(e), run.holdoutLossAt(e), run.weights, run.bias, steps, 0, run.scheduledLrAt(steps) ?? NaN);
  }

  /**
   * The shared row order of `epoch`, made once for every racer of the worker: under the
   * epochs clock they all take the same epochs, and a seeded permutation costs more than a
   * small model's whole epoch. Epochs behind every racer are dropped; the cache stays under
   * ORDER_CACHE_VALUES row indices.
   */
  private orderOf(epoch: number): Int32Array | null {
    const race = this.ready;
    if (!race.config.shuffle) return null;
    const cached = this.orders.get(epoch);
    if (cached) return cached;
    const rows = race.train.rows;
    if ((this.orders.size + 1) * rows > ORDER_CACHE_VALUES) return epochOrder(race, epoch, new Int32Array(rows));
    const order = epochOrder(race, epoch, new Int32Array(rows))!;
    this.orders.set(epoch, order);
    return order;
  }

  /** Forgets the row orders of epochs every hosted racer has passed. */
  private pruneOrders(): void {
    if (this.orders.size === 0) return;
    let lowest = Infinity;
    for (const h of this.hosted) if (!h.end) lowest = Math.min(lowest, h.run.epoch + 1);
    for (const e of this.orders.keys()) if (e < lowest) this.orders.delete(e);
  }

  /** Seals every racer's new records into the next batch, with its progress as of them. */
  private seal(): void {
    let sealedAny = false;
    for (const h of this.hosted) {
      const changed = h.outbox.count > h.sealed || (h.end !== null && h.progress.end === undefined);
      if (!changed) continue;
      if (h.outbox.count > h.sealed) {
        sealedAny = true;
        // The records sealed end with the outbox's last: a later take hands them over with these weights.
        h.sealedWeights.set(h.lastWeights);
      }
      h.sealed = h.outbox.count;
      h.progress = {
        id: h.id,
        epoch: h.run.epoch,
        spentMs: h.lap.spentMs,
        stride: h.log?.stride ?? 1,
        ...(h.end ? { end: h.end } : {}),
        ...(h.error ? { error: h.error } : {}),
      };
      h.unsent = true;
      this.news = true;
    }
    if (sealedAny) this.batchesAhead++;
  }

  /** Answers a waiting take() when something was sealed since the last one. */
  private notify(): void {
    const waiter = this.waiter;
    if (!waiter || !this.news) return;
    this.waiter = null;
    const blocked = this.batchesAhead >= this.maxAhead;
    const racers: RacerProgress[] = [];
    const sending: Hosted[] = [];
    const n = this.hosted.length;
    let k = 0;
    for (; k < n && racers.length < MAX_RACERS_PER_UPDATE; k++) {
      const h = this.hosted[(this.cursor + k) % n];
      if (!h.unsent) continue;
      h.unsent = false;
      racers.push(h.progress);
      if (h.sealed > 0) sending.push(h);
    }
    this.cursor = n > 0 ? (this.cursor + k) % n : 0;
    // Every racer's new records in one buffer: one allocation and one transfer per update,
    // not one per column of every racer.
    let values = 0;
    for (const h of sending) values += h.outbox.batchSize(h.sealed);
    const storage = new Float64Array(values);
    const batches: RecordBatch[] = [];
    let at = 0;
    for (const h of sending) {
      const all = h.sealed === h.outbox.count;
      batches.push(h.outbox.batch(h.id, 0, h.sealed, h.end === 'diverged' && all, h.end === 'stopped' && all, storage, at, h.sealedWeights));
      at += h.outbox.batchSize(h.sealed);
      h.outbox.dropFirst(h.sealed);
      h.sealed = 0;
    }
    // What did not fit goes with the next take, at once; until it has all gone the worker stays held back.
    this.news = racers.length === MAX_RACERS_PER_UPDATE && this.hosted.some((h) => h.unsent);
    if (!this.news) this.batchesAhead = 0;
    const update: WorkerUpdate = { batches, racers };
    waiter.resolve(Comlink.transfer(update, batchBuffers(...batches)));
    if (blocked && !this.news && this.mode !== 'hold') this.wakeup.soon();
  }
}
