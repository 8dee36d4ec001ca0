/**
 * The thin adapter between the browser and the protocol: window `message` events in, the
 * widget's race (records, the end) and its height (ResizeObserver) out, through the
 * DOM-free MessageHandler and EpochStream. Returns a disconnect function.
 */
import { recordAt, type RacerState } from '../race/index.ts';
import type { EmbedOptions } from './embed-options.ts';
import type { EmbedWidget } from './embed-widget.svelte.ts';
import { EpochStream } from './epoch-stream.ts';
import { genericResize, MessageHandler, PROTOCOL_VERSION } from './messages.ts';

function referrerOrigin(): string | null {
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

/** Epoch events go out once per animation frame; a hidden, throttled iframe still sends within this many ms. */
const FRAME_FALLBACK_MS = 250;

export function connectEmbedApi(widget: EmbedWidget, root: HTMLElement, options: EmbedOptions): () => void {
  // A top-level page (opened directly, not framed) has no host to talk to.
  if (window.parent === window) return () => {};
  const stream = new EpochStream();
  let height = 0;
  const handler = new MessageHandler(
    { fixed: options.origin, referrer: referrerOrigin() },
    widget,
    (message, targetOrigin) => window.parent.postMessage(message, targetOrigin),
    () => announce(),
  );

  function sendHeight(): void {
    if (height <= 0) return;
    handler.emit('resize', { height });
    handler.post(genericResize(height));
  }

  function announce(): void {
    handler.emit('ready', { version: PROTOCOL_VERSION, options, state: widget.state() });
    sendHeight();
  }

  let frame = 0;
  /** The race ended: `finished` goes out with the next frame's events. */
  let done: RacerState[] | null = null;
  let fallback: ReturnType<typeof setTimeout> | undefined;
  function flush(): void {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    frame = 0;
    fallback = undefined;
    const { epochs, diverged } = stream.take();
    for (const e of epochs) handler.emit('epoch', e);
    for (const d of diverged) handler.emit('diverged', d);
    if (done) {
      const racers = done;
      done = null;
      handler.emit('finished', {
        records: stream.finals(racers.map((r) => r.id)),
        racers: racers.map((r) => ({ racer: r.id, status: r.status, epoch: r.epoch, ...(r.divergedAt !== undefined ? { divergedAt: r.divergedAt } : {}), ...(r.stoppedAt !== undefined ? { stoppedAt: r.stoppedAt } : {}), ...(r.error ? { error: r.error } : {}) })),
      });
    }
  }
  function schedule(): void {
    if (fallback !== undefined) return;
    frame = requestAnimationFrame(flush);
    fallback = setTimeout(flush, FRAME_FALLBACK_MS);
  }

  widget.onController((controller) => [
    controller.on('records', ({ batch }) => {
      if (batch.count === 0) return;
      // Only the newest record of a batch can be this frame's event.
      stream.push(recordAt(batch, batch.count - 1), batch.from === 0);
      schedule();
    }),
    controller.on('loaded', () => {
      // A new config or a reset: the old race's epochs not sent yet, and its end, are stale.
      stream.clear();
      done = null;
    }),
    controller.on('done', ({ racers }) => {
      // In the next frame, after that frame's epoch events (still one per racer per frame).
      done = racers;
      schedule();
    }),
  ]);

  const onMessage = (event: MessageEvent) => handler.receive({ data: event.data, origin: event.origin, fromParent: event.source === window.parent });
  window.addEventListener('message', onMessage);

  const observer = new ResizeObserver(() => {
    const h = Math.ceil(root.getBoundingClientRect().height);
    if (h === height) return;
    height = h;
    sendHeight();
  });
  observer.observe(root);

  if (handler.target !== null) announce();

  return () => {
    window.removeEventListener('message', onMessage);
    observer.disconnect();
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
  };
}
