/** Command-line arguments of `npm run race`, parsed strictly: a typo is a clear error, not a silent default. */
import { ConfigError } from '../core/config/errors.ts';

export interface RaceArgs {
  config: string;
  every: number;
  format: 'ndjson' | 'csv' | 'summary';
  out: string | null;
  summary: string | null;
  quiet: boolean;
  timing: boolean;
  help: boolean;
  /** Worker threads to race on; null: the machine's cores (see jobs.ts). */
  jobs: number | null;
}

export const USAGE = `usage: npm run --silent race -- CONFIG.json [options]
       npm run --silent race -- - < CONFIG.json

Runs a race and writes one record per racer per epoch to stdout.

options:
  --every N          write every N-th epoch (and each racer's last one); default 1
  --format FORMAT    ndjson (default), csv, or summary (one CSV line per racer, no records)
  --jobs N           race on N worker threads; default: the machine's cores
  --out FILE         write records to FILE instead of stdout
  --summary FILE     also write the per-racer summary as JSON to FILE
  --quiet            do not print the summary on stderr
  --no-timing        leave out the per-epoch "ms" field, for byte-identical output
  --help             show this help`;

export function parseArgs(argv: readonly string[]): RaceArgs {
  const args: RaceArgs = { config: '', every: 1, format: 'ndjson', out: null, summary: null, quiet: false, timing: true, help: false, jobs: null };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new ConfigError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--every') {
      const v = value();
      const n = Number(v);
      if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw new ConfigError(`--every must be a positive integer, got "${v}"`);
      args.every = n;
    } else if (arg === '--format') {
      const v = value();
      if (v !== 'ndjson' && v !== 'csv' && v !== 'summary') throw new ConfigError(`--format must be ndjson, csv or summary, got "${v}"`);
      args.format = v;
    } else if (arg === '--jobs') {
      const v = value();
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 1 || n > 256) throw new ConfigError(`--jobs must be an integer from 1 to 256, got "${v}"`);
      args.jobs = n;
    } else if (arg === '--out') args.out = value();
    else if (arg === '--summary') args.summary = value();
    else if (arg === '--quiet') args.quiet = true;
    else if (arg === '--no-timing') args.timing = false;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg.startsWith('-') && arg !== '-') throw new ConfigError(`unknown option ${arg} (see --help)`);
    else positional.push(arg);
  }
  if (args.help) return args;
  if (positional.length !== 1) throw new ConfigError(positional.length === 0 ? 'no config file given (see --help)' : `expected one config file, got ${positional.length}: ${positional.join(' ')}`);
  args.config = positional[0];
  return args;
}
