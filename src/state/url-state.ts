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

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
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
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

/** The URL-state token of a race config (what follows `#race=`). */
export async function encodeRace(spec: RaceConfigSpec): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(spec));
  return `${URL_STATE_VERSION}.${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
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
  let bytes: Uint8Array;
  try {
    bytes = await pipe(packed, new DecompressionStream('deflate-raw'));
  } catch {
    return cutShort;
  }
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
