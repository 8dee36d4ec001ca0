/**
 * The embed widget's URL parameters (`?embed=1&panels=loss,path&controls=none&theme=dark…`),
 * in both directions: parsed (never throws; anything unusable becomes a readable notice and
 * the default for that parameter, so a typo shows a notice, not a blank widget) and
 * serialized (what the Embed dialog puts in the snippet).
 */

export const PANELS = ['loss', 'path', 'cost', 'leaderboard', 'predictions', 'setup', 'sweep'] as const;
export type PanelName = (typeof PANELS)[number];

export const CONTROLS = ['play', 'step', 'reset', 'speed'] as const;
export type ControlName = (typeof CONTROLS)[number];

export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

export interface EmbedOptions {
  panels: PanelName[];
  controls: ControlName[];
  theme: Theme;
  autoplay: boolean;
  /** Setup shown but locked. */
  readonly: boolean;
  /** Click to start: no workers until the reader (or the host) asks for the race. */
  poster: boolean;
  /**
   * The only origin the postMessage API accepts and answers; null: the embedding parent's;
   * '' (an unusable `origin=`): none, failing closed.
   */
  origin: string | null;
}

export const DEFAULT_EMBED: EmbedOptions = {
  panels: ['leaderboard', 'loss'],
  controls: ['play', 'step', 'reset', 'speed'],
  theme: 'auto',
  autoplay: false,
  readonly: false,
  poster: false,
  origin: null,
};

export interface ParsedEmbed {
  options: EmbedOptions;
  notices: string[];
}

/** Whether the page was opened as a widget. */
export function isEmbed(search: string): boolean {
  const v = new URLSearchParams(search).get('embed');
  return v !== null && v !== '0' && v !== 'false';
}

function list<T extends string>(raw: string, allowed: readonly T[], name: string, notices: string[]): T[] {
  const out: T[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if ((allowed as readonly string[]).includes(item)) {
      if (!out.includes(item as T)) out.push(item as T);
    } else {
      notices.push(`Unknown ${name} "${item}" ignored (expected ${allowed.join(', ')}).`);
    }
  }
  return out;
}

/** A flag is on when present with no value or 1/true/yes; off with 0/false/no. */
function flag(params: URLSearchParams, name: string, notices: string[]): boolean {
  const v = params.get(name);
  if (v === null) return false;
  if (['', '1', 'true', 'yes'].includes(v)) return true;
  if (['0', 'false', 'no'].includes(v)) return false;
  notices.push(`${name}=${v} not understood (expected ${name}, ${name}=1 or ${name}=0); it is off.`);
  return false;
}

/** `https://host:port` of an http(s) origin, or null when `raw` is not one. */
export function normalizeOrigin(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function parseEmbedOptions(search: string): ParsedEmbed {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const options: EmbedOptions = { ...DEFAULT_EMBED };

  const panels = params.get('panels');
  if (panels !== null) {
    const chosen = list(panels, PANELS, 'panel', notices);
    if (chosen.length > 0) options.panels = chosen;
    else notices.push(`No known panel in panels=${panels}; showing ${DEFAULT_EMBED.panels.join(', ')}.`);
  }

  const controls = params.get('controls');
  if (controls !== null) options.controls = controls.trim() === 'none' ? [] : list(controls, CONTROLS, 'control', notices);

  const theme = params.get('theme');
  if (theme !== null) {
    if ((THEMES as readonly string[]).includes(theme)) options.theme = theme as Theme;
    else notices.push(`Unknown theme "${theme}" ignored (expected ${THEMES.join(', ')}).`);
  }

  options.autoplay = flag(params, 'autoplay', notices);
  options.readonly = flag(params, 'readonly', notices);
  options.poster = flag(params, 'poster', notices);
  if (options.poster && options.autoplay) notices.push('poster and autoplay together: the race plays once the reader starts it.');

  const origin = params.get('origin');
  if (origin !== null) {
    const normalized = normalizeOrigin(origin);
    // Fail closed: a mistyped origin must not open the API to every page.
    if (normalized) options.origin = normalized;
    else {
      options.origin = '';
      notices.push(`origin=${origin} is not an http(s) origin; the widget accepts no messages.`);
    }
  }
  return { options, notices };
}

/** The query string (without `?`) for `options`: only what differs from the defaults, plus embed=1. */
export function embedQuery(options: EmbedOptions): string {
  const params = new URLSearchParams({ embed: '1' });
  if (options.panels.join(',') !== DEFAULT_EMBED.panels.join(',')) params.set('panels', options.panels.join(','));
  if (options.controls.join(',') !== DEFAULT_EMBED.controls.join(',')) params.set('controls', options.controls.length ? options.controls.join(',') : 'none');
  if (options.theme !== DEFAULT_EMBED.theme) params.set('theme', options.theme);
  for (const name of ['autoplay', 'readonly', 'poster'] as const) if (options[name]) params.set(name, '1');
  if (options.origin !== null) params.set('origin', options.origin);
  // Commas stay readable in a snippet a teacher will look at.
  return params.toString().replace(/%2C/g, ',');
}
