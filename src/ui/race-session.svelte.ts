/**
 * The playground's state: the race config being edited, the controller running it in
 * workers, and the view the charts read, derived from both. A config is validated and
 * prepared once, here, and handed to the controller as it is. Records arriving from workers
 * go into the one bounded chart history per racer (ViewHistory); the view is rebuilt at most
 * once per animation frame, however many records arrived.
 */
import { flushSync } from 'svelte';
import { LossSurface } from '../core/analysis/loss-surface.ts';
import { ConfigError } from '../core/config/errors.ts';
import type { ChangeSpec, ChangeValues, RaceConfigSpec } from '../core/config/schema.ts';
import { validateRace } from '../core/config/validate.ts';
import { prepareRace, type PreparedRace } from '../core/race/prepare.ts';
import { nearOptimum } from '../core/race/summary.ts';
import { ENDED, RaceController, raceEpoch, type RecordBatch, type RacerState, type Speed } from '../race/index.ts';
import { CostSampler } from './cost-sampler.ts';
import { racerColor } from './palette.ts';
import { DRAW_STAGE, DRAW_STAGES, type ChartPanelName } from './draw-stages.ts';
import { redrawGap, timeNextRender } from './redraw-gap.ts';
import { startPoint } from './start-point.ts';
import { RunTally } from './sweep/run-tally.ts';
import { RunView, standingOf } from './run-view.ts';
import { ViewHistory } from './view-history.ts';
import type { RaceView, RacerView } from './view-model.ts';

/**
 * Windows kept per racer: 128 (up to ~385 points, a window every 7 px of a wide chart,
 * each keeping its lowest, highest and last loss, so a noisy line keeps its envelope);
 * fewer for big models so their weight history stays light. A running racer's lines are
 * rebuilt every frame, so this sets the cost of a frame: with 256, frames of the six-racer
 * benchmark (`npm run bench:app`) ran past 50 ms on two cores.
 */
function historyCapacity(prepared: PreparedRace): number {
  const params = prepared.train.outputs * (prepared.train.inputs + 1);
  return Math.max(64, Math.min(128, Math.floor(2 ** 15 / params)));
}

/**
 * Runs fn in a task of its own after the next animation frame. Not inside the frame's
 * callback: there the redraw's script and the browser's style, layout and paint of what it
 * changed would be one task (up to 2 × 25 ms on two cores); as a task of its own, the
 * redraw is painted by the frame after it, and neither part holds the page for long.
 */
const afterNextFrame: (fn: () => void) => void =
  typeof requestAnimationFrame === 'function' ? (fn) => requestAnimationFrame(() => setTimeout(fn, 0)) : (fn) => setTimeout(fn, 16);

/** Whether two states of a racer tell the same standing: status, and where and why it ended. */
function sameStanding(a: RacerState | undefined, b: RacerState | undefined): boolean {
  return a !== undefined && b !== undefined && a.status === b.status && a.divergedAt === b.divergedAt && a.stoppedAt === b.stoppedAt && a.error === b.error;
}

/**
 * Curve points a sweep's run keeps: the hovered run's small plot needs few; a range test's
 * chart (loss against lr, one run) more.
 */
const RUN_CURVE_POINTS = 64;
const RANGE_TEST_POINTS = 512;

/** The Sweep panel redraws at most four times a second while runs stream in (see stageDue). */
const SWEEP_REDRAW_GAP_MS = 250;

/** Slow enough to watch the seed lesson's race unfold (five seconds), fast enough not to bore. */
export const DEFAULT_SPEED: Speed = 60;

/** The view one group of charts draws. */
class DrawStage {
  view = $state.raw<RaceView>(null as unknown as RaceView);
}

interface Progress {
  history: ViewHistory;
  /** A sweep's run keeps a tally instead of a chart history (see RunTally); null for other racers. */
  tally: RunTally | null;
  cost: CostSampler;
  initialLoss: number;
  /** Training ms of every epoch received. */
  msSoFar: number;
  epochsToOptimum: number | null;
  msToOptimum: number | null;
  /** The racer's last view, and what it was made from: reused while neither changed. */
  view: RacerView | null;
  viewOf: { version: number; state: RacerState | undefined } | null;
}

export class RaceSession {
  /** The race config in force (always valid). */
  spec = $state.raw<RaceConfigSpec>(null as unknown as RaceConfigSpec);
  prepared = $state.raw<PreparedRace>(null as unknown as PreparedRace);
  surface = $derived(new LossSurface(this.prepared.train, this.prepared.optimum));
  start = $derived(startPoint(this.prepared));
  /**
   * Each racer's state as of the last redraw, in a map changed in place (a sweep has
   * thousands of racers, and a copy of them all per redraw took tens of milliseconds);
   * `statusVersion` is the signal that it changed.
   */
  private readonly states = new Map<string, RacerState>();
  private statusVersion = $state(0);
  playing = $state(false);
  speed = $state<Speed>('max');
  /** Bumped once per frame in which records arrived. */
  private tick = $state(0);
  private progress = new Map<string, Progress>();
  /**
   * Status changes since the last redraw: they land with the records of the same frame. A
   * map filled in place: a sweep's update brings thousands, and a copy per change made that
   * quadratic (seconds for 2,000 runs).
   */
  private pendingStatuses = new Map<string, RacerState>();
  private redrawPending = false;
  /** A redraw is booked and has not started drawing (a later booking may take its place). */
  private redrawBooked = false;
  /** Bookings made so far: a booked redraw draws only while it is the latest. */
  private bookings = 0;
  /** Records or statuses arrived that no redraw has drawn yet. */
  private stale = false;
  private readonly stages = Array.from({ length: DRAW_STAGES }, () => new DrawStage());
  private lastRedraw = -Infinity;
  /** Main-thread time of the last redraw (ms): its script, charts included, and the frame that rendered it. */
  private redrawCost = 0;
  /** The race ended (or was reset): the next redraw draws every stage (the Sweep panel too), without waiting for the gap. */
  private finalRedraw = false;
  /** When the Sweep panel's stage was last drawn, and the redraw booked for it (see stageDue). */
  private sweepDrawnAt = -Infinity;
  /** Whether this redraw drew the Sweep panel's stage (so its charts' stage follows). */
  private sweepDrawn = false;
  private sweepRedraw: ReturnType<typeof setTimeout> | null = null;
  private readonly controller: RaceController;
  private readonly unsubscribe: (() => void)[];
  /** The spec `prepared` was made from (a live change makes `spec` a new object). */
  private preparedFrom: RaceConfigSpec | null = null;

  /**
   * The controller spreads the racers over one worker per core but one (the page keeps a
   * core for drawing), and every racer races at once whatever the count.
   */
  constructor(spec: RaceConfigSpec, controller = new RaceController({ speed: DEFAULT_SPEED })) {
    this.controller = controller;
    this.speed = controller.currentSpeed;
    this.unsubscribe = [
      controller.on('records', ({ racer, batch }) => this.receive(racer, batch)),
      controller.on('status', (state) => {
        this.pendingStatuses.set(state.id, state);
        this.scheduleRedraw();
      }),
      controller.on('changed', ({ racer, change }) => this.recordChange(racer, change)),
      controller.on('done', () => {
        this.applyStatuses();
        this.playing = false;
        // Every panel, the Sweep panel's too, gets the end in the next redraw, a stage a task
        // as while racing: all charts at once inside the worker's message was a 50–60 ms task.
        this.scheduleRedraw(true);
      }),
    ];
    this.load(spec);
  }

  /** Validates and loads a race (paused at epoch 0); throws ConfigError and keeps the old race when invalid. */
  load(spec: RaceConfigSpec): void {
    this.loadPrepared(spec, prepareRace(validateRace(spec)));
    this.showEverywhere();
  }

  /**
   * Loads `prepared` (made from `spec`): the controller takes it (its workers start on it at
   * once), and the page's record of the race starts again. The charts are the caller's: every
   * panel at once (`showEverywhere`), or in stages (a reset).
   */
  private loadPrepared(spec: RaceConfigSpec, prepared: PreparedRace): void {
    this.controller.loadPrepared(prepared);
    this.preparedFrom = spec;
    this.spec = spec;
    this.prepared = prepared;
    this.playing = false;
    const capacity = historyCapacity(prepared);
    const tally = (r: (typeof prepared.config.racers)[number]) => (r.sweep ? new RunTally(prepared.optimum.loss, r.lrSchedule ? RANGE_TEST_POINTS : RUN_CURVE_POINTS, r.lrSchedule !== undefined) : null);
    this.progress = new Map(
      prepared.config.racers.map((r) => [
        r.id,
        { history: new ViewHistory(r.sweep ? 1 : capacity), tally: tally(r), cost: new CostSampler(), initialLoss: NaN, msSoFar: 0, epochsToOptimum: null, msToOptimum: null, view: null, viewOf: null },
      ]),
    );
    this.pendingStatuses.clear();
    this.states.clear();
    for (const s of this.controller.racers()) this.states.set(s.id, s);
    this.statusVersion++;
    this.tick++;
  }

  /** Like load, but returns the validator's message instead of throwing. */
  tryLoad(spec: RaceConfigSpec): string | null {
    try {
      this.load(spec);
      return null;
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
  }

  play(): void {
    if (this.finished) this.reset();
    this.controller.play();
    this.playing = true;
  }

  pause(): void {
    this.controller.pause();
    this.playing = false;
  }

  async step(epochs = 1): Promise<void> {
    this.playing = false;
    await this.controller.step(epochs);
  }

  /**
   * Back to epoch 0 of the same race. The race prepared at the last load is taken again when
   * nothing changed since (no live change), and the charts are drawn in stages, as while
   * racing, from the next frame: a Replay of a 205-run sweep validated it again and redrew
   * every panel inside the click, a task of 40–60 ms on two cores.
   */
  reset(): void {
    this.loadPrepared(this.spec, this.spec === this.preparedFrom ? this.prepared : prepareRace(validateRace(this.spec)));
    this.scheduleRedraw(true);
  }

  setSpeed(speed: Speed): void {
    this.controller.setSpeed(speed);
    this.speed = speed;
  }

  /** True once any racer has taken an epoch: from then on a change is made live, not by reloading. */
  readonly started = $derived(this.someState((s) => s.epoch > 0 || s.status !== 'ready'));

  /**
   * Changes a racer's hyperparameters. Before the race starts that is an edit of the config
   * (the race reloads at epoch 0); during it, a live change from the racer's next epoch on,
   * added to its change schedule in the config (so the share link, the exports and a reset
   * replay it) without a reset. Returns the validator's message when refused, else null.
   */
  async change(racerId: string, values: ChangeValues): Promise<string | null> {
    if (!this.started) {
      const racers = this.spec.racers.map((r) => (r.id === racerId ? { ...r, ...values } : r));
      return this.tryLoad({ ...this.spec, racers });
    }
    try {
      await this.controller.change(racerId, values);
      return null;
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
  }

  /**
   * Ends these racers where they are (a sweep's Cancel): their results so far stay, labelled
   * cancelled, and the others race on. Returns why it could not, else null.
   */
  async cancel(racerIds: readonly string[]): Promise<string | null> {
    try {
      await this.controller.cancel(racerIds);
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  /** A change made during the race goes into the config, without reloading the race. */
  private recordChange(racerId: string, change: ChangeSpec): void {
    this.spec = {
      ...this.spec,
      racers: this.spec.racers.map((r) => {
        if (r.id !== racerId) return r;
        const changes = [...(r.changes ?? []).filter((c) => c.epoch !== change.epoch), change].sort((a, b) => a.epoch - b.epoch);
        return { ...r, changes };
      }),
    };
  }

  /**
   * Epochs between the records the workers' logs keep, at the coarsest: 1 at full
   * resolution; more once the race's logs reached the memory budget and were thinned.
   */
  readonly logStride = $derived.by(() => {
    void this.statusVersion;
    let most = 1;
    for (const s of this.states.values()) most = Math.max(most, s.stride);
    return most;
  });

  /** The race's epoch: the slowest running racer's (every racer runs in lockstep), or the last once all ended. */
  readonly epoch = $derived.by(() => {
    void this.statusVersion;
    return raceEpoch(this.states.values());
  });

  /** Every record at full resolution, from the workers (a sweep's runs keep none: see summaries). */
  exportAll() {
    return this.controller.exportAll();
  }

  /** Every racer's summary, a sweep's runs included, from the workers. */
  summaries() {
    return this.controller.summaries();
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    if (this.sweepRedraw !== null) clearTimeout(this.sweepRedraw);
    this.controller.dispose();
  }

  readonly finished = $derived.by(() => {
    void this.statusVersion;
    return this.states.size > 0 && !this.someState((s) => !ENDED.includes(s.status));
  });

  /** Whether any racer's state passes `test` (reactive: rerun when the states change). */
  private someState(test: (s: RacerState) => boolean): boolean {
    void this.statusVersion;
    for (const s of this.states.values()) if (test(s)) return true;
    return false;
  }

  private receive(racerId: string, batch: RecordBatch): void {
    const progress = this.progress.get(racerId);
    if (!progress) return;
    if (progress.tally) {
      progress.tally.add(batch);
      this.scheduleRedraw();
      return;
    }
    progress.history.append(batch);
    if (batch.from === 0) progress.initialLoss = batch.loss[0];
    // The first epoch within 1% of the optimum, and the training ms up to it.
    const optimumLoss = this.prepared.optimum.loss;
    if (batch.ms) progress.cost.add(batch.ms, batch.from === 0 ? 1 : 0);
    for (let i = 0; i < batch.count; i++) {
      progress.msSoFar += batch.ms ? batch.ms[i] : 0;
      const loss = batch.loss[i];
      if (progress.epochsToOptimum === null && Number.isFinite(loss) && nearOptimum(loss, optimumLoss, progress.initialLoss)) {
        progress.epochsToOptimum = batch.from + i;
        progress.msToOptimum = progress.msSoFar;
      }
    }
    this.scheduleRedraw();
  }

  /**
   * One redraw after the next frame for everything that arrived before it, in
   * DRAW_STAGES tasks (`drawnView`). A status change waits for it too: every change of
   * reactive state redraws every chart, and doing that inside a worker's message would
   * make a long task of it. The race's end (or a reset) is drawn in the next task instead,
   * even when a redraw was booked after a frame already: the last records are in, and the
   * frame's wait (up to 16 ms) was all that stood between the end and the page showing it.
   */
  private scheduleRedraw(final = false): void {
    this.stale = true;
    if (final) this.finalRedraw = true;
    if (this.redrawPending && !(final && this.redrawBooked)) return;
    this.redrawPending = true;
    this.redrawBooked = true;
    const booking = ++this.bookings;
    const redraw = () => {
      if (booking !== this.bookings) return; // a later booking took its place
      const final = this.finalRedraw;
      if (!final && performance.now() - this.lastRedraw < redrawGap(this.redrawCost)) return afterNextFrame(redraw);
      this.redrawBooked = false;
      this.finalRedraw = false;
      this.lastRedraw = performance.now();
      this.stale = false;
      let cost = 0;
      const drawStage = (stage: number) => {
        if (final || this.stageDue(stage)) {
          const start = performance.now();
          // Synchronously, to time it: the stage's charts update inside this call.
          flushSync(() => {
            if (stage === 0) {
              this.applyStatuses();
              this.tick++;
            }
            // The Sweep panel's charts draw the runs its rows were drawn from: the view can
            // change between two stages (the race's end applies the last statuses at once).
            this.stages[stage].view = stage === DRAW_STAGE.sweepCharts ? this.stages[DRAW_STAGE.sweep].view : this.view;
          });
          cost += performance.now() - start;
        }
        if (stage + 1 < DRAW_STAGES) return void setTimeout(() => drawStage(stage + 1), 0);
        this.redrawCost = cost;
        // The browser's style, layout and paint of what the stages changed cost about as much
        // again as their script (a trace of the benchmark's sweep: 145 ms of script, 161 ms
        // of rendering): the gap to the next redraw counts both (unless another redraw, the
        // end's, began before the frame was timed).
        const drawnAt = this.lastRedraw;
        timeNextRender((ms) => {
          if (this.lastRedraw === drawnAt) this.redrawCost += ms;
        });
        this.redrawPending = false;
        // Records (or the end) that arrived while the stages were drawn.
        if (this.stale) this.scheduleRedraw(this.finalRedraw);
      };
      drawStage(0);
    };
    if (final) setTimeout(redraw, 0);
    else afterNextFrame(redraw);
  }

  /**
   * Whether a redraw draws this stage now. The Sweep panel's waits SWEEP_REDRAW_GAP_MS after
   * its last draw (a later redraw is booked for it): it summarises up to thousands of runs,
   * and on a two-core machine each of its redraws (script, layout, paint, garbage) is taken
   * from the cores the sweep itself runs on. Its charts' stage follows its own. The redraw
   * after the race ended draws it whatever the wait.
   */
  private stageDue(stage: number): boolean {
    if (stage === DRAW_STAGE.sweepCharts) return this.sweepDrawn;
    if (stage !== DRAW_STAGE.sweep) return true;
    const wait = this.sweepDrawnAt + SWEEP_REDRAW_GAP_MS - performance.now();
    this.sweepDrawn = wait <= 0;
    if (this.sweepDrawn) {
      this.sweepDrawnAt = performance.now();
      return true;
    }
    this.sweepRedraw ??= setTimeout(() => {
      this.sweepRedraw = null;
      this.scheduleRedraw();
    }, wait);
    return false;
  }

  /**
   * What a chart panel draws: the view, handed to the panels' stages (`DRAW_STAGE`) one
   * task after another while records stream in, so that no one task redraws every chart;
   * the stages are a few milliseconds apart. A loaded race reaches every panel at once; a
   * finished one in the next redraw, every stage without waiting.
   */
  drawnView(panel: ChartPanelName): RaceView {
    return this.stages[DRAW_STAGE[panel]].view;
  }

  private showEverywhere(): void {
    const view = this.view;
    for (const stage of this.stages) stage.view = view;
  }

  private applyStatuses(): void {
    if (this.pendingStatuses.size === 0) return;
    for (const [id, state] of this.pendingStatuses) this.states.set(id, state);
    this.pendingStatuses.clear();
    this.statusVersion++;
  }

  /** What the charts draw: recomputed when records arrive (once per frame) or the race changes. */
  view = $derived.by((): RaceView => {
    void this.tick;
    void this.statusVersion;
    const { prepared, states } = this;
    const rows = prepared.train.rows;
    const racers: RacerView[] = prepared.config.racers.map((r, i) => {
      const progress = this.progress.get(r.id)!;
      const state = states.get(r.id);
      // An unchanged racer keeps its view object, so the charts skip it (a finished
      // racer's lines are not rebuilt while the others race). A sweep's run draws its numbers
      // from its tally: its view changes only with how it stands (its spentMs and lr, which
      // the Sweep panel does not show, are as of then).
      const { tally } = progress;
      const version = tally ? 0 : progress.history.version;
      const before = progress.viewOf;
      if (progress.view && before?.version === version && (before.state === state || (tally && sameStanding(before.state, state)))) return progress.view;
      progress.viewOf = { version, state };
      const standing = standingOf(r, racerColor(i, r.color), rows, state);
      // A sweep's run: thousands of these are rebuilt every redraw while a sweep streams in,
      // so no history, and the latest record (weights and all) made only if someone reads it.
      if (tally) return (progress.view = new RunView(standing, tally));
      return (progress.view = {
        ...standing,
        history: progress.history.points(),
        latest: progress.history.latest,
        epochsToOptimum: progress.epochsToOptimum,
        msToOptimum: progress.msToOptimum,
        cost: progress.cost.cost,
      });
    });
    return {
      spec: this.spec,
      clock: prepared.config.clock,
      epochs: prepared.config.epochs,
      train: prepared.train,
      holdout: prepared.holdout,
      optimum: prepared.optimum,
      start: this.start,
      surface: this.surface,
      racers,
      ...(prepared.config.sweeps ? { sweeps: prepared.config.sweeps } : {}),
    };
  });
}
