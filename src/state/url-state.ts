/**
 * The whole race config in the URL: `#race=1.<base64url(deflate-raw(JSON))>`. Versioned so
 * that a link made today still opens after the schema grows; compressed because a config
 * with pasted CSV data is long. Decoding never throws: a damaged, outdated or invalid link
 * comes back as a notice, and the caller falls back to the default race.
 */
import { ConfigError } from '../core/config/errors.ts';
import type { RaceConfigSpec } from '../core/config/schema.ts';
import { validateRace, type ValidRace } from '../core/config/validate.ts';

export const URL_STATE_VERSION = 1;
const KEY = 'race';

/**
 * The most JSON a link may unpack to. A browser's address holds about 2 MB, so a real race
 * (even a pasted CSV of random numbers, which deflates to about half) unpacks to a few MB;
 * deflate can turn a 1.5 MB link into gigabytes, which would freeze the page.
 */
export const MAX_LINK_JSON_BYTES = 8 * 1024 * 1024;

async function compress(bytes: Uint8Array): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw')));
  return new Uint8Array(await out.arrayBuffer());
}

export type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; read: number };

/**
 * Inflates deflate-raw data chunk by chunk and stops (cancelling the stream) as soon as the
 * output passes `limit`: `read` says how far it got. Corrupt data rejects.
 */
export async function inflateAtMost(packed: Uint8Array, limit: number): Promise<Inflated> {
  const reader = new Blob([packed as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > limit) {
      await reader.cancel();
      return { ok: false, read };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(read);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a base64url text (of link characters only), or null for a length none has. */
function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The URL-state token of a race config (what follows `#race=`). */
export async function encodeRace(spec: RaceConfigSpec): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(spec));
  return `${URL_STATE_VERSION}.${toBase64Url(await compress(json))}`;
}

export type DecodedRace = { ok: true; spec: RaceConfigSpec; race: ValidRace } | { ok: false; notice: string };

/** Decodes and validates a token with the one validator; a failure is a readable notice. */
export async function decodeRace(token: string): Promise<DecodedRace> {
  const dot = token.indexOf('.');
  const version = dot > 0 ? Number(token.slice(0, dot)) : NaN;
  if (!Number.isInteger(version)) return { ok: false, notice: 'The race in this link is damaged (no version). Showing the default race instead.' };
  if (version !== URL_STATE_VERSION) {
    const when = version > URL_STATE_VERSION ? 'a newer' : 'an older';
    return { ok: false, notice: `This link was made by ${when} version of optirace (link format ${version}, this page reads ${URL_STATE_VERSION}). Showing the default race instead.` };
  }
  // Each way a link gets damaged (cut short or changed in a chat or an email) in words: the
  // browsers' own messages say things like "Failed to fetch".
  const damaged = (why: string): DecodedRace => ({ ok: false, notice: `The race in this link is damaged (${why}). Showing the default race instead.` });
  const cutShort = damaged('its data does not unpack; was the link cut short?');
  const data = token.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]*$/.test(data)) return damaged('it has characters a link never contains');
  const packed = fromBase64Url(data);
  if (!packed) return cutShort;
  let inflated: Inflated;
  try {
    inflated = await inflateAtMost(packed, MAX_LINK_JSON_BYTES);
  } catch {
    return cutShort;
  }
  if (!inflated.ok) {
    return { ok: false, notice: `The race in this link is too large to open: it unpacks to more than ${MAX_LINK_JSON_BYTES / 1024 / 1024} MB. Showing the default race instead.` };
  }
  const bytes = inflated.bytes;
  let spec: unknown;
  try {
    spec = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return damaged('its data unpacks to something that is not a race config');
  }
  try {
    return { ok: true, spec: spec as RaceConfigSpec, race: validateRace(spec) };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, notice: `The race in this link is not valid: ${e.message}. Showing the default race instead.` };
    throw e;
  }
}

/** The token in a location hash (`#race=…`, among other `&`-separated entries), or null. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(KEY);
}

/** A hash carrying `token`, keeping any other entries of `hash`. */
export function hashWithToken(hash: string, token: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.set(KEY, token);
  return `#${params.toString()}`;
}
