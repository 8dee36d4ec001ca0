import { escapeControls } from '../text/escape-controls.ts';

/**
 * A mistake in a race config, CSV or message: a user error, not a bug. Its message names the
 * field (or CSV line) and what is wrong, and is shown as it is, never with a stack trace.
 */
export class ConfigError extends Error {
  /**
   * The config path of the field the message is about (`racers[1].lr`, `data.synthetic.n`,
   * `csv`), for a UI to show the field's label instead; the CLI prints the message as is.
   * By default the path the message starts with: every validator message begins with it.
   */
  readonly path: string;

  constructor(message: string, path: string = leadingPath(message)) {
    super(message);
    this.name = 'ConfigError';
    this.path = path;
  }
}

/**
 * Text from a config inside a message: in double quotes, and on one line whatever it holds
 * (JSON escapes C0 controls; escapeControls the rest, such as DEL, C1 and U+2028).
 */
export function quote(text: string): string {
  return escapeControls(JSON.stringify(text));
}

/** The config path a message starts with: `racers[1].betas[0]`, `epochs`, `csv`, … or ''. */
export function leadingPath(message: string): string {
  return /^[A-Za-z_]\w*(\[\d+\])?(\.[A-Za-z_]\w*(\[\d+\])?)*/.exec(message)?.[0] ?? '';
}

/** How a value is shown in an error message: short, and unambiguous about its type. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return quote(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'bigint') return 'a BigInt';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  // A Map, Date or class instance by its kind: "got an object" would puzzle next to "must be an object".
  const proto: unknown = Object.getPrototypeOf(value);
  const kind = proto !== null && Object.getPrototypeOf(proto) !== null ? (proto as { constructor?: { name?: unknown } }).constructor?.name : undefined;
  return typeof kind === 'string' && kind !== '' ? `a ${kind}` : 'an object';
}
