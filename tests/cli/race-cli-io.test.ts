/**
 * `npm run race` when its files fail it, or its input is more than it should read. A file
 * that cannot be written ends the run with one line, `optirace: cannot write FILE: reason`,
 * and status 3, and leaves no half-written file that looks whole; a reader that stops early
 * (`| head`) is no error; an input too large is refused before it fills the memory.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { chmodSync, closeSync, createReadStream, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'src', 'cli', 'race.ts');
const NODE = [process.execPath, '--import', 'tsx', CLI];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `argv` (the CLI by default) and collects what it says; `stdout: fd` sends stdout to a file. */
function run(args: readonly string[], options: { argv?: readonly string[]; stdout?: number; spawn?: SpawnOptions; onStdout?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  const argv = options.argv ?? NODE;
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], [...argv.slice(1), ...args], { cwd: ROOT, stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'], ...options.spawn });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    options.onStdout?.(child);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** crops15, two racers: a few KB of records. */
const CONFIG = { name: 'io', data: 'crops15', epochs: 40, seed: 1, racers: [{ id: 'gd', optimizer: 'sgd', lr: 1e-5 }, { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 4 }] };

let dir: string;
let config: string;
const path = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'optirace-io-'));
  chmodSync(dir, 0o755); // readable by the unprivileged user of the permission case
  config = path('race.json');
  writeFileSync(config, JSON.stringify(CONFIG));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a file that cannot be written: one line, status 3', () => {
  it.each([
    { name: '--out on a full device', args: () => [config, '--out', '/dev/full'], expected: () => 'cannot write /dev/full: no space left on device' },
    { name: '--summary on a full device', args: () => [config, '--quiet', '--summary', '/dev/full', '--out', path('records-before-summary.ndjson')], expected: () => 'cannot write /dev/full: no space left on device' },
    { name: '--out into a missing directory', args: () => [config, '--out', path('no-such-dir/out.ndjson')], expected: () => `cannot write ${path('no-such-dir/out.ndjson')}: no such directory` },
    // The summary comes last, so its file is opened before any record is written.
    { name: '--summary into a missing directory', args: () => [config, '--summary', path('no-such-dir/summary.json')], expected: () => `cannot write ${path('no-such-dir/summary.json')}: no such directory` },
  ])('$name', async ({ args, expected }) => {
    const result = await run(args());
    expect(result).toEqual({ code: 3, stdout: '', stderr: `optirace: ${expected()}\n` });
  }, 30_000);

  it('stdout on a full device', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = await run([config], { stdout: full });
      expect([result.code, result.stderr]).toEqual([3, 'optirace: cannot write stdout: no space left on device\n']);
    } finally {
      closeSync(full);
    }
  }, 30_000);

  it('--out past a file size limit (a disk that fills up): the old file stays whole, no temporary file is left', async () => {
    // `ulimit -f 4` lets a process write 4 × 512 bytes to a file and then fails its writes
    // (EFBIG: the same path as a full disk); the records need about 30 KB.
    const sub = path('limited');
    mkdirSync(sub);
    const out = join(sub, 'records.ndjson');
    writeFileSync(out, 'the previous run\n');
    const result = await run([config, '--out', out], { argv: ['/bin/sh', '-c', 'trap "" XFSZ; ulimit -f 4; exec "$@"', 'sh', ...NODE] });
    expect([result.code, result.stderr]).toEqual([3, `optirace: cannot write ${out}: file too large\n`]);
    expect(readFileSync(out, 'utf8')).toBe('the previous run\n');
    expect(readdirSync(sub)).toEqual(['records.ndjson']);
  }, 30_000);

  it('--out into a directory the user may not write to', async () => {
    const locked = path('locked');
    mkdirSync(locked, 0o555);
    chmodSync(locked, 0o555);
    // root may write anywhere: run as "nobody" then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const result = await run([config, '--out', join(locked, 'out.ndjson')], { spawn: asUser });
    expect([result.code, result.stderr]).toEqual([3, `optirace: cannot write ${join(locked, 'out.ndjson')}: permission denied\n`]);
  }, 30_000);

  it('--out into a pipe whose reader goes away', async () => {
    const fifo = path('fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const big = path('big.json');
    writeFileSync(big, JSON.stringify({ ...CONFIG, epochs: 20_000 }));
    const running = run([big, '--out', fifo]);
    // Read the first chunk, then close the reading end.
    const reader = createReadStream(fifo);
    reader.once('data', () => reader.destroy());
    const result = await running;
    expect([result.code, result.stderr]).toEqual([3, `optirace: cannot write ${fifo}: the reader closed the pipe\n`]);
  }, 60_000);
});

describe('a reader that stops early (| head) with --summary', () => {
  it('exits 0 quietly, and the summary file is complete: the whole race, every racer', async () => {
    const big = path('head.json');
    writeFileSync(big, JSON.stringify({ ...CONFIG, epochs: 3_000 }));
    const summary = path('head-summary.json');
    const result = await run([big, '--summary', summary], { onStdout: (child) => child.stdout!.once('data', () => child.stdout!.destroy()) });
    expect([result.code, result.stderr]).toEqual([0, '']);
    const written = JSON.parse(readFileSync(summary, 'utf8')) as { racers: { racer: string; epochs: number }[] };
    expect(written.racers.map((r) => [r.racer, r.epochs])).toEqual([['gd', 3_000], ['adam', 3_000]]);
  }, 60_000);
});

describe('an input larger than 128 MB is refused, and before it is read when it is a file', () => {
  it.each([
    {
      name: 'a 129 MB file, by its size (a sparse file of zeros: read, it would fail as JSON)',
      args: () => {
        const huge = path('huge.json');
        writeFileSync(huge, '');
        truncateSync(huge, 129 * 1024 * 1024);
        return [huge];
      },
      expected: () => `config file "${path('huge.json')}" is 129 MB; at most 128 MB is read`,
    },
    { name: '/dev/zero, as it reads', args: () => ['/dev/zero'], expected: () => 'config file "/dev/zero" is more than 128 MB; at most 128 MB is read' },
  ])('$name', async ({ args, expected }) => {
    const result = await run(args());
    expect(result).toEqual({ code: 2, stdout: '', stderr: `optirace: ${expected()}\n` });
  }, 60_000);
});

describe('config text on the terminal is escaped', () => {
  it('a racer id with terminal controls is printed \\u-escaped in the summary', async () => {
    const hostile = path('hostile.json');
    writeFileSync(hostile, JSON.stringify({ data: 'crops5', epochs: 1, racers: [{ id: 'x\x1b]0;owned\x07\r\n', optimizer: 'adam' }] }));
    const result = await run([hostile]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f]/); // eslint-disable-line no-control-regex
    expect(result.stderr).toContain('x\\u001b]0;owned\\u0007\\u000d\\u000a');
  }, 30_000);

  it('a CSV header with a line break gives a one-line error', async () => {
    const broken = path('header.json');
    writeFileSync(broken, JSON.stringify({ data: { csv: '"a\nb","a\nb",y\n1,2,3\n4,5,6\n', targets: ['y'] }, epochs: 1, racers: [{ id: 'r', optimizer: 'adam' }] }));
    const result = await run([broken]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'optirace: csv line 1: header has column "a\\nb" twice\n' });
  }, 30_000);
});

describe('--jobs and --format summary write through the same checked output', () => {
  it('--jobs 2 on a full device: one line, status 3, no thread left running', async () => {
    const result = await run([config, '--jobs', '2', '--out', '/dev/full']);
    expect(result).toEqual({ code: 3, stdout: '', stderr: 'optirace: cannot write /dev/full: no space left on device\n' });
  }, 60_000);

  it('--jobs 2 read by | head without --summary: status 0, no message, and the threads stop instead of racing on', async () => {
    // 100 racers × 1,000,000 epochs would take hours: ending in time means the race stopped.
    const endless = path('endless.json');
    const racers = Array.from({ length: 100 }, (_, i) => ({ id: `r${i}`, optimizer: 'sgd', lr: 1e-5, batchSize: 1 }));
    writeFileSync(endless, JSON.stringify({ data: 'crops15', epochs: 1_000_000, racers }));
    const result = await run([endless, '--jobs', '2'], {
      onStdout: (child) => {
        child.stdout!.once('data', () => child.stdout!.destroy());
        // A run that does not stop is ended here (status null), not left running after the test.
        const limit = setTimeout(() => child.kill('SIGKILL'), 45_000);
        child.on('close', () => clearTimeout(limit));
      },
    });
    expect([result.code, result.stderr]).toEqual([0, '']);
  }, 60_000);

  it('--format summary: an id that a spreadsheet would read as a formula is written as text', async () => {
    const formula = path('formula.json');
    writeFileSync(formula, JSON.stringify({ data: 'crops5', epochs: 2, racers: [{ id: '=HYPERLINK("x")', optimizer: 'adam' }] }));
    const result = await run([formula, '--format', 'summary', '--no-timing', '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\)",adam,/);
  }, 30_000);
});
