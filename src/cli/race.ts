/**
 * `npm run --silent race -- CONFIG.json`: runs a race headless and streams its records.
 * Only records go to stdout; the summary and every message go to stderr. A user mistake
 * exits with status 2 and one line naming it, a file that cannot be written with status 3
 * and `cannot write FILE: reason`, never a stack trace.
 */
import { ConfigError } from '../core/config/errors.ts';
import { parseRace } from '../core/config/validate.ts';
import { csvHeader } from '../core/race/format.ts';
import { prepareRace } from '../core/race/prepare.ts';
import { escapeControls } from '../core/text/escape-controls.ts';
import { USAGE, parseArgs } from './args.ts';
import { runJobs, threadCount } from './jobs.ts';
import { OutputFile } from './output-file.ts';
import { readConfig } from './read-config.ts';
import { StdoutSink } from './stdout-sink.ts';
import { summaryCsvHeader } from '../core/export/summary-csv.ts';
import { optimumLine, summaryTable } from './summary-table.ts';
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
  const configText = readConfig(args.config);
  const race = prepareRace(parseRace(configText));
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
    const hasHoldout = holdout !== null;
    const hasLr = config.racers.some((r) => r.lrSchedule !== undefined);
    if (args.format === 'csv') await out.write(csvHeader(train.inputs, train.outputs, hasHoldout, args.timing, hasLr));
    if (args.format === 'summary') await out.write(summaryCsvHeader(args.timing));
    const options = { format: args.format, every: args.every, timing: args.timing, hasLr };
    // Nobody reads stdout any more (`| head`): without a summary file nothing is left to do.
    // With one, the race goes on for its numbers and the sink drops the text.
    const stop = () => stdout?.gone === true && summaryFile === null;
    const summaries = await runJobs(race, threadCount(race, args.jobs), options, (text) => out.write(text), stop);
    await out.flush();
    outFile?.commit();
    if (summaries === null) return 0;

    if (summaryFile !== null) {
      summaryFile.write(`${JSON.stringify({ name: config.name ?? null, optimum, racers: summaries }, null, 2)}\n`);
      summaryFile.commit();
    }
    // A summary run's table is its output already: stderr gets only the finish line.
    if (!args.quiet && !stdout?.gone) process.stderr.write(`${args.format === 'summary' ? optimumLine(optimum) : summaryTable(summaries, optimum)}\n`);
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
