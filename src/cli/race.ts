/**
 * `npm run --silent race -- CONFIG.json`: runs a race headless and streams its records.
 * Only records go to stdout; the summary and every message go to stderr. A user mistake
 * exits with status 2 and one line naming it, a file that cannot be written with status 3
 * and `cannot write FILE: reason`, never a stack trace.
 */
import { ConfigError } from '../core/config/errors.ts';
import { parseRace } from '../core/config/validate.ts';
import { csvHeader, csvLine, ndjsonLine } from '../core/race/format.ts';
import { prepareRace } from '../core/race/prepare.ts';
import { runRace } from '../core/race/run-race.ts';
import { SummaryTracker } from '../core/race/summary.ts';
import { escapeControls } from '../core/text/escape-controls.ts';
import { USAGE, parseArgs } from './args.ts';
import { OutputFile } from './output-file.ts';
import { readConfig } from './read-config.ts';
import { StdoutSink } from './stdout-sink.ts';
import { summaryTable } from './summary-table.ts';
import { WriteError } from './write-error.ts';

/** Collects text and hands it on in large chunks: one write per 64 K characters, not per record. */
class Chunked {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly sink: (chunk: string) => Promise<void> | void) {}

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
    await this.sink(chunk);
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

  // Both files are opened before the race, so a path that cannot be written costs no work.
  const outFile = args.out ? new OutputFile(args.out) : null;
  let summaryFile: OutputFile | null = null;
  try {
    summaryFile = args.summary ? new OutputFile(args.summary) : null;
  } catch (e) {
    outFile?.abandon();
    throw e;
  }
  const stdout = outFile ? null : new StdoutSink();
  const out = new Chunked((chunk) => (outFile ? outFile.write(chunk) : stdout!.write(chunk)));
  try {
    const tracker = new SummaryTracker(config.racers, optimum);
    const hasHoldout = holdout !== null;
    if (args.format === 'csv') await out.write(csvHeader(train.inputs, train.outputs, hasHoldout, args.timing));
    for (const record of runRace(race, { timing: args.timing })) {
      tracker.add(record);
      // Nobody reads stdout any more (`| head`): the records are not needed, only the summary file's numbers.
      if (stdout?.gone) {
        if (summaryFile === null) break;
        continue;
      }
      const last = record.epoch === config.epochs || record.diverged === true;
      if (record.epoch % args.every !== 0 && !last) continue;
      await out.write(args.format === 'csv' ? csvLine(record, hasHoldout, args.timing) : ndjsonLine(record));
    }
    await out.flush();
    outFile?.commit();

    const summaries = tracker.summaries();
    if (summaryFile !== null) {
      summaryFile.write(`${JSON.stringify({ name: config.name ?? null, optimum, racers: summaries }, null, 2)}\n`);
      summaryFile.commit();
    }
    if (!args.quiet && !stdout?.gone) process.stderr.write(`${summaryTable(summaries, optimum)}\n`);
    return 0;
  } catch (e) {
    outFile?.abandon();
    summaryFile?.abandon();
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Messages may quote config text (ids, column names, paths): one line, no terminal controls.
    if (error instanceof ConfigError) {
      process.stderr.write(`optirace: ${escapeControls(error.message)}\n`);
      process.exitCode = 2;
    } else if (error instanceof WriteError) {
      process.stderr.write(`optirace: ${escapeControls(error.message)}\n`);
      process.exitCode = 3;
    } else {
      process.stderr.write(`optirace: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
