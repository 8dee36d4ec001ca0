/**
 * A page that drives real races with real module workers, for the browser tests and
 * `npm run bench:browser`. Playwright calls `window.harness` through page.evaluate; only
 * plain data comes back.
 *
 * Every Worker the page makes is counted (constructed, terminated, alive at most), and the
 * racers named in `crashable` get the real trainer worker with a crash hook.
 */
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { ndjsonLine } from '../../src/core/race/format.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import type { EpochRecord } from '../../src/core/race/record.ts';
import { runRace } from '../../src/core/race/run-race.ts';
import type { RacerSummary } from '../../src/core/race/summary.ts';
import { RaceController, type RaceControllerOptions, type RacerState } from '../../src/race/race-controller.ts';
import { recordsOf } from '../../src/race/record-batch.ts';
import { streamedAt } from '../race/helpers.ts';
import { connectWorker, workerTrainer } from '../../src/race/worker-trainer.ts';

const workers = { constructed: 0, terminated: 0, maxAlive: 0 };
const NativeWorker = globalThis.Worker;

/** Counts workers; terminate on a worker already terminated counts once. */
class CountingWorker extends NativeWorker {
  private ended = false;
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    workers.constructed++;
    workers.maxAlive = Math.max(workers.maxAlive, workers.constructed - workers.terminated);
  }
  override terminate(): void {
    if (!this.ended) workers.terminated++;
    this.ended = true;
    super.terminate();
  }
}
globalThis.Worker = CountingWorker;

const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: true });

interface RunOptions {
  /** Workers at most (default: the controller's, one per core but one). */
  workers?: number;
  speed?: RaceControllerOptions['speed'];
  timing?: boolean;
  /** Keep every streamed record as an NDJSON line (off for the benchmark). */
  keepRecords?: boolean;
  crashable?: string[];
}

let controller: RaceController | null = null;
/**
 * Controllers by their options, kept for the next load with the same options: a controller
 * keeps its workers from race to race (warm), as the playground's one controller does.
 */
const kept = new Map<string, RaceController>();
let lastWorkerOf = new Map<string, Worker>();
let streamed = new Map<string, string[]>();
let received = 0;
let benchConfig: RaceConfigSpec | null = null;

function makeController(options: RunOptions): RaceController {
  lastWorkerOf = new Map();
  streamed = new Map();
  received = 0;
  // The last controller's race stops running; one that is not kept goes altogether.
  if (controller && ![...kept.values()].includes(controller)) controller.dispose();
  else if (controller?.racers().some((r) => r.status === 'running')) controller.pause();
  const key = JSON.stringify(options);
  const again = options.crashable?.length ? undefined : kept.get(key);
  if (again) {
    controller = again;
    return again;
  }
  const crashable = new Set(options.crashable ?? []);
  const c = new RaceController({
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    ...(options.timing !== undefined ? { timing: options.timing } : {}),
    // A crashable worker belongs to the racers it was made for.
    reuseWorkers: crashable.size === 0,
    createTrainer: (racerIds) => {
      if (!racerIds.some((id) => crashable.has(id))) return workerTrainer();
      const worker = new Worker(new URL('./crashable.worker.ts', import.meta.url), { type: 'module' });
      for (const id of racerIds) lastWorkerOf.set(id, worker);
      return connectWorker(worker);
    },
  });
  c.on('records', ({ racer, batch }) => {
    if (c !== controller) return;
    received += batch.count;
    if (!options.keepRecords) return;
    const list = streamed.get(racer) ?? [];
    // A sweep's run carries W and b at the end of each batch only.
    for (let i = 0; i < batch.count; i++) list.push(ndjsonLine(streamedAt(batch, i) as EpochRecord));
    streamed.set(racer, list);
  });
  controller = c;
  if (!options.crashable?.length) kept.set(key, c);
  return c;
}

function current(): RaceController {
  if (!controller) throw new Error('no race: call harness.load first');
  return controller;
}

const harness = {
  /** Loads a race on the controller kept for these options (a new one the first time). */
  load(config: RaceConfigSpec | string, options: RunOptions = {}): void {
    makeController(options).load(config);
  },
  play(): void {
    current().play();
  },
  /** Plays and resolves with the racers' final states and the wall time from play to the last record. */
  async race(): Promise<{ racers: RacerState[]; ms: number; received: number }> {
    const c = current();
    // As a reader would: the race is on screen (every racer's epoch 0 arrived) before Play.
    while (!c.racers().every((r) => r.epoch >= 0)) await new Promise((resolve) => setTimeout(resolve, 5));
    const t0 = performance.now();
    c.play();
    const racers = await c.finished();
    return { racers, ms: performance.now() - t0, received };
  },
  racers(): RacerState[] {
    return current().racers();
  },
  finished(): Promise<RacerState[]> {
    return current().finished();
  },
  /** Every streamed record, NDJSON lines per racer. */
  streamed(): Record<string, string[]> {
    return Object.fromEntries(streamed);
  },
  /** The full-resolution export, NDJSON lines per racer. */
  async exported(): Promise<Record<string, string[]>> {
    const all = await current().exportAll();
    return Object.fromEntries([...all].map(([id, batch]) => [id, [...recordsOf(batch)].map(ndjsonLine)]));
  },
  /** Every racer's summary (a sweep's runs included), by id. */
  async summaries(): Promise<Record<string, RacerSummary>> {
    return Object.fromEntries(await current().summaries());
  },
  /** Which racers share a worker with `racerId` (itself included). */
  workerMates(racerId: string): string[] {
    const worker = lastWorkerOf.get(racerId);
    return [...lastWorkerOf].filter(([, w]) => w === worker).map(([id]) => id);
  },
  /** Makes a crashable racer's worker throw an uncaught error. */
  crash(racerId: string, message: string): void {
    const worker = lastWorkerOf.get(racerId);
    if (!worker) throw new Error(`racer ${racerId} has no crashable worker`);
    worker.postMessage({ crash: message });
  },
  /** Rapid restarts of one controller: load or reset, play, sometimes a short wait. */
  async restarts(config: RaceConfigSpec, times: number, options: RunOptions = {}): Promise<void> {
    const c = makeController(options);
    for (let i = 0; i < times; i++) {
      if (i % 2 === 0) c.load(config);
      else c.reset();
      c.play();
      if (i % 3 === 0) await new Promise((resolve) => setTimeout(resolve, i % 7));
    }
  },
  async stop(): Promise<void> {
    await current().stop();
  },
  dispose(): void {
    controller?.dispose();
    for (const c of kept.values()) c.dispose();
    kept.clear();
    controller = null;
  },
  workers(): typeof workers & { alive: number } {
    return { ...workers, alive: workers.constructed - workers.terminated };
  },
  longTasks(): number[] {
    return [...longTasks];
  },
  clearLongTasks(): void {
    longTasks.length = 0;
  },
  hardwareConcurrency(): number {
    return navigator.hardwareConcurrency;
  },
  /**
   * The CLI's loop (validate, prepare, runRace without timing) on the page's main thread:
   * what this browser's JavaScript engine does with no worker and no messages at all.
   */
  engineMs(config: RaceConfigSpec): number {
    const t0 = performance.now();
    let n = 0;
    for (const _ of runRace(prepareRace(validateRace(config)), { timing: false })) n++;
    if (n === 0) throw new Error('no records');
    return performance.now() - t0;
  },
  /**
   * The same loop in a fresh dedicated worker of its own (no Comlink, no records sent): the
   * last of `runs` runs in it, the earlier ones warming its JIT up (see engine-loop.worker.ts).
   */
  engineMsInWorker(config: RaceConfigSpec, summary = false, runs = 1): Promise<number> {
    const worker = new Worker(new URL('./engine-loop.worker.ts', import.meta.url), { type: 'module' });
    return new Promise<number>((resolve, reject) => {
      worker.addEventListener('message', (e: MessageEvent<{ ms: number }>) => resolve(e.data.ms));
      worker.addEventListener('error', (e) => reject(new Error(e.message)));
      worker.postMessage({ config, summary, runs });
    }).finally(() => worker.terminate());
  },
  /** The page's JS heap in use (precise with --enable-precise-memory-info). */
  heapUsed(): number {
    return (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  },
  /** The benchmark's config, kept in the page so each run does not send it again. */
  setBenchConfig(config: RaceConfigSpec): void {
    benchConfig = config;
  },
  benchConfig(): RaceConfigSpec {
    if (!benchConfig) throw new Error('no bench config');
    return benchConfig;
  },
};

export type Harness = typeof harness;
(globalThis as unknown as { harness: Harness }).harness = harness;
document.title = 'harness ready';
