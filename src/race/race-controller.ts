/**
 * The main thread's side of a race. It validates and prepares a race once (a bad config is
 * refused with the engine's ConfigError before any worker starts), spreads its racers over
 * a few workers that advance them together, paces them with a horizon (see horizon.ts) so
 * every racer races at once whatever the core count, and turns the workers' record batches
 * into events and racer states. No DOM and no Svelte.
 */
import { ConfigError, describe } from '../core/config/errors.ts';
import { changeValues, parseRace, validateRace } from '../core/config/validate.ts';
import { LIMITS, type ChangeSpec, type Racer } from '../core/config/schema.ts';
import { prepareRace, type PreparedRace } from '../core/race/prepare.ts';
import type { RacerSummary } from '../core/race/summary.ts';
import type { TrainerFactory } from './connection.ts';
import { WorkerPool } from './worker-pool.ts';
import { horizonFor, unbounded, UNBOUNDED } from './horizon.ts';
import { checkMemory, DEFAULT_MEMORY_BUDGET } from './memory-budget.ts';
import { DEFAULT_BATCH_MS, type RecordBatch, type Speed, type WorkerUpdate } from './protocol.ts';
import { spreadRacers } from './spread.ts';
import { WorkerLink, type LinkEvent } from './worker-link.ts';
import { workerTrainer } from './worker-trainer.ts';

export type RacerStatus = 'ready' | 'running' | 'paused' | 'finished' | 'diverged' | 'stopped' | 'cancelled' | 'failed';

/**
 * Statuses a racer never leaves ('stopped': a range test whose loss passed 4 × its lowest;
 * 'cancelled': ended where it was by `cancel`).
 */
export const ENDED: readonly RacerStatus[] = ['finished', 'diverged', 'stopped', 'cancelled', 'failed'];

export interface RacerState {
  id: string;
  label: string;
  status: RacerStatus;
  /** The last epoch received, −1 before epoch 0 arrives. */
  epoch: number;
  /** Training time up to that epoch, ms. */
  spentMs: number;
  /** The learning rate in force from the racer's next epoch on. */
  lr: number;
  /** Its change schedule: the config's and those made during the race. */
  changes: ChangeSpec[];
  /** Epochs between the records its full-resolution log keeps (1 unless the memory budget thinned it). */
  stride: number;
  /** Why it failed. */
  error?: string;
  /** The epoch at which it diverged. */
  divergedAt?: number;
  /** The epoch at which a range test stopped. */
  stoppedAt?: number;
}

export interface RaceControllerOptions {
  /** Starts a worker for some racers; default: a module Web Worker. */
  createTrainer?: TrainerFactory;
  /**
   * Reuse the last race's workers for the next race (default true): their code is warm. Off
   * when every race must get workers from `createTrainer` (a test's crashable workers).
   */
  reuseWorkers?: boolean;
  /** Workers at most; default one core fewer than the machine has (at least one). */
  workers?: number;
  /** Starting speed; default "max". */
  speed?: Speed;
  /** Put each epoch's ms in the records; default true. */
  timing?: boolean;
  /** Workers seal a batch about this often, ms; default DEFAULT_BATCH_MS. */
  batchMs?: number;
  /** Batches a worker computes ahead of the controller before it waits; default DEFAULT_MAX_AHEAD. */
  maxAhead?: number;
  /** Bytes all racers' full-resolution logs may take together; default 512 MB (less on small devices). */
  memoryBudget?: number;
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
  /** Workers the racers are spread over. */
  workers: number;
}

export interface RaceEvents {
  /** A race was loaded, paused at its start: whatever came before belongs to the old one. */
  loaded: RaceInfo;
  /** Records of one racer at consecutive epochs; every epoch arrives exactly once, in order. */
  records: { racer: string; batch: RecordBatch };
  /** A racer's status, epoch, learning rate or error changed. */
  status: RacerState;
  /** A hyperparameter change was made during the race, from `change.epoch` on. */
  changed: { racer: string; change: ChangeSpec };
  /** Every racer finished, diverged or failed. */
  done: { racers: RacerState[] };
}

type Listener<K extends keyof RaceEvents> = (event: RaceEvents[K]) => void;

interface Entry {
  racer: Racer;
  state: RacerState;
  link: WorkerLink;
  /** The epoch a step runs it to. */
  target: number | null;
  /** Its log, fetched before its worker was let go (never for a sweep's run, which keeps none). */
  archive: RecordBatch | null;
  /** Its summary, fetched before its worker was let go. */
  summary: RacerSummary | null;
}

/** The race in play. */
interface Race {
  prepared: PreparedRace;
  info: RaceInfo;
  links: WorkerLink[];
  entries: Entry[];
  byId: Map<string, Entry>;
  playing: boolean;
  stopped: boolean;
  doneEmitted: boolean;
  /** Racers ended so far: the race is done when all are (counted, not searched for after every update of a 10,000-run sweep). */
  endedCount: number;
  /** Where pacing (re)started. */
  pace: { time: number; epoch: number; ms: number };
  /** The most training ms in one racer's streamed batch lately: the compute clock's lead across workers. */
  batchMs: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Steps waiting for their racers to reach their targets. */
  stepWaits: (() => void)[];
  ended: Promise<RacerState[]>;
  settle: (racers: RacerState[] | Error) => void;
}

/**
 * A race's epoch: its slowest running racer's (they run in lockstep), or the furthest racer's
 * once all ended; 0 before any. One pass, no arrays: the page asks it of a 10,000-run sweep's
 * states every redraw.
 */
export function raceEpoch(states: Iterable<Pick<RacerState, 'status' | 'epoch'>>): number {
  let slowestRunning = Infinity;
  let furthest = 0;
  for (const s of states) {
    if (!ENDED.includes(s.status)) slowestRunning = Math.min(slowestRunning, s.epoch);
    furthest = Math.max(furthest, s.epoch);
  }
  return slowestRunning < Infinity ? Math.max(0, slowestRunning) : furthest;
}

export function defaultWorkers(): number {
  const cores = typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency;
  return Number.isInteger(cores) && cores > 1 ? cores - 1 : 1;
}

export function checkSpeed(speed: unknown): Speed {
  if (speed !== 'max' && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) {
    throw new ConfigError(`speed must be a positive number of epochs per second or "max", got ${describe(speed)}`);
  }
  return speed;
}

/** Validates like the CLI: text is parsed as JSON, anything else validated as parsed JSON. */
function prepare(config: unknown): PreparedRace {
  return prepareRace(typeof config === 'string' ? parseRace(config) : validateRace(config));
}

const ended = (e: Entry): boolean => ENDED.includes(e.state.status);

export class RaceController {
  private race: Race | null = null;
  private speed: Speed;
  private readonly pool: WorkerPool;
  private readonly listeners: { [K in keyof RaceEvents]: Set<Listener<K>> } = {
    loaded: new Set(),
    records: new Set(),
    status: new Set(),
    changed: new Set(),
    done: new Set(),
  };

  constructor(private readonly options: RaceControllerOptions = {}) {
    this.pool = new WorkerPool(options.createTrainer ?? workerTrainer);
    this.speed = checkSpeed(options.speed ?? 'max');
  }

  /**
   * Validates and prepares `config` (JSON text or its parsed value) and loads it: see
   * loadPrepared. Throws the engine's ConfigError, starting nothing, when it is invalid.
   */
  load(config: unknown): RaceInfo {
    return this.loadPrepared(prepare(config));
  }

  /**
   * Loads a race prepared on this thread, ready at epoch 0: the previous race's workers let
   * go of it, and the racers are spread over them (warm, see worker-pool.ts) and over new
   * ones if it needs more. Throws ConfigError when its records cannot fit the memory budget
   * even thinned.
   */
  loadPrepared(prepared: PreparedRace): RaceInfo {
    const { config, train, holdout } = prepared;
    const budget = this.options.memoryBudget ?? DEFAULT_MEMORY_BUDGET;
    const logBytes = checkMemory(prepared, budget, this.options.timing ?? true);
    this.closeRace(new Error('the race was replaced or reset'));
    const groups = spreadRacers(config.racers, train.rows, train.inputs, train.outputs, this.options.workers ?? defaultWorkers());
    const info: RaceInfo = {
      ...(config.name !== undefined ? { name: config.name } : {}),
      epochs: config.epochs,
      rows: train.rows,
      inputs: train.inputs,
      outputs: train.outputs,
      hasHoldout: holdout !== null,
      inputNames: train.inputNames,
      targetNames: train.targetNames,
      racers: config.racers,
      workers: groups.length,
    };
    let settle: Race['settle'] = () => {};
    const endedPromise = new Promise<RacerState[]>((resolve, reject) => {
      settle = (r) => (r instanceof Error ? reject(r) : resolve(r));
    });
    // Nobody may be waiting for this race to end; an unobserved rejection is not an error.
    endedPromise.catch(() => {});
    const race: Race = {
      prepared,
      info,
      links: [],
      entries: [],
      byId: new Map(),
      playing: false,
      stopped: false,
      doneEmitted: false,
      endedCount: 0,
      pace: { time: 0, epoch: 0, ms: 0 },
      batchMs: 0,
      timer: null,
      stepWaits: [],
      ended: endedPromise,
      settle,
    };
    this.race = race;
    // Before its racers speak: listeners forget the old race before the new one does.
    this.emit('loaded', info);
    for (const group of groups) {
      const ids = group.map((r) => r.id);
      let link: WorkerLink;
      try {
        link = new WorkerLink(this.pool.take(ids), ids, (event) => this.heard(race, link, event));
      } catch (e) {
        link = new WorkerLink(failedConnection(), ids, () => {});
        link.close();
        race.links.push(link);
        for (const racer of group) this.addEntry(race, racer, link);
        for (const racer of group) this.end(race, race.byId.get(racer.id)!, 'failed', e instanceof Error ? e.message : String(e));
        continue;
      }
      race.links.push(link);
      for (const racer of group) this.addEntry(race, racer, link);
    }
    // Workers the last race had and this one does not need are ended.
    this.pool.trim(0);
    for (const link of race.links) {
      if (!link.alive) continue;
      link.start({
        race: prepared,
        racers: [...link.racerIds],
        logBytes,
        ...(this.options.timing !== undefined ? { timing: this.options.timing } : {}),
        ...(this.options.batchMs !== undefined ? { batchMs: this.options.batchMs } : {}),
        ...(this.options.maxAhead !== undefined ? { maxAhead: this.options.maxAhead } : {}),
      });
    }
    this.checkDone(race);
    return info;
  }

  /** The loaded race, or null. */
  get info(): RaceInfo | null {
    return this.race?.info ?? null;
  }

  /** The loaded race as prepared, with the changes made during it. */
  get prepared(): PreparedRace | null {
    const race = this.race;
    return race ? withChanges(race.prepared, race.entries) : null;
  }

  get isPlaying(): boolean {
    return this.race?.playing ?? false;
  }

  get currentSpeed(): Speed {
    return this.speed;
  }

  /** The race's epoch: the slowest running racer's, or the furthest racer's once all ended. */
  get epoch(): number {
    return raceEpoch(this.race?.entries.map((e) => e.state) ?? []);
  }

  play(): void {
    const race = this.active();
    if (race.entries.every(ended)) return;
    race.playing = true;
    this.setStatuses(race, 'running');
    this.restartPace(race);
    this.tick(race);
  }

  pause(): void {
    const race = this.active();
    this.halt(race);
    for (const link of race.links) void link.hold();
    this.setStatuses(race, 'paused');
  }

  /** Runs every unfinished racer exactly `epochs` more epochs, then pauses; resolves once their records arrived. */
  async step(epochs: number): Promise<void> {
    if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`step needs a positive whole number of epochs, got ${epochs}`);
    const race = this.active();
    this.halt(race);
    this.setStatuses(race, 'running');
    const targets = await Promise.all(race.links.map((link) => link.step(epochs)));
    if (this.race !== race) return;
    for (const t of targets) for (const [id, target] of Object.entries(t)) {
      const entry = race.byId.get(id);
      if (entry) entry.target = target;
    }
    await new Promise<void>((resolve) => {
      const reached = () => race.entries.every((e) => ended(e) || e.target === null || e.state.epoch >= e.target);
      // Checked after every update until the targets are reached (or the race moves on).
      const check = (): void => {
        if (this.race !== race || race.stopped || race.playing || reached()) resolve();
        else race.stepWaits.push(check);
      };
      check();
    });
    for (const e of race.entries) e.target = null;
    if (this.race === race && !race.playing && !race.stopped) this.setStatuses(race, 'paused');
  }

  setSpeed(speed: Speed): void {
    this.speed = checkSpeed(speed);
    const race = this.race;
    if (race?.playing) {
      this.restartPace(race);
      this.tick(race);
    }
  }

  /**
   * Changes a racer's hyperparameters before its next epoch, as editing `param_groups[0]`
   * between two epochs would, and adds the change to its schedule (so a reset, a share link
   * or an export replays it). Resolves with the change and the epoch it applies from.
   * Throws ConfigError for a value its optimizer refuses or a racer that has ended.
   */
  async change(racerId: string, values: unknown): Promise<ChangeSpec> {
    const race = this.active();
    const entry = this.entry(racerId);
    const checked = changeValues(values, entry.racer.optimizer, `the change for racer "${racerId}"`);
    if (ended(entry)) throw new ConfigError(`racer "${racerId}" has ${entry.state.status}: there is nothing left to change`);
    if (entry.state.changes.length >= LIMITS.changes) throw new ConfigError(`racer "${racerId}" already has ${LIMITS.changes} changes, the most a race keeps`);
    const epoch = await entry.link.change(racerId, checked).catch((e: unknown) => {
      throw new ConfigError(`cannot change racer "${racerId}": ${e instanceof Error ? e.message : String(e)}`);
    });
    const change: ChangeSpec = { ...entry.state.changes.find((c) => c.epoch === epoch), ...checked, epoch };
    const changes = [...entry.state.changes.filter((c) => c.epoch !== epoch), change].sort((a, b) => a.epoch - b.epoch);
    if (this.race !== race) return change;
    entry.state.changes = changes;
    entry.state.lr = lrAfter(entry.racer, changes, Math.max(entry.state.epoch, epoch - 1));
    this.emit('changed', { racer: racerId, change });
    this.emit('status', { ...entry.state });
    return change;
  }

  /**
   * Ends these racers where they are, as 'cancelled' (a sweep's Cancel): their records so far
   * stay (streamed, and in their logs for exportAll) and the other racers race on. Resolves
   * once their workers have been told; their statuses follow with the workers' next updates.
   */
  async cancel(racerIds: readonly string[]): Promise<void> {
    const race = this.active();
    const byLink = new Map<WorkerLink, string[]>();
    for (const id of racerIds) {
      const entry = this.entry(id);
      if (!ended(entry)) byLink.set(entry.link, [...(byLink.get(entry.link) ?? []), id]);
    }
    await Promise.all([...byLink].map(([link, ids]) => link.cancel(ids)));
    if (race.playing) this.tick(race);
  }

  /** Changes one racer's learning rate from its next epoch on (see change). */
  setLr(racerId: string, lr: number): Promise<ChangeSpec> {
    return this.change(racerId, { lr });
  }

  /** Back to epoch 0 of the same race (its changes kept), paused, on the same workers. */
  reset(): void {
    const prepared = this.prepared;
    if (!prepared) throw new Error('no race is loaded');
    this.loadPrepared(prepared);
  }

  /**
   * Ends the race where it is: every racer holds, its records up to there arrive, its
   * full-resolution log is kept for exportAll, and its workers are let go of (kept idle for
   * the next race).
   */
  async stop(): Promise<void> {
    const race = this.race;
    if (!race || race.stopped) return;
    race.stopped = true;
    this.halt(race);
    await Promise.all(race.links.map((link) => link.hold()));
    // An export is a round trip after the hold: the records sealed by the hold arrive first.
    await Promise.all([
      ...race.entries.filter((e) => !e.racer.sweep).map(async (e) => (e.archive = await e.link.exportRecords(e.racer.id))),
      this.summaries().then((summaries) => {
        for (const [id, summary] of summaries) race.byId.get(id)!.summary = summary;
      }),
    ]);
    this.letGo(race);
    this.setStatuses(race, 'paused');
    for (const wait of race.stepWaits.splice(0)) wait();
    race.settle(new Error('the race was stopped'));
  }

  /** Terminates every worker and forgets the race and all listeners. */
  dispose(): void {
    this.closeRace(new Error('the controller was disposed'));
    this.pool.trim(0);
    this.race = null;
    for (const set of Object.values(this.listeners)) set.clear();
  }

  racers(): RacerState[] {
    return this.race?.entries.map((e) => ({ ...e.state })) ?? [];
  }

  racer(racerId: string): RacerState {
    return { ...this.entry(racerId).state };
  }

  /** Resolves with the racers' final states once every one has finished, diverged or failed. */
  finished(): Promise<RacerState[]> {
    const race = this.race;
    if (!race) return Promise.reject(new Error('no race is loaded'));
    return race.ended;
  }

  /**
   * Every record each racer's log keeps (every epoch unless the memory budget thinned it:
   * see RacerState.stride), fetched from its worker or from the archive kept when its worker
   * was let go. A sweep's runs keep no records (see `summaries`), and racers whose worker
   * died are missing.
   */
  async exportAll(): Promise<Map<string, RecordBatch>> {
    const race = this.race;
    const out = new Map<string, RecordBatch>();
    if (!race) return out;
    const logged = race.entries.filter((e) => !e.racer.sweep);
    const batches = await Promise.all(logged.map((e) => e.archive ?? e.link.exportRecords(e.racer.id)));
    logged.forEach((e, i) => {
      const batch = batches[i];
      if (batch) out.set(e.racer.id, batch);
    });
    return out;
  }

  /**
   * Every racer's summary as it stands (a sweep's runs included), in race order: what the
   * CLI's `--format summary` prints, from each run's per-epoch losses in its worker, or as
   * archived when the race was stopped. Racers whose worker died are missing.
   */
  async summaries(): Promise<Map<string, RacerSummary>> {
    const race = this.race;
    const out = new Map<string, RacerSummary>();
    if (!race) return out;
    const fetched = new Map<string, RacerSummary>();
    await Promise.all(
      race.links.map(async (link) => {
        const missing = link.racerIds.filter((id) => !race.byId.get(id)!.summary);
        if (missing.length === 0) return;
        const summaries = await link.summaries(missing);
        summaries?.forEach((s, i) => fetched.set(missing[i], s));
      }),
    );
    for (const e of race.entries) {
      const summary = e.summary ?? fetched.get(e.racer.id);
      if (summary) out.set(e.racer.id, summary);
    }
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

  private entry(racerId: string): Entry {
    const entry = this.race?.byId.get(racerId);
    if (!entry) throw new ConfigError(`there is no racer "${racerId}" in the race`);
    return entry;
  }

  private addEntry(race: Race, racer: Racer, link: WorkerLink): void {
    const entry: Entry = {
      racer,
      link,
      target: null,
      archive: null,
      summary: null,
      state: { id: racer.id, label: racer.label, status: 'ready', epoch: -1, spentMs: 0, lr: lrAfter(racer, racer.changes, 0), changes: racer.changes, stride: 1 },
    };
    race.entries.push(entry);
    race.byId.set(racer.id, entry);
  }

  /** What a worker said. */
  private heard(race: Race, link: WorkerLink, event: LinkEvent): void {
    if (this.race !== race) return;
    if (event.kind === 'lost') {
      for (const id of link.racerIds) {
        const entry = race.byId.get(id)!;
        if (!ended(entry)) this.end(race, entry, 'failed', event.message);
      }
    } else {
      this.apply(race, event.update);
    }
    for (const wait of race.stepWaits.splice(0)) wait();
    if (race.playing) this.tick(race);
    this.checkDone(race);
  }

  private apply(race: Race, { batches, racers }: WorkerUpdate): void {
    let ms = 0;
    for (const batch of batches) {
      const entry = race.byId.get(batch.racer);
      if (!entry || batch.count === 0) continue;
      if (batch.from !== entry.state.epoch + 1) throw new Error(`racer ${batch.racer}: records from epoch ${batch.from} after epoch ${entry.state.epoch}`);
      entry.state.epoch = batch.from + batch.count - 1;
      entry.state.lr = lrAfter(entry.racer, entry.state.changes, entry.state.epoch);
      if (batch.diverged) entry.state.divergedAt = entry.state.epoch;
      if (batch.ms) {
        let sum = 0;
        for (let i = 0; i < batch.count; i++) sum += batch.ms[i];
        ms = Math.max(ms, sum);
      }
      this.emit('records', { racer: batch.racer, batch });
    }
    race.batchMs = ms;
    // A set, not a search of the batches per racer: a sweep's update has thousands of each.
    const sent = new Set(batches.map((b) => b.racer));
    for (const p of racers) {
      const entry = race.byId.get(p.id);
      if (!entry) continue;
      entry.state.spentMs = p.spentMs;
      entry.state.stride = p.stride;
      if (p.end && !ended(entry)) this.end(race, entry, p.end, p.error);
      else if (sent.has(p.id)) this.emit('status', { ...entry.state });
    }
  }

  /** The one way a racer ends. */
  private end(race: Race, entry: Entry, how: 'finished' | 'diverged' | 'stopped' | 'cancelled' | 'failed', error?: string): void {
    if (!ended(entry)) race.endedCount++;
    entry.state.status = how;
    if (how === 'failed') entry.state.error = error ?? 'the racer failed';
    if (how === 'diverged') entry.state.divergedAt = entry.state.epoch;
    if (how === 'stopped') entry.state.stoppedAt = entry.state.epoch;
    if (this.race === race) this.emit('status', { ...entry.state });
  }

  private setStatuses(race: Race, status: 'running' | 'paused'): void {
    for (const e of race.entries) {
      if (ended(e) || e.state.status === status) continue;
      e.state.status = status;
      this.emit('status', { ...e.state });
    }
  }

  private restartPace(race: Race): void {
    const { slowest } = raceStanding(race, this.options.batchMs ?? DEFAULT_BATCH_MS);
    race.pace = { time: performance.now(), epoch: slowest.epoch, ms: slowest.spentMs };
  }

  /** Raises the horizon to what the clock says now, and comes back when the next epoch is due. */
  private tick(race: Race): void {
    if (!race.playing || this.race !== race) return;
    if (unbounded(this.speed, race.links.length)) {
      for (const link of race.links) link.advance(UNBOUNDED);
      return;
    }
    const batchMs = this.options.batchMs ?? DEFAULT_BATCH_MS;
    const standing = raceStanding(race, batchMs);
    if (standing.running === 0) return;
    const horizon = horizonFor({
      clock: race.prepared.config.clock,
      speed: this.speed,
      workers: race.links.length,
      now: performance.now(),
      pace: race.pace,
      slowest: standing.slowest,
      batch: { epochs: standing.batchEpochs, ms: race.batchMs },
      cheapestCost: standing.cheapestCost,
      batchMs,
    });
    for (const link of race.links) link.advance(horizon);
    if (this.speed !== 'max' && race.timer === null) {
      const every = Math.min(50, Math.max(4, 1000 / this.speed));
      race.timer = setTimeout(() => {
        race.timer = null;
        this.tick(race);
      }, every);
    }
  }

  /** Stops playing: no more horizons or ticks. */
  private halt(race: Race): void {
    race.playing = false;
    if (race.timer !== null) clearTimeout(race.timer);
    race.timer = null;
  }

  private checkDone(race: Race): void {
    if (race.doneEmitted || race.endedCount < race.entries.length) return;
    race.doneEmitted = true;
    this.halt(race);
    const racers = race.entries.map((e) => ({ ...e.state }));
    this.emit('done', { racers });
    race.settle(racers);
    // The workers stay until the next race: they hold the logs an export reads.
  }

  /** Terminates the current race's workers, keeping nothing. */
  private closeRace(reason: Error): void {
    const race = this.race;
    if (!race) return;
    this.halt(race);
    race.stopped = true;
    this.letGo(race);
    for (const wait of race.stepWaits.splice(0)) wait();
    race.settle(reason);
  }

  /** Ends the race's links: their live workers go to the pool for the next race, or end. */
  private letGo(race: Race): void {
    for (const link of race.links) {
      if (this.options.reuseWorkers === false) {
        link.close();
        continue;
      }
      const conn = link.release();
      if (conn) this.pool.give(conn);
    }
  }
}

/** What the horizon is made from, read off every racer in one pass (see raceStanding). */
interface RaceStanding {
  /** Racers not ended. */
  running: number;
  /** The running racer furthest behind (by the race's clock, both readings), or the start. */
  slowest: { epoch: number; spentMs: number };
  /** The smallest measured ms per epoch among running racers (NaN while unknown). */
  cheapestCost: number;
  /**
   * Epochs a worker computes in one streamed batch: the batch's time over the slowest worker's
   * measured cost of one round (an epoch of each of its running racers); 16 until measured.
   * Estimated from costs, not from the batches seen: the horizon limits those, and a lead
   * taken from them would shrink itself to one epoch a round trip.
   */
  batchEpochs: number;
}

/**
 * The race's standing, in one pass over its racers and no allocation per racer: it is read
 * after every worker update, and a sweep has up to 10,000 racers.
 */
function raceStanding(race: Race, batchMs: number): RaceStanding {
  let running = 0;
  let slowestEpoch = Infinity;
  let slowestMs = Infinity;
  let cheapestCost = Infinity;
  const rounds = new Map<WorkerLink, number>();
  for (const e of race.entries) {
    if (ended(e)) continue;
    const { epoch, spentMs } = e.state;
    running++;
    if (epoch < slowestEpoch) slowestEpoch = epoch;
    if (spentMs < slowestMs) slowestMs = spentMs;
    if (epoch > 0) {
      const cost = spentMs / epoch;
      if (spentMs > 0 && cost < cheapestCost) cheapestCost = cost;
      rounds.set(e.link, (rounds.get(e.link) ?? 0) + cost);
    }
  }
  let slowestRound = 0;
  for (const round of rounds.values()) slowestRound = Math.max(slowestRound, round);
  return {
    running,
    slowest: running === 0 ? { epoch: 0, spentMs: 0 } : { epoch: Math.max(0, slowestEpoch), spentMs: slowestMs },
    cheapestCost: Number.isFinite(cheapestCost) ? cheapestCost : NaN,
    batchEpochs: slowestRound > 0 ? Math.max(1, Math.ceil(batchMs / slowestRound)) : 16,
  };
}

/** The learning rate a racer's next epoch (after `epoch`) runs with, by its schedule. */
function lrAfter(racer: Racer, changes: readonly ChangeSpec[], epoch: number): number {
  let lr = racer.options.lr;
  for (const c of changes) if (c.lr !== undefined && c.epoch <= epoch + 1) lr = c.lr;
  return lr;
}

/** The race with each racer's change schedule as it stands now. */
function withChanges(prepared: PreparedRace, entries: readonly Entry[]): PreparedRace {
  const racers = prepared.config.racers.map((r) => {
    const entry = entries.find((e) => e.racer.id === r.id);
    return entry && entry.state.changes !== r.changes ? { ...r, changes: entry.state.changes } : r;
  });
  return { ...prepared, config: { ...prepared.config, racers } };
}

/** A connection to a worker that could not be made: it answers nothing. */
function failedConnection() {
  const never = () => new Promise<never>(() => {});
  return {
    api: { init: never, advance: never, hold: never, step: never, change: never, take: never, exportRecords: never, summaries: never, cancel: never },
    onCrash: () => {},
    close: () => {},
  };
}
