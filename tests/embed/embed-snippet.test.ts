/** The snippet the Embed dialog copies. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED } from '../../src/embed/embed-options.ts';
import { embedSnippet, embedSnippetWithResize, embedUrl, RESIZE_LISTENER } from '../../src/embed/embed-snippet.ts';

describe('embedSnippet', () => {
  it('points at the page itself with the options in the query and the race in the hash', () => {
    expect(embedUrl('https://t.example/optirace/', { ...DEFAULT_EMBED, poster: true }, '1.abc')).toBe('https://t.example/optirace/?embed=1&poster=1#race=1.abc');
  });

  it('escapes the race name in the title attribute', () => {
    const html = embedSnippet({ base: 'https://t.example/', options: DEFAULT_EMBED, token: '1.x', width: '100%', height: 480, title: '"><script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('title="optirace: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toMatch(/^<iframe src="https:\/\/t\.example\/\?embed=1#race=1\.x" .* width="100%" height="480" .*><\/iframe>$/);
  });

  it('ends with a two-line listener that sizes the iframe that sent an iframe.resize message', () => {
    const html = embedSnippetWithResize({ base: 'https://t.example/', options: DEFAULT_EMBED, token: '1.x', width: '100%', height: 733, title: 't' });
    expect(html.startsWith(embedSnippet({ base: 'https://t.example/', options: DEFAULT_EMBED, token: '1.x', width: '100%', height: 733, title: 't' }))).toBe(true);
    expect(html.endsWith(RESIZE_LISTENER)).toBe(true);
    // one statement between the script tags
    expect(RESIZE_LISTENER.split('\n').slice(1, -1)).toHaveLength(1);
    // Run it against a fake window: only the iframe whose window sent the message is resized.
    const frames = [{ contentWindow: {}, style: { height: '' } }, { contentWindow: {}, style: { height: '' } }];
    let listener: (e: { source: unknown; data: unknown }) => void = () => {};
    const code = RESIZE_LISTENER.replace(/<\/?script>/g, '');
    new Function('addEventListener', 'document', code)((_: string, fn: typeof listener) => (listener = fn), { querySelectorAll: () => frames });
    listener({ source: frames[1].contentWindow, data: { context: 'iframe.resize', height: 812 } });
    listener({ source: frames[0].contentWindow, data: { context: 'other', height: 5 } });
    expect(frames.map((f) => f.style.height)).toEqual(['', '812px']);
  });
});
