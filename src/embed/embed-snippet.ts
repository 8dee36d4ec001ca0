/** The iframe snippet the Embed dialog offers: the page's own URL, the options, the race. */
import { embedQuery, type EmbedOptions } from './embed-options.ts';

export interface SnippetInput {
  /** location.origin + location.pathname of the full page. */
  base: string;
  options: EmbedOptions;
  /** The URL-state token of the race (`1.…`). */
  token: string;
  width: string;
  height: number;
  title: string;
}

function attribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The widget's URL: `base?embed=1&…#race=token`. */
export function embedUrl(base: string, options: EmbedOptions, token: string): string {
  return `${base}?${embedQuery(options)}#race=${token}`;
}

/**
 * For hosts that want the iframe to follow the widget's height: the widget posts the generic
 * `{context: "iframe.resize", height}` message whenever its content changes height.
 */
export const RESIZE_LISTENER = `<script>
addEventListener('message', (e) => { for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source && e.data?.context === 'iframe.resize') f.style.height = e.data.height + 'px'; });
</script>`;

export function embedSnippet({ base, options, token, width, height, title }: SnippetInput): string {
  const src = embedUrl(base, options, token);
  return `<iframe src="${attribute(src)}" title="${attribute(`optirace: ${title}`)}" width="${attribute(width)}" height="${Math.round(height)}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/** The snippet with the resize listener after it. */
export function embedSnippetWithResize(input: SnippetInput): string {
  return `${embedSnippet(input)}\n<!-- Optional: let the iframe grow and shrink with the widget. -->\n${RESIZE_LISTENER}`;
}
