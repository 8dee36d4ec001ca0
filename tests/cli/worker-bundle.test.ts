/**
 * The CLI's worker threads start from an esbuild bundle instead of through tsx: built once,
 * cached while its sources are unchanged, rebuilt when one changes, kept in memory when the
 * cache cannot be written. And the race worker's queue mode (what `--format summary --jobs
 * N` hands racers to) gives each racer's summary exactly as the main thread computes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import type { RacerSummary } from '../../src/core/race/summary.ts';
import { leanSummary } from '../../src/cli/job.ts';
import type { WorkerMessage } from '../../src/cli/race-worker.ts';
import { bundledEntry, startRaceWorker, workerEntry, type BundlePlace, type WorkerEntry } from '../../src/cli/worker-bundle.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'optirace-bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A TypeScript entry that imports a value from a second file and posts it. */
function writeSources(root: string, value: number): void {
  writeFileSync(join(root, 'value.ts'), `export const value: number = ${value};\n`);
  writeFileSync(join(root, 'entry.ts'), "import { parentPort } from 'node:worker_threads';\nimport { value } from './value.ts';\nparentPort!.postMessage(value);\n");
}

/** Starts the entry as a plain Node thread (no tsx loader) and resolves with what it posts. */
function firstMessage(entry: WorkerEntry): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.url, { execArgv: entry.execArgv ?? [] });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('bundledEntry', () => {
  it('builds once, reuses the bundle while the sources are unchanged, rebuilds when one changes', async () => {
    const root = mkdtempSync(join(dir, 'root-'));
    const place: BundlePlace = { root, entry: 'entry.ts', cache: join(root, 'cache') };
    writeSources(root, 1);
    const built = (await bundledEntry(place))!;
    expect(built.how).toBe('new bundle');
    expect(built.execArgv).toEqual([]);
    expect(await firstMessage(built)).toBe(1);

    const again = (await bundledEntry(place))!;
    expect(again.how).toBe('cached bundle');
    expect(again.url.href).toBe(built.url.href);

    // An imported file changes: the cached bundle is stale.
    writeSources(root, 2);
    const rebuilt = (await bundledEntry(place))!;
    expect(rebuilt.how).toBe('new bundle');
    expect(rebuilt.url.href).not.toBe(built.url.href);
    expect(await firstMessage(rebuilt)).toBe(2);
  });

  it('keeps the bundle in memory (a data: URL) when the cache folder cannot be made', async () => {
    const root = mkdtempSync(join(dir, 'root-'));
    writeSources(root, 3);
    writeFileSync(join(root, 'not-a-folder'), '');
    const entry = (await bundledEntry({ root, entry: 'entry.ts', cache: join(root, 'not-a-folder', 'cache') }))!;
    expect(entry.how).toBe('in-memory bundle');
    expect(entry.url.protocol).toBe('data:');
    expect(await firstMessage(entry)).toBe(3);
  });

  it('gives null (the CLI then boots its threads through tsx) when esbuild cannot build the entry', async () => {
    const root = mkdtempSync(join(dir, 'root-'));
    writeFileSync(join(root, 'entry.ts'), "import { missing } from './nowhere.ts';\nconsole.log(missing);\n");
    expect(await bundledEntry({ root, entry: 'entry.ts', cache: join(root, 'cache') })).toBeNull();
  });
});

describe("the race worker's queue mode, from the bundle", () => {
  it('races each racer it is handed and posts the summary the main thread computes for it', async () => {
    const config = {
      data: 'crops15',
      epochs: 30,
      seed: 5,
      racers: [
        { id: 'gd', optimizer: 'sgd', lr: 1e-5 },
        { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
        // Raw crop inputs at lr 1: diverges within a few epochs.
        { id: 'wild', optimizer: 'sgd', lr: 1 },
      ],
    };
    const race = prepareRace(parseRace(JSON.stringify(config)));
    const boot = await workerEntry();
    expect(boot.how).not.toBe('tsx');
    const worker = startRaceWorker(boot, { race, racers: 'queue', options: { format: 'summary', every: 1, timing: false, hasLr: false } });
    const got = new Map<number, RacerSummary>();
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'ready') for (const racer of [2, 0, 1]) worker.postMessage({ racer });
        if (m.kind !== 'summary') return;
        got.set(m.racer, m.summary);
        if (got.size === 3) resolve();
      });
    });
    worker.postMessage({ racer: -1 });
    // Told "no more", it ends by itself.
    expect(await exited).toBe(0);
    for (const i of [0, 1, 2]) expect(got.get(i)).toEqual(leanSummary(race, i, false));
    expect(got.get(2)!.diverged).not.toBe(false);
  });
});
