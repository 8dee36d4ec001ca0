/**
 * URL state: a race survives the round trip through a link, and a link that cannot be
 * used says why instead of leaving a blank page.
 */
import { describe, expect, it } from 'vitest';
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { defaultRace } from '../../src/default-race.ts';
import { deflateRawSync } from 'node:zlib';
import { MAX_LINK_JSON_BYTES, URL_STATE_VERSION, decodeRace, encodeRace, hashWithToken, inflateAtMost, tokenFromHash } from '../../src/state/url-state.ts';

const csvRace: RaceConfigSpec = {
  name: 'Récoltes ⟶ pommes',
  data: { csv: 'température;pluie;pommes\n73;67;56\n91;88;81\n87;134;119\n', targets: ['pommes'] },
  holdout: { fraction: 0.34, seed: 3 },
  normalize: true,
  epochs: 40,
  seed: 9,
  racers: [
    { id: 'a', label: 'Adam', optimizer: 'adam', lr: 0.05, betas: [0.8, 0.99], amsgrad: true, batchSize: 1, color: '#E69F00' },
    { id: 'n', optimizer: 'sgd', lr: 0.01, momentum: 0.9, nesterov: true },
  ],
};

describe('a race survives the round trip through the URL', () => {
  it.each([
    { name: 'the default race', spec: defaultRace },
    { name: 'CSV data with non-ASCII names, a hold-out split and every racer field', spec: csvRace },
  ])('$name', async ({ spec }) => {
    const token = await encodeRace(spec);
    expect(token).toMatch(new RegExp(`^${URL_STATE_VERSION}\\.[A-Za-z0-9_-]+$`));
    const decoded = await decodeRace(token);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(decoded.spec).toEqual(spec);
  });

  it('is compact: the default race fits in a short link', async () => {
    expect((await encodeRace(defaultRace)).length).toBeLessThan(400);
  });

  it('lives beside other hash entries without disturbing them', async () => {
    const token = await encodeRace(defaultRace);
    const hash = hashWithToken('#panels=loss&theme=dark', token);
    expect(tokenFromHash(hash)).toBe(token);
    expect(new URLSearchParams(hash.slice(1)).get('panels')).toBe('loss');
    expect(tokenFromHash('#panels=loss')).toBeNull();
  });
});

/** A version-1 token whose data is any text, deflated as a link's would be. */
async function tokenOfText(text: string): Promise<string> {
  const packed = new Uint8Array(await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
  return `${URL_STATE_VERSION}.${Buffer.from(packed).toString('base64url')}`;
}

describe('a link that cannot be used gives a notice, never an exception', () => {
  it.each([
    { name: 'no version', token: 'abc', notice: /damaged \(no version\)/ },
    { name: 'a newer format', token: `${URL_STATE_VERSION + 1}.abc`, notice: /made by a newer version of optirace \(link format 2/ },
    { name: 'an older format', token: '0.abc', notice: /made by an older version/ },
    { name: 'characters a link never has', token: '1.a+b/c', notice: /damaged \(it has characters a link never contains\)/ },
    { name: 'a length no base64url text has', token: '1.abcde', notice: /damaged \(its data does not unpack; was the link cut short\?\)/ },
    { name: 'bytes that are not deflate data', token: '1.bm90LWRlZmxhdGU', notice: /damaged \(its data does not unpack; was the link cut short\?\)/ },
    { name: 'a link cut short', token: async () => (await encodeRace(defaultRace)).slice(0, 42), notice: /damaged \(its data does not unpack; was the link cut short\?\)/ },
    { name: 'deflate data that is not JSON', token: () => tokenOfText('{"racers": ['), notice: /damaged \(its data unpacks to something that is not a race config\)/ },
  ])('$name', async ({ token, notice }) => {
    const decoded = await decodeRace(typeof token === 'string' ? token : await token());
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.notice).toMatch(notice);
      expect(decoded.notice).toMatch(/Showing the default race instead\.$/);
    }
  });

  it('names the field of a config the validator refuses', async () => {
    const bad = { ...defaultRace, racers: [{ id: 'x', optimizer: 'sgd', lr: -1 }] } as RaceConfigSpec;
    const decoded = await decodeRace(await encodeRace(bad));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.notice).toBe('The race in this link is not valid: racers[0].lr must be a non-negative number, got -1. Showing the default race instead.');
  });
});

describe('a link that unpacks to more than 8 MB (a deflate bomb) is refused while it unpacks', () => {
  // 64 MB of JSON, a name of 64 million "a"s, packs into a link of about 87 KB.
  const json = Buffer.concat([Buffer.from('{"name":"'), Buffer.alloc(64 * 1024 * 1024, 'a'), Buffer.from('","data":"crops5","epochs":1,"racers":[]}')]);
  const packed = new Uint8Array(deflateRawSync(json));

  it('is 8 MB', () => {
    expect(MAX_LINK_JSON_BYTES).toBe(8 * 1024 * 1024);
  });

  it('stops inflating just past the limit, not at the end of the data', async () => {
    const result = await inflateAtMost(packed, MAX_LINK_JSON_BYTES);
    expect(result.ok).toBe(false);
    // It stops at the first chunk past the limit: far short of the 64 MB the data holds.
    if (!result.ok) {
      expect(result.read).toBeGreaterThan(MAX_LINK_JSON_BYTES);
      expect(result.read).toBeLessThan(MAX_LINK_JSON_BYTES + 1024 * 1024);
    }
  });

  it('inflates data up to the limit whole', async () => {
    const small = new Uint8Array(deflateRawSync(json.subarray(0, 1000)));
    const result = await inflateAtMost(small, 1000);
    expect(result.ok && Buffer.from(result.bytes).equals(json.subarray(0, 1000))).toBe(true);
    expect((await inflateAtMost(small, 999)).ok).toBe(false);
  });

  it('gives a notice that says why', async () => {
    const decoded = await decodeRace(`${URL_STATE_VERSION}.${Buffer.from(packed).toString('base64url')}`);
    expect(decoded).toEqual({ ok: false, notice: 'The race in this link is too large to open: it unpacks to more than 8 MB. Showing the default race instead.' });
  });

  it('still opens a race with a 1.3 MB pasted CSV', async () => {
    // 100,000 rows of "i,2i+1": about 1.3 MB of CSV, well under the limit.
    const csv = ['x,y', ...Array.from({ length: 100_000 }, (_, i) => `${i},${2 * i + 1}`)].join('\n');
    const spec: RaceConfigSpec = { data: { csv, targets: ['y'] }, epochs: 1, racers: [{ id: 'a', optimizer: 'adam' }] };
    const decoded = await decodeRace(await encodeRace(spec));
    expect(decoded.ok).toBe(true);
  });
});
