/**
 * The controller's line to one race worker: starts it, takes its updates one after another
 * (the take loop is the worker's credit), and forwards commands. Everything it hears goes to
 * its owner as one of two events; a worker that crashes, or a call that fails, is reported
 * once as lost and then ignored.
 */
import type { ChangeValues } from '../core/config/schema.ts';
import type { TrainerConnection } from './connection.ts';
import type { RacerSummary } from '../core/race/summary.ts';
import type { Horizon, RecordBatch, TrainerApi, WorkerSetup, WorkerUpdate } from './protocol.ts';

export type LinkEvent = { kind: 'update'; update: WorkerUpdate } | { kind: 'lost'; message: string };

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Calls the worker: a released Comlink proxy throws at once, and that too becomes a rejection. */
function call<T>(send: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(send()));
}

export class WorkerLink {
  private lost = false;
  private closed = false;
  private lastHorizon: Horizon | null = null;

  constructor(
    private readonly conn: TrainerConnection,
    readonly racerIds: readonly string[],
    private readonly onEvent: (event: LinkEvent) => void,
  ) {
    conn.onCrash((message) => this.lose(message));
  }

  /** Sends the race and starts taking updates. */
  start(setup: WorkerSetup): void {
    this.send((api) => api.init(setup));
    void this.pump();
  }

  /** Runs the racers towards `horizon`; the same horizon twice in a row is sent once. */
  advance(horizon: Horizon): void {
    const last = this.lastHorizon;
    if (last && last.epoch === horizon.epoch && last.ms === horizon.ms) return;
    this.lastHorizon = horizon;
    this.send((api) => api.advance(horizon));
  }

  hold(): Promise<void> {
    this.lastHorizon = null;
    return this.send((api) => api.hold()).then(() => {});
  }

  /** Each racer's target epoch, or an empty record when the worker is gone. */
  step(epochs: number): Promise<Record<string, number>> {
    this.lastHorizon = null;
    return this.send((api) => api.step(epochs)).then((targets) => targets ?? {});
  }

  /** The epoch the change applies from; rejects (without losing the worker) when the worker refuses it. */
  change(racerId: string, values: ChangeValues): Promise<number> {
    if (this.lost || this.closed) return Promise.reject(new Error('its worker is gone'));
    return call(() => this.conn.api.change(racerId, values));
  }

  /** Ends these racers where they are (see TrainerApi.cancel); nothing when the worker is gone. */
  cancel(racerIds: readonly string[]): Promise<void> {
    return this.send((api) => api.cancel([...racerIds])).then(() => {});
  }

  /** The racer's log, or null when the worker is gone, refuses, or does not answer in time. */
  exportRecords(racerId: string, withinMs = 5000): Promise<RecordBatch | null> {
    return this.ask((api) => api.exportRecords(racerId), withinMs);
  }

  /** These racers' summaries, or null when the worker is gone, refuses, or does not answer in time. */
  summaries(racerIds: readonly string[], withinMs = 5000): Promise<RacerSummary[] | null> {
    return this.ask((api) => api.summaries([...racerIds]), withinMs);
  }

  get alive(): boolean {
    return !this.lost && !this.closed;
  }

  close(): void {
    this.closed = true;
    this.conn.close();
  }

  /**
   * Lets go of the worker without ending it, so a later race can reuse it warm: it is told to
   * hold, and whatever it still sends for this race is ignored (its next `init` answers a
   * take still waiting). Null when the worker is lost or already let go of.
   */
  release(): TrainerConnection | null {
    if (!this.alive) return null;
    this.closed = true;
    call(() => this.conn.api.hold()).catch(() => {});
    return this.conn;
  }

  /**
   * Takes updates one after another. The next take is asked for before this update is
   * handled, so the worker answers it while the page works through this one: a sweep's
   * updates come 64 racers at a time, and a round trip per update held the last ones back.
   */
  private async pump(): Promise<void> {
    let next = this.take();
    while (this.alive) {
      const update = await next;
      if (update === null || !this.alive) return;
      next = this.take();
      this.onEvent({ kind: 'update', update });
    }
  }

  /** The worker's next update, or null once the worker is lost (a failed take loses it). */
  private take(): Promise<WorkerUpdate | null> {
    return call(() => this.conn.api.take()).catch((e: unknown) => {
      this.lose(messageOf(e));
      return null;
    });
  }

  /** Asks the worker something that may go unanswered: null then, and the worker is kept. */
  private async ask<T>(question: (api: TrainerApi) => Promise<T>, withinMs: number): Promise<T | null> {
    if (this.lost || this.closed) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), withinMs)));
    try {
      return await Promise.race([call(() => question(this.conn.api)), late]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a command; a failure loses the worker. Resolves with undefined then. */
  private send<T>(command: (api: TrainerConnection['api']) => Promise<T>): Promise<T | undefined> {
    if (!this.alive) return Promise.resolve(undefined);
    return call(() => command(this.conn.api)).catch((e: unknown) => {
      this.lose(messageOf(e));
      return undefined;
    });
  }

  private lose(message: string): void {
    if (this.lost || this.closed) return;
    this.lost = true;
    this.conn.close();
    this.onEvent({ kind: 'lost', message });
  }
}
