/**
 * An attachment that reports an element's width whenever it changes, from a
 * ResizeObserver. Unlike `bind:clientWidth`, it never reads layout itself: reading
 * clientWidth while the page is being built forces a synchronous layout per chart, which
 * made the first render of the playground several times slower. The observer reports the
 * first width after the browser's own layout, before paint. Where there is no
 * ResizeObserver, the chart keeps its fallback width.
 */
import type { Attachment } from 'svelte/attachments';

export function observeWidth(set: (width: number) => void): Attachment<HTMLElement> {
  return (element) => {
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) set(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  };
}
