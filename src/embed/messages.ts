/**
 * The widget's postMessage protocol, with no DOM: which messages are commands, which
 * origins may send them, and what the widget answers. Everything received is treated as
 * data — read field by field, never evaluated, never inserted as HTML — and anything that
 * is not exactly a command from the accepted origin is ignored without a word.
 *
 *   host → widget  {type: "optirace:command", command, config?, requestId?, version?}
 *   widget → host  {type: "optirace:event", version: 1, event, data, requestId?}
 *                  and, for generic auto-height scripts, {context: "iframe.resize", height}
 */
import type { EpochRecord } from '../core/race/record.ts';

export const PROTOCOL_VERSION = 1;
export const COMMAND_TYPE = 'optirace:command';
export const EVENT_TYPE = 'optirace:event';

export const COMMANDS = ['play', 'pause', 'step', 'reset', 'setConfig', 'getState', 'setSpeed', 'setLr', 'change'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface Command {
  command: CommandName;
  /** setConfig only: a race config, the CLI's schema; validated by the one validator. */
  config?: unknown;
  /** setSpeed only: epochs per second or "max"; checked by the widget. */
  speed?: unknown;
  /** setLr and change: the racer's id. */
  racer?: string;
  /** setLr only: the new learning rate. */
  lr?: unknown;
  /** change only: hyperparameters to set, e.g. {"lr": 0.001, "momentum": 0.5}; checked by the validator. */
  values?: unknown;
  requestId?: string;
}

/** A request id is echoed back; bounded so that a host cannot make the widget echo megabytes. */
const MAX_REQUEST_ID = 200;

function own(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/**
 * The command in a received message, or null when it is not one: wrong type, unknown
 * command, another protocol version, a requestId that is not a short string, setConfig
 * without a config. Never throws.
 */
export function parseCommand(data: unknown): Command | null {
  try {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    if (own(data, 'type') !== COMMAND_TYPE) return null;
    const version = own(data, 'version');
    if (version !== undefined && version !== PROTOCOL_VERSION) return null;
    const command = own(data, 'command');
    if (typeof command !== 'string' || !(COMMANDS as readonly string[]).includes(command)) return null;
    const requestId = own(data, 'requestId');
    if (requestId !== undefined && (typeof requestId !== 'string' || requestId.length > MAX_REQUEST_ID)) return null;
    const out: Command = { command: command as CommandName };
    if (requestId !== undefined) out.requestId = requestId;
    if (command === 'setConfig') {
      if (!Object.prototype.hasOwnProperty.call(data, 'config')) return null;
      out.config = own(data, 'config');
    }
    if (command === 'setSpeed') out.speed = own(data, 'speed');
    if (command === 'setLr' || command === 'change') {
      const racer = own(data, 'racer');
      if (typeof racer !== 'string' || racer.length > 200) return null;
      out.racer = racer;
      if (command === 'setLr') out.lr = own(data, 'lr');
      else out.values = own(data, 'values');
    }
    return out;
  } catch {
    // A hostile object (a proxy, a throwing getter) cannot arrive through postMessage's
    // structured clone, but the parser is total all the same.
    return null;
  }
}

export type EventName = 'ready' | 'epoch' | 'finished' | 'diverged' | 'state' | 'error' | 'resize';

export interface WidgetEvent {
  type: typeof EVENT_TYPE;
  version: typeof PROTOCOL_VERSION;
  event: EventName;
  data: unknown;
  requestId?: string;
}

export function widgetEvent(event: EventName, data: unknown, requestId?: string): WidgetEvent {
  return { type: EVENT_TYPE, version: PROTOCOL_VERSION, event, data, ...(requestId !== undefined ? { requestId } : {}) };
}

/** The generic auto-height message many embed scripts understand. */
export function genericResize(height: number): { context: 'iframe.resize'; height: number } {
  return { context: 'iframe.resize', height };
}

/** `epoch` event data: one racer's record, as the issue specifies it (no steps, ms or diverged). */
export type EpochData = Pick<EpochRecord, 'racer' | 'epoch' | 'loss' | 'holdoutLoss' | 'w' | 'b'>;

export function epochData(r: EpochRecord): EpochData {
  return { racer: r.racer, epoch: r.epoch, loss: r.loss, ...(r.holdoutLoss !== undefined ? { holdoutLoss: r.holdoutLoss } : {}), w: r.w, b: r.b };
}

/**
 * Who may talk to the widget. `fixed`: the `origin=` parameter ('' when it was unusable:
 * nobody). Otherwise the parent's origin, from document.referrer or, failing that, from the
 * first command the parent sends.
 */
export interface OriginPolicy {
  fixed: string | null;
  referrer: string | null;
}

/** An http(s) origin postMessage can target (not "null", not "*"). */
function targetable(origin: string): boolean {
  return /^https?:\/\/[^/\s]+$/.test(origin);
}

/** The origin the widget answers before any message arrives, or null. */
export function initialTarget(policy: OriginPolicy): string | null {
  if (policy.fixed !== null) return targetable(policy.fixed) ? policy.fixed : null;
  return policy.referrer !== null && targetable(policy.referrer) ? policy.referrer : null;
}

/**
 * Whether a message is accepted: it must come from the parent window, from the accepted
 * origin; with no accepted origin known yet, the parent's origin becomes it. Returns the
 * origin to answer, or null to ignore the message.
 */
export function acceptedOrigin(policy: OriginPolicy, current: string | null, origin: string, fromParent: boolean): string | null {
  if (!fromParent || !targetable(origin)) return null;
  if (policy.fixed !== null) return origin === policy.fixed ? origin : null;
  if (current !== null) return origin === current ? origin : null;
  return origin;
}

/** What the handler drives: the widget, seen through its commands. */
export interface WidgetPort {
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  /** Loads a race; the validator's message when invalid (and the previous race stays), else null. */
  setConfig(config: unknown): string | null;
  /** Sets the speed; the message when it is not a speed, else null. */
  setSpeed(speed: unknown): string | null;
  /** Changes a racer's hyperparameters from its next epoch on; the message when refused, else null. */
  change(racer: string, values: unknown): Promise<string | null>;
  /** A plain-data snapshot for `state` events. */
  state(): unknown;
}

export interface Received {
  data: unknown;
  origin: string;
  /** event.source === window.parent */
  fromParent: boolean;
}

/**
 * The protocol's state machine: accepts commands from the accepted origin, drives the
 * port, answers through `send(message, targetOrigin)`. `receive` never throws, and a
 * message it does not accept changes nothing and sends nothing.
 */
export class MessageHandler {
  /** The origin answered; null until known. */
  target: string | null;

  constructor(
    private readonly policy: OriginPolicy,
    private readonly port: WidgetPort,
    private readonly send: (message: unknown, targetOrigin: string) => void,
    /** Called once when the target first becomes known from a message (to send `ready`). */
    private readonly onTarget: (origin: string) => void = () => {},
  ) {
    this.target = initialTarget(policy);
  }

  /** Sends an event to the accepted origin, if one is known. */
  emit(event: EventName, data: unknown, requestId?: string): void {
    this.post(widgetEvent(event, data, requestId));
  }

  post(message: unknown): void {
    if (this.target === null) return;
    try {
      this.send(message, this.target);
    } catch {
      // The parent navigated away or the data cannot be cloned: nothing to tell anyone.
    }
  }

  receive(message: Received): void {
    let origin: string | null;
    let command: Command | null;
    try {
      origin = acceptedOrigin(this.policy, this.target, message.origin, message.fromParent);
      if (origin === null) return;
      command = parseCommand(message.data);
      if (command === null) return;
    } catch {
      return;
    }
    if (this.target === null) {
      this.target = origin;
      try {
        this.onTarget(origin);
      } catch {
        // Announcing is best effort.
      }
    }
    const { requestId } = command;
    try {
      switch (command.command) {
        case 'play':
          this.port.play();
          break;
        case 'pause':
          this.port.pause();
          break;
        case 'step':
          this.port.step();
          break;
        case 'reset':
          this.port.reset();
          break;
        case 'setConfig': {
          const error = this.port.setConfig(command.config);
          if (error !== null) {
            this.emit('error', { command: 'setConfig', message: error }, requestId);
            return;
          }
          break;
        }
        case 'getState':
          break;
        case 'setSpeed': {
          const error = this.port.setSpeed(command.speed);
          if (error !== null) return this.emit('error', { command: 'setSpeed', message: error }, requestId);
          break;
        }
        case 'setLr':
        case 'change': {
          const name = command.command;
          const values = name === 'setLr' ? { lr: command.lr } : command.values;
          // Answered once the racer's worker says from which epoch the change applies.
          void this.port.change(command.racer!, values).then(
            (error) => (error === null ? this.emit('state', this.port.state(), requestId) : this.emit('error', { command: name, message: error }, requestId)),
            (e: unknown) => this.emit('error', { command: name, message: e instanceof Error ? e.message : String(e) }, requestId),
          );
          return;
        }
      }
      this.emit('state', this.port.state(), requestId);
    } catch (e) {
      this.emit('error', { command: command.command, message: e instanceof Error ? e.message : String(e) }, requestId);
    }
  }
}
