/**
 * Calls one function again soon, or after a delay; a new request replaces the pending one.
 * "Soon" is a MessageChannel message in a worker: setTimeout(0) would be clamped to 4 ms
 * once nested, idling a max-speed trainer a fifth of the time. Node (the in-process
 * trainer under Vitest) has setImmediate for the same job.
 */
export class Wakeup {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private channel: MessageChannel | null = null;
  /** Bumped by every request, so a message of a cancelled one is ignored. */
  private generation = 0;

  constructor(private readonly fn: () => void) {}

  /** Runs fn after the events already queued. */
  soon(): void {
    this.cancel();
    const generation = this.generation;
    if (typeof setImmediate === 'function') {
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.fn();
      });
      return;
    }
    if (!this.channel) {
      this.channel = new MessageChannel();
      this.channel.port1.onmessage = (e: MessageEvent<number>) => {
        if (e.data === this.generation) this.fn();
      };
    }
    this.channel.port2.postMessage(generation);
  }

  after(ms: number): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fn();
    }, ms);
  }

  cancel(): void {
    this.generation++;
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.immediate !== null) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  dispose(): void {
    this.cancel();
    this.channel?.port1.close();
    this.channel = null;
  }
}
