/**
 * A summary run (`--format summary`) on several threads. Its racers are independent and
 * leave nothing but a summary, so instead of a fixed share per thread they are handed out
 * one at a time to whichever thread is free, the main thread among them (`--jobs N`: the
 * main thread and N − 1 workers). A worker that starts late (it loads the engine, then its
 * first runs are JIT-cold) simply takes fewer, and no thread idles at the end while another
 * works through a share. The main thread takes racers from the front of the config, the
 * workers from the back: a sweep's runs come grouped by base racer, so each thread meets
 * few optimizers, and its compiled code stays specialized to them. Summaries are written in
 * config order as they complete, so the output is the same for any N.
 */
import type { Worker } from 'node:worker_threads';
import type { PreparedRace } from '../core/race/prepare.ts';
import type { RacerSummary } from '../core/race/summary.ts';
import { leanSummary, type JobOptions } from './job.ts';
import type { QueueTask, WorkerMessage } from './race-worker.ts';
import { summaryCsvLine } from '../core/export/summary-csv.ts';
import { startRaceWorker, type WorkerEntry } from './worker-bundle.ts';

/**
 * Racers a worker holds at once: the next is already there when it posts a summary, even
 * while the main thread is busy with a run of its own and answers late.
 */
const IN_HAND = 2;

/** Lets the event loop serve the workers' messages between two of the main thread's runs. */
const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runSummaryQueue(
  race: PreparedRace,
  threads: number,
  options: JobOptions,
  boot: WorkerEntry,
  write: (text: string) => Promise<void>,
  stop: () => boolean,
): Promise<RacerSummary[] | null> {
  const { racers } = race.config;
  const summaries: (RacerSummary | undefined)[] = new Array(racers.length);
  /** Racers [front, back) are still to be handed out. */
  let front = 0;
  let back = racers.length;
  let received = 0;
  let written = 0;
  /** Set once the output is no longer wanted or something failed: no more racers go out, nothing more is written. */
  let halted = false;
  let fail: (e: unknown) => void = () => {};
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const workers: Worker[] = [];
  const halt = (error?: unknown) => {
    if (halted) return;
    halted = true;
    for (const worker of workers) void worker.terminate();
    if (error === undefined) finish();
    else fail(error);
  };

  /** The next racer to race from the front (the main thread) or the back (workers), or -1 when every one has been handed out. */
  const take = (fromBack: boolean): number => (halted || front === back ? -1 : fromBack ? --back : front++);

  /** Writes the summaries that are next in config order; one writer at a time. */
  let writing = Promise.resolve();
  const flush = () =>
    (writing = writing.then(async () => {
      while (!halted && written < racers.length && summaries[written]) {
        await write(summaryCsvLine(racers[written], summaries[written]!, options.timing));
        written++;
      }
      if (written === racers.length) halt();
    }));

  const settle = (i: number, summary: RacerSummary) => {
    summaries[i] = summary;
    received++;
    if (stop()) return halt();
    flush().catch(halt);
  };

  for (let k = 1; k < threads && k < racers.length; k++) {
    const worker = startRaceWorker(boot, { race, racers: 'queue', options });
    workers.push(worker);
    let holding = 0;
    let closed = false;
    const handOut = () => {
      while (holding < IN_HAND) {
        const racer = take(true);
        if (racer < 0) break;
        worker.postMessage({ racer } satisfies QueueTask);
        holding++;
      }
      if (holding === 0 && !closed) {
        closed = true;
        worker.postMessage({ racer: -1 } satisfies QueueTask);
      }
    };
    worker.on('message', (m: WorkerMessage) => {
      if (halted) return;
      if (m.kind === 'summary') {
        holding--;
        settle(m.racer, m.summary);
      }
      handOut();
    });
    worker.on('error', (e) => halt(e));
    worker.on('exit', (code) => {
      if (!closed && !halted) halt(new Error(`a race worker stopped with exit code ${code}`));
    });
  }

  // The main thread races too, one racer at a time, serving the workers between runs.
  for (let i = take(false); i >= 0; i = take(false)) {
    try {
      settle(i, leanSummary(race, i, options.timing));
    } catch (e) {
      halt(e);
    }
    await yieldToMessages();
  }
  if (racers.length === 0) halt();
  await done;
  return received === racers.length && written === racers.length ? (summaries as RacerSummary[]) : null;
}
