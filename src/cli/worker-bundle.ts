/**
 * How a CLI worker thread loads the engine. Through tsx (worker-boot.mjs) a thread takes
 * about a second to start: tsx registers its loader and compiles every TypeScript file the
 * worker imports, once per thread. Instead, race-worker.ts and everything it imports are
 * bundled with esbuild (the compiler tsx itself runs on, so it is always installed where
 * the CLI runs) into one plain ES module, cached in node_modules/.cache/optirace/ and loaded
 * by a thread with no loader at all (about 0.1 s). The cache is keyed by the content of
 * every file the bundle was built from: an edited source is rebuilt on the next run.
 *
 * When the cache folder cannot be written, the bundle is handed to the threads as a data:
 * URL; when esbuild cannot run at all, threads boot through tsx as before. Each way runs the
 * same source, so the output is the same.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInput } from './race-worker.ts';

/** What `new Worker(url, { execArgv })` needs to start a race worker. */
export interface WorkerEntry {
  url: URL;
  /** Node flags for the thread: none for the bundle (no tsx loader); the CLI's own for the tsx boot. */
  execArgv?: string[];
  /** What the thread imports after booting (only the tsx boot has one). */
  entry?: string;
  how: 'cached bundle' | 'new bundle' | 'in-memory bundle' | 'tsx';
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Old bundles are deleted once this old: a CLI that started on one may still be loading it. */
const STALE_MS = 10 * 60 * 1000;

/** What to bundle and where to keep it. */
export interface BundlePlace {
  /** The folder the entry and its imports are under. */
  root: string;
  /** The entry, relative to `root`. */
  entry: string;
  /** The cache folder (created when missing). */
  cache: string;
}

const RACE_WORKER: BundlePlace = { root: ROOT, entry: 'src/cli/race-worker.ts', cache: join(ROOT, 'node_modules', '.cache', 'optirace') };

interface Manifest {
  /** The bundle's file name in the cache folder. */
  file: string;
  /** Every source file in the bundle (relative to the root) and the SHA-256 of its content. */
  inputs: Record<string, string>;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const stem = (place: BundlePlace): string => basename(place.entry).replace(/\.[^.]*$/, '');
const manifestPath = (place: BundlePlace): string => join(place.cache, `${stem(place)}.json`);

/** The cached bundle when every file it was built from is unchanged, else null. */
function cachedBundle(place: BundlePlace): string | null {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath(place), 'utf8')) as Manifest;
    for (const [path, hash] of Object.entries(manifest.inputs)) if (sha256(readFileSync(join(place.root, path))) !== hash) return null;
    const file = join(place.cache, manifest.file);
    statSync(file);
    return file;
  } catch {
    return null;
  }
}

/** Writes `text` to `path` whole or not at all: another CLI may be reading the cache meanwhile. */
function writeAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Deletes this entry's bundles other than `keep` that are old enough that no CLI is still starting on them. */
function pruneBundles(place: BundlePlace, keep: string): void {
  const prefix = `${stem(place)}.`;
  for (const name of readdirSync(place.cache)) {
    if (name === keep || !name.startsWith(prefix) || !name.endsWith('.mjs')) continue;
    const path = join(place.cache, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // another CLI pruned it first
    }
  }
}

/** Bundles the entry with esbuild: its code, and the hash of every input file. */
async function build(place: BundlePlace): Promise<{ code: string; inputs: Record<string, string> }> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: place.root,
    entryPoints: [place.entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const inputs: Record<string, string> = {};
  for (const path of Object.keys(result.metafile.inputs)) inputs[path] = sha256(readFileSync(join(place.root, path)));
  return { code, inputs };
}

let pending: Promise<WorkerEntry> | null = null;

/** How this process's race worker threads start: found or built once per process. */
export function workerEntry(): Promise<WorkerEntry> {
  pending ??= bundledEntry(RACE_WORKER).then((entry) => entry ?? tsxBoot());
  return pending;
}

/**
 * The bundle of `place.entry`: cached when its sources are unchanged, else built (and cached
 * when the cache folder can be written); null when esbuild cannot build it.
 */
export async function bundledEntry(place: BundlePlace): Promise<WorkerEntry | null> {
  const cached = cachedBundle(place);
  if (cached) return { url: pathToFileURL(cached), execArgv: [], how: 'cached bundle' };
  let built: { code: string; inputs: Record<string, string> };
  try {
    built = await build(place);
  } catch {
    return null;
  }
  const file = `${stem(place)}.${sha256(built.code).slice(0, 16)}.mjs`;
  try {
    mkdirSync(place.cache, { recursive: true });
    writeAtomic(join(place.cache, file), built.code);
    writeAtomic(manifestPath(place), JSON.stringify({ file, inputs: built.inputs } satisfies Manifest));
    pruneBundles(place, file);
    return { url: pathToFileURL(join(place.cache, file)), execArgv: [], how: 'new bundle' };
  } catch {
    // A read-only install: the bundle still starts fast, rebuilt by each run.
    return { url: new URL(`data:text/javascript;base64,${Buffer.from(built.code).toString('base64')}`), execArgv: [], how: 'in-memory bundle' };
  }
}

/** The slow way, which needs no esbuild: each thread registers tsx and imports the TypeScript worker. */
export function tsxBoot(): WorkerEntry {
  return { url: new URL('./worker-boot.mjs', import.meta.url), entry: new URL('./race-worker.ts', import.meta.url).href, how: 'tsx' };
}

/** Starts a race worker thread the way `boot` says, with `input` (its share of the race). */
export function startRaceWorker(boot: WorkerEntry, input: Omit<WorkerInput, 'entry'>): Worker {
  const workerData: WorkerInput = { ...input, ...(boot.entry ? { entry: boot.entry } : {}) };
  return new Worker(boot.url, { workerData, ...(boot.execArgv ? { execArgv: boot.execArgv } : {}) });
}
