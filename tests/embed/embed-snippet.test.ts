/** The snippet the Embed dialog copies. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED } from '../../src/embed/embed-options.ts';
import { embedSnippet, embedUrl } from '../../src/embed/embed-snippet.ts';

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
});
