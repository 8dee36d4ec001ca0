/**
 * Runs a race's racers over `--jobs` threads and hands back the output in one order whatever
 * the number of threads: records epoch by epoch, racers in config order within an epoch (the
 * epochs clock's own order), summaries in config order. With records, racer i goes to worker
 * thread i mod N; a summary run hands racers out one at a time (summary-queue.ts).
 */
import { availableParallelism } from 'node:os';
import type { PreparedRace } from '../core/race/prepare.ts';
import type { RacerSummary } from '../core/race/summary.ts';
import { raceJob, type JobMessage, type JobOptions, type Line } from './job.ts';
import type { WorkerInput, WorkerMessage } from './race-worker.ts';
import { summaryCsvLine } from '../core/export/summary-csv.ts';
import { runSummaryQueue } from './summary-queue.ts';
import { startRaceWorker, workerEntry, type WorkerEntry } from './worker-bundle.ts';

/**
 * Without --jobs, a race smaller than this many row visits (Σ racers × epochs × rows) runs
 * in the main thread: a worker thread takes about 0.1 s to start (worker-bundle.ts), about
 * what such a race takes in one thread on crops15 (`npm run bench` times a sweep of 3
 * million). The output is the same either way.
 */
const SMALL_RACE = 1_000_000;

/** How many threads race: --jobs, else the cores for a big race and 1 for a small one; never more than the racers. */
export function threadCount(race: PreparedRace, jobs: number | null): number {
  const racers = race.config.racers.length;
  // The compute clock orders records by measured time across all racers: one thread only.
  if (race.config.clock === 'compute') return 1;
  if (jobs !== null) return Math.min(jobs, racers);
  const work = racers * race.config.epochs * race.train.rows;
  return work < SMALL_RACE ? 1 : Math.min(availableParallelism(), racers);
}

/** One thread's messages in order; `close` ends a thread whose messages are no longer wanted. */
interface Source {
  next(): Promise<IteratorResult<JobMessage>>;
  close(): void;
}

/** The messages of one worker thread, in order, as an async iterator. */
function workerSource(boot: WorkerEntry, input: Omit<WorkerInput, 'entry'> & { racers: number[] }): Source {
  const queue: JobMessage[] = [];
  let ended = false;
  let closed = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const worker = startRaceWorker(boot, input);
  const poke = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: WorkerMessage) => {
    if (m.kind === 'end') ended = true;
    else if (m.kind !== 'ready') queue.push(m);
    poke();
  });
  worker.on('error', (e) => {
    failure = e;
    poke();
  });
  worker.on('exit', (code) => {
    if (!ended && !closed && !failure) failure = new Error(`a race worker stopped with exit code ${code}`);
    poke();
  });
  return {
    async next(): Promise<IteratorResult<JobMessage>> {
      for (;;) {
        if (closed) return { value: undefined, done: true };
        if (queue.length > 0) return { value: queue.shift()!, done: false };
        if (failure) throw failure;
        if (ended) return { value: undefined, done: true };
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    close() {
      if (closed) return;
      closed = true;
      if (!ended) void worker.terminate();
      poke();
    },
  };
}

function localSource(race: PreparedRace, racers: number[], options: JobOptions): Source {
  const job = raceJob(race, racers, options);
  return { next: async () => job.next(), close: () => void job.return(undefined) };
}

/**
 * Runs the race and calls `write` with its output text in order; returns every racer's
 * summary in config order. `stop` is asked after every message: once it says true (nobody
 * reads the output any more) the threads are ended and the result is null. A failed write
 * ends them too, and no later text is written.
 */
export async function runJobs(
  race: PreparedRace,
  threads: number,
  options: JobOptions,
  write: (text: string) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<RacerSummary[] | null> {
  if (options.format === 'summary' && threads > 1) return runSummaryQueue(race, threads, options, await workerEntry(), write, stop);
  const count = race.config.racers.length;
  const shares = Array.from({ length: threads }, (_, k) => Array.from({ length: Math.ceil((count - k) / threads) }, (_, j) => k + j * threads));
  const boot = threads === 1 ? null : await workerEntry();
  const sources = boot === null ? [localSource(race, shares[0], options)] : shares.map((racers) => workerSource(boot, { race, racers, options }));
  const summaries: (RacerSummary | undefined)[] = new Array(count);
  let nextSummary = 0;
  const pending: Line[][] = sources.map(() => []);
  const upTo = sources.map(() => -1);

  /** Set once the output is no longer wanted (or a write failed): nothing more is written. */
  let halted = false;

  /** Writes the lines of every epoch all threads are past, epoch by epoch, racers in config order. */
  const flushLines = async () => {
    const safe = Math.min(...upTo);
    const ready: Line[] = [];
    pending.forEach((lines, k) => {
      let n = 0;
      while (n < lines.length && lines[n].epoch <= safe) n++;
      ready.push(...lines.splice(0, n));
    });
    // One thread's lines are already in race order (under the compute clock, its own order).
    if (threads > 1) ready.sort((a, b) => a.epoch - b.epoch || a.racer - b.racer);
    if (ready.length > 0 && !halted) await write(ready.map((l) => l.text).join(''));
  };

  const halt = () => {
    halted = true;
    for (const source of sources) source.close();
  };
  const drain = async (k: number) => {
    for (let r = await sources[k].next(); !r.done && !halted; r = await sources[k].next()) {
      if (stop()) {
        halt();
        break;
      }
      const m = r.value;
      if (m.kind === 'lines') {
        pending[k].push(...m.lines);
        upTo[k] = m.upTo;
        await flushLines();
      } else {
        summaries[m.racer] = m.summary;
        if (options.format === 'summary') {
          while (nextSummary < count && summaries[nextSummary] && !halted) await write(summaryLine(nextSummary++));
        }
      }
    }
  };
  const summaryLine = (i: number) => summaryCsvLine(race.config.racers[i], summaries[i]!, options.timing);
  await Promise.all(
    sources.map((_, k) =>
      drain(k).catch((e: unknown) => {
        halt(); // no other thread's text may reach a file that is being given up
        throw e;
      }),
    ),
  );
  return halted ? null : (summaries as RacerSummary[]);
}
