/** The widget's URL parameters: what each spelling means, and the notice for each mistake. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED, embedQuery, isEmbed, parseEmbedOptions, type EmbedOptions } from '../../src/embed/embed-options.ts';

describe('isEmbed', () => {
  it.each([
    { search: '?embed=1', expected: true },
    { search: '?embed', expected: true },
    { search: '?embed=true', expected: true },
    { search: '?embed=0', expected: false },
    { search: '?embed=false', expected: false },
    { search: '', expected: false },
    { search: '?panels=loss', expected: false },
  ])('$search → $expected', ({ search, expected }) => {
    expect(isEmbed(search)).toBe(expected);
  });
});

describe('parseEmbedOptions', () => {
  const cases: { name: string; search: string; expected: Partial<EmbedOptions>; notices?: RegExp[] }[] = [
    { name: 'nothing but embed: the defaults', search: '?embed=1', expected: DEFAULT_EMBED },
    { name: 'panels in the order given', search: '?panels=path,loss,cost', expected: { panels: ['path', 'loss', 'cost'] } },
    { name: 'every panel', search: '?panels=loss,path,cost,leaderboard,predictions,setup,sweep', expected: { panels: ['loss', 'path', 'cost', 'leaderboard', 'predictions', 'setup', 'sweep'] } },
    { name: 'a repeated panel once', search: '?panels=loss,loss', expected: { panels: ['loss'] } },
    { name: 'an unknown panel: a notice, the rest kept', search: '?panels=loss,lsos', expected: { panels: ['loss'] }, notices: [/Unknown panel "lsos"/] },
    { name: 'no known panel: the defaults and a notice', search: '?panels=charts', expected: { panels: DEFAULT_EMBED.panels }, notices: [/Unknown panel "charts"/, /No known panel/] },
    { name: 'empty panels: the defaults and a notice', search: '?panels=', expected: { panels: DEFAULT_EMBED.panels }, notices: [/No known panel/] },
    { name: 'controls chosen', search: '?controls=play,reset', expected: { controls: ['play', 'reset'] } },
    { name: 'controls=none', search: '?controls=none', expected: { controls: [] } },
    { name: 'an unknown control', search: '?controls=play,rewind', expected: { controls: ['play'] }, notices: [/Unknown control "rewind"/] },
    { name: 'theme dark', search: '?theme=dark', expected: { theme: 'dark' } },
    { name: 'theme light', search: '?theme=light', expected: { theme: 'light' } },
    { name: 'an unknown theme', search: '?theme=solarized', expected: { theme: 'auto' }, notices: [/Unknown theme "solarized"/] },
    { name: 'bare flags', search: '?autoplay&readonly', expected: { autoplay: true, readonly: true, poster: false } },
    { name: 'flags =1 and =0', search: '?autoplay=1&poster=0&readonly=yes', expected: { autoplay: true, poster: false, readonly: true } },
    { name: 'a flag not understood is off', search: '?poster=maybe', expected: { poster: false }, notices: [/poster=maybe not understood/] },
    { name: 'poster with autoplay: a notice', search: '?poster&autoplay', expected: { poster: true, autoplay: true }, notices: [/poster and autoplay/] },
    { name: 'origin normalized', search: '?origin=https%3A%2F%2Fcourse.example.org%2Fweek1%2F', expected: { origin: 'https://course.example.org' } },
    { name: 'origin with a port', search: '?origin=http://localhost:8080', expected: { origin: 'http://localhost:8080' } },
    { name: 'an unusable origin fails closed', search: '?origin=javascript:alert(1)', expected: { origin: '' }, notices: [/not an http\(s\) origin/] },
    { name: 'origin=* is not a wildcard', search: '?origin=*', expected: { origin: '' }, notices: [/not an http\(s\) origin/] },
  ];
  it.each(cases)('$name', ({ search, expected, notices = [] }) => {
    const parsed = parseEmbedOptions(search);
    expect(parsed.options).toMatchObject(expected);
    expect(parsed.notices).toHaveLength(notices.length);
    notices.forEach((re, i) => expect(parsed.notices[i]).toMatch(re));
  });
});

describe('embedQuery', () => {
  it.each<{ name: string; options: EmbedOptions; expected: string }>([
    { name: 'the defaults: embed=1 only', options: DEFAULT_EMBED, expected: 'embed=1' },
    { name: 'panels, no controls, dark', options: { ...DEFAULT_EMBED, panels: ['loss', 'path'], controls: [], theme: 'dark' }, expected: 'embed=1&panels=loss,path&controls=none&theme=dark' },
    { name: 'flags', options: { ...DEFAULT_EMBED, autoplay: true, readonly: true, poster: true }, expected: 'embed=1&autoplay=1&readonly=1&poster=1' },
  ])('$name', ({ options, expected }) => {
    expect(embedQuery(options)).toBe(expected);
  });

  it('round-trips through parseEmbedOptions', () => {
    const options: EmbedOptions = { panels: ['setup', 'cost'], controls: ['step'], theme: 'light', autoplay: false, readonly: true, poster: true, origin: 'https://a.example' };
    expect(parseEmbedOptions(`?${embedQuery(options)}`)).toEqual({ options, notices: [] });
  });
});
