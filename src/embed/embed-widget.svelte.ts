/**
 * The widget behind the embed page: a race config, and — only once the reader or the host
 * asks for the race — the RaceSession and its workers. Until then (poster mode) a page with
 * ten widgets runs nothing; a config sent meanwhile is validated and kept. This is the
 * WidgetPort the message handler drives; the page's own buttons go through it too, so the
 * API sees every reload.
 */
import { ConfigError } from '../core/config/errors.ts';
import type { RaceConfigSpec } from '../core/config/schema.ts';
import type { ChangeValues } from '../core/config/schema.ts';
import { changeValues, validateRace } from '../core/config/validate.ts';
import { RaceController, checkSpeed, type Speed } from '../race/index.ts';
import { DEFAULT_SPEED, RaceSession } from '../ui/race-session.svelte.ts';
import type { WidgetPort } from './messages.ts';

/** Subscribes to a new controller's events; returns the unsubscribers. */
export type ControllerHook = (controller: RaceController) => (() => void)[];

export interface RacerSnapshot {
  id: string;
  label: string;
  status: string;
  epoch: number;
  loss: number | null;
}

export interface WidgetState {
  /** False while the poster waits for a click (no workers yet). */
  started: boolean;
  playing: boolean;
  finished: boolean;
  epochs: number;
  config: RaceConfigSpec;
  racers: RacerSnapshot[];
}

export class EmbedWidget implements WidgetPort {
  session = $state.raw<RaceSession | null>(null);
  /** The config while no session exists. */
  private pending = $state.raw<RaceConfigSpec>(null as unknown as RaceConfigSpec);
  private hooks: ControllerHook[] = [];
  /** The speed a session starts at (setSpeed before the race started). */
  private speed: Speed = DEFAULT_SPEED;
  private unsubscribe: (() => void)[] = [];

  constructor(spec: RaceConfigSpec) {
    this.pending = spec;
  }

  get spec(): RaceConfigSpec {
    return this.session?.spec ?? this.pending;
  }

  /** Runs `hook` on the controller now if started, else when started. */
  onController(hook: ControllerHook): void {
    this.hooks.push(hook);
  }

  /** Creates the session (and so the workers), once. */
  start(): RaceSession {
    if (this.session) return this.session;
    const controller = new RaceController({ speed: this.speed });
    for (const hook of this.hooks) this.unsubscribe.push(...hook(controller));
    this.session = new RaceSession(this.pending, controller);
    return this.session;
  }

  play(): void {
    this.start().play();
  }

  pause(): void {
    this.session?.pause();
  }

  step(): void {
    void this.start().step(1);
  }

  reset(): void {
    this.session?.reset();
  }

  setConfig(config: unknown): string | null {
    if (this.session) return this.session.tryLoad(config as RaceConfigSpec);
    try {
      validateRace(config);
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    this.pending = config as RaceConfigSpec;
    return null;
  }

  setSpeed(speed: unknown): string | null {
    try {
      const checked = checkSpeed(speed);
      if (this.session) this.session.setSpeed(checked);
      else this.speed = checked;
      return null;
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
  }

  /** A change before the race starts edits the config (as in the playground); during it, it is made live. */
  async change(racer: string, values: unknown): Promise<string | null> {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return `the change for racer "${racer}" must be an object like {"lr": 0.001}`;
    const session = this.start();
    const checked = this.checkChange(racer, values);
    if (typeof checked === 'string') return checked;
    return session.change(racer, checked);
  }

  private checkChange(racer: string, values: object): ChangeValues | string {
    const spec = this.session?.prepared.config.racers.find((r) => r.id === racer);
    if (!spec) return `there is no racer "${racer}" in the race`;
    try {
      return changeValues(values, spec.optimizer, `the change for racer "${racer}"`);
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
  }

  state(): WidgetState {
    const session = this.session;
    if (!session) {
      const { config } = validateRace(this.pending);
      return {
        started: false,
        playing: false,
        finished: false,
        epochs: config.epochs,
        config: this.pending,
        racers: config.racers.map((r) => ({ id: r.id, label: r.label, status: 'ready', epoch: -1, loss: null })),
      };
    }
    const view = session.view;
    return {
      started: true,
      playing: session.playing,
      finished: session.finished,
      epochs: view.epochs,
      config: session.spec,
      racers: view.racers.map((r) => ({ id: r.id, label: r.label, status: r.status, epoch: r.latest?.epoch ?? -1, loss: r.latest?.loss ?? null })),
    };
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.session?.dispose();
  }
}
