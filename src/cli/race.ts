/**
 * `npm run --silent race -- CONFIG.json`: runs a race headless and streams its records.
 * Only records go to stdout; the summary and every message go to stderr. A user mistake
 * exits with status 2 and one line naming it, never a stack trace.
 */
import { closeSync, createWriteStream, openSync, readFileSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ConfigError } from '../core/config/errors.ts';
import { parseRace } from '../core/config/validate.ts';
import { csvHeader } from '../core/race/format.ts';
import { prepareRace } from '../core/race/prepare.ts';
import { USAGE, parseArgs } from './args.ts';
import { runJobs, threadCount } from './jobs.ts';
import { summaryCsvHeader } from './summary-csv.ts';
import { optimumLine, summaryTable } from './summary-table.ts';

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
  const configText = readConfig(args.config);
  const race = prepareRace(parseRace(configText));
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
  const hasHoldout = holdout !== null;
  const hasLr = config.racers.some((r) => r.lrSchedule !== undefined);
  if (args.format === 'csv') await out.write(csvHeader(train.inputs, train.outputs, hasHoldout, args.timing, hasLr));
  if (args.format === 'summary') await out.write(summaryCsvHeader(args.timing));
  const options = { format: args.format, every: args.every, timing: args.timing, hasLr };
  const summaries = await runJobs(race, configText, threadCount(race, args.jobs), options, (text) => out.write(text));
  await out.flush();
  if (args.out) await new Promise<void>((resolve) => stream.end(() => resolve()));

  if (summaryFile !== null) {
    writeFileSync(summaryFile, `${JSON.stringify({ name: config.name ?? null, optimum, racers: summaries }, null, 2)}\n`);
    closeSync(summaryFile);
  }
  // A summary run's table is its output already: stderr gets only the finish line.
  if (!args.quiet) process.stderr.write(`${args.format === 'summary' ? optimumLine(optimum) : summaryTable(summaries, optimum)}\n`);
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
      process.stderr.write(`optirace: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`optirace: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
