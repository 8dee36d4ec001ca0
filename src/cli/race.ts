/**
 * `npm run --silent race -- CONFIG.json`: runs a race headless and streams its records.
 * Only records go to stdout; the summary and every message go to stderr. A user mistake
 * exits with status 2 and one line naming it, never a stack trace.
 */
import { closeSync, createWriteStream, openSync, readFileSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ConfigError } from '../core/config/errors.ts';
import { parseRace } from '../core/config/validate.ts';
import { csvHeader, csvLine, ndjsonLine } from '../core/race/format.ts';
import { prepareRace } from '../core/race/prepare.ts';
import { runRace } from '../core/race/run-race.ts';
import { SummaryTracker } from '../core/race/summary.ts';
import { escapeControls } from '../core/text/escape-controls.ts';
import { USAGE, parseArgs } from './args.ts';
import { summaryTable } from './summary-table.ts';

function readConfig(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new ConfigError(`cannot read config ${path === '-' ? 'from stdin' : `file "${path}"`}: ${why}`);
  }
}

/** Opens `path` for writing now, so a bad path is refused before any record is written. */
function openForWriting(path: string, option: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    throw new ConfigError(`cannot write ${option} file "${path}": ${(e as Error).message}`);
  }
}

/** Buffers text and writes it in large chunks, waiting when the stream asks to. */
class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly stream: Writable) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise((resolve) => this.stream.once('drain', resolve));
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const race = prepareRace(parseRace(readConfig(args.config)));
  const { config, train, holdout, optimum } = race;
  const summaryFile = args.summary ? openForWriting(args.summary, '--summary') : null;

  const stream = args.out ? createWriteStream(args.out) : process.stdout;
  if (args.out) {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (e) => reject(new ConfigError(`cannot write --out file "${args.out}": ${e.message}`)));
    });
  }
  const out = new ChunkedWriter(stream);
  const tracker = new SummaryTracker(config.racers, optimum);
  const hasHoldout = holdout !== null;
  if (args.format === 'csv') await out.write(csvHeader(train.inputs, train.outputs, hasHoldout, args.timing));
  for (const record of runRace(race, { timing: args.timing })) {
    tracker.add(record);
    const last = record.epoch === config.epochs || record.diverged === true;
    if (record.epoch % args.every !== 0 && !last) continue;
    await out.write(args.format === 'csv' ? csvLine(record, hasHoldout, args.timing) : ndjsonLine(record));
  }
  await out.flush();
  if (args.out) await new Promise<void>((resolve) => stream.end(() => resolve()));

  const summaries = tracker.summaries();
  if (summaryFile !== null) {
    writeFileSync(summaryFile, `${JSON.stringify({ name: config.name ?? null, optimum, racers: summaries }, null, 2)}\n`);
    closeSync(summaryFile);
  }
  if (!args.quiet) process.stderr.write(`${summaryTable(summaries, optimum)}\n`);
  return 0;
}

// A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      // The message may quote config text (ids, column names): one line, no terminal controls.
      process.stderr.write(`optirace: ${escapeControls(error.message)}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`optirace: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
