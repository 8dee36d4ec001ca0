/** The protocol, table-driven: which messages are commands, whom the widget listens to, what it answers. */
import { describe, expect, it } from 'vitest';
import { acceptedOrigin, initialTarget, MessageHandler, parseCommand, type OriginPolicy } from '../../src/embed/messages.ts';
import { FakePort, smallRace } from './fake-port.ts';

const cmd = (fields: object) => ({ type: 'optirace:command', ...fields });

describe('parseCommand', () => {
  it.each<{ name: string; data: unknown; expected: unknown }>([
    { name: 'play', data: cmd({ command: 'play' }), expected: { command: 'play' } },
    { name: 'pause with a requestId', data: cmd({ command: 'pause', requestId: 'r1' }), expected: { command: 'pause', requestId: 'r1' } },
    { name: 'step', data: cmd({ command: 'step' }), expected: { command: 'step' } },
    { name: 'reset', data: cmd({ command: 'reset' }), expected: { command: 'reset' } },
    { name: 'getState', data: cmd({ command: 'getState' }), expected: { command: 'getState' } },
    { name: 'setConfig keeps the config as data', data: cmd({ command: 'setConfig', config: { a: 1 } }), expected: { command: 'setConfig', config: { a: 1 } } },
    { name: 'setConfig with an invalid config is still a command (the validator answers)', data: cmd({ command: 'setConfig', config: 42 }), expected: { command: 'setConfig', config: 42 } },
    { name: 'version 1 is accepted', data: cmd({ command: 'play', version: 1 }), expected: { command: 'play' } },
    { name: 'unknown extra fields are ignored', data: cmd({ command: 'play', note: 'hi' }), expected: { command: 'play' } },
    { name: 'another version is not ours', data: cmd({ command: 'play', version: 2 }), expected: null },
    { name: 'setConfig without config', data: cmd({ command: 'setConfig' }), expected: null },
    { name: 'an unknown command', data: cmd({ command: 'eval' }), expected: null },
    { name: 'a command that is not a string', data: cmd({ command: ['play'] }), expected: null },
    { name: 'a prototype name as command', data: cmd({ command: 'constructor' }), expected: null },
    { name: 'the wrong type', data: { type: 'optirace:event', command: 'play' }, expected: null },
    { name: 'another namespace', data: { type: 'command', command: 'play' }, expected: null },
    { name: 'a numeric requestId', data: cmd({ command: 'play', requestId: 7 }), expected: null },
    { name: 'a huge requestId', data: cmd({ command: 'play', requestId: 'x'.repeat(201) }), expected: null },
    { name: 'a string', data: 'optirace:command', expected: null },
    { name: 'JSON text of a command (never parsed)', data: JSON.stringify(cmd({ command: 'play' })), expected: null },
    { name: 'null', data: null, expected: null },
    { name: 'an array', data: [cmd({ command: 'play' })], expected: null },
    { name: 'an inherited type', data: Object.create({ type: 'optirace:command', command: 'play' }), expected: null },
  ])('$name', ({ data, expected }) => {
    expect(parseCommand(data)).toEqual(expected);
  });
});

describe('origins', () => {
  const host = 'https://course.example';
  const other = 'https://evil.example';
  it.each<{ name: string; policy: OriginPolicy; expected: string | null }>([
    { name: 'origin= is the target from the start', policy: { fixed: host, referrer: other }, expected: host },
    { name: 'an unusable origin= targets nobody', policy: { fixed: '', referrer: host }, expected: null },
    { name: 'else the referrer\'s origin', policy: { fixed: null, referrer: host }, expected: host },
    { name: 'no referrer: unknown until the parent writes', policy: { fixed: null, referrer: null }, expected: null },
  ])('initial target: $name', ({ policy, expected }) => {
    expect(initialTarget(policy)).toBe(expected);
  });

  it.each<{ name: string; policy: OriginPolicy; current: string | null; origin: string; fromParent: boolean; expected: string | null }>([
    { name: 'the fixed origin from the parent', policy: { fixed: host, referrer: null }, current: host, origin: host, fromParent: true, expected: host },
    { name: 'another origin than the fixed one', policy: { fixed: host, referrer: null }, current: host, origin: other, fromParent: true, expected: null },
    { name: 'the fixed origin, but not the parent window', policy: { fixed: host, referrer: null }, current: host, origin: host, fromParent: false, expected: null },
    { name: 'nobody when origin= was unusable', policy: { fixed: '', referrer: null }, current: null, origin: host, fromParent: true, expected: null },
    { name: 'the referrer\'s origin', policy: { fixed: null, referrer: host }, current: host, origin: host, fromParent: true, expected: host },
    { name: 'not the referrer\'s origin', policy: { fixed: null, referrer: host }, current: host, origin: other, fromParent: true, expected: null },
    { name: 'no origin known: the parent\'s first message sets it', policy: { fixed: null, referrer: null }, current: null, origin: host, fromParent: true, expected: host },
    { name: 'no origin known: a sibling frame cannot set it', policy: { fixed: null, referrer: null }, current: null, origin: host, fromParent: false, expected: null },
    { name: 'an opaque ("null") origin is never answered', policy: { fixed: null, referrer: null }, current: null, origin: 'null', fromParent: true, expected: null },
  ])('accepts: $name', ({ policy, current, origin, fromParent, expected }) => {
    expect(acceptedOrigin(policy, current, origin, fromParent)).toBe(expected);
  });
});

describe('MessageHandler', () => {
  const host = 'https://course.example';
  function setup(policy: OriginPolicy = { fixed: null, referrer: host }) {
    const port = new FakePort(smallRace);
    const sent: { message: any; origin: string }[] = [];
    const handler = new MessageHandler(policy, port, (message, origin) => sent.push({ message, origin }));
    return { port, sent, handler };
  }

  it('drives the widget and answers each command with its state and request id', () => {
    const { port, sent, handler } = setup();
    handler.receive({ data: cmd({ command: 'play', requestId: 'a' }), origin: host, fromParent: true });
    handler.receive({ data: cmd({ command: 'step' }), origin: host, fromParent: true });
    expect(port.calls).toEqual(['play', 'step']);
    expect(sent.map((s) => s.origin)).toEqual([host, host]);
    expect(sent[0].message).toEqual({ type: 'optirace:event', version: 1, event: 'state', data: { config: smallRace, playing: true, epoch: 0 }, requestId: 'a' });
  });

  it('answers an invalid config with the validator\'s message and keeps the race', () => {
    const { port, sent, handler } = setup();
    handler.receive({ data: cmd({ command: 'setConfig', config: { ...smallRace, epochs: -1 }, requestId: 'bad' }), origin: host, fromParent: true });
    expect(port.config).toBe(smallRace);
    expect(sent).toHaveLength(1);
    expect(sent[0].message).toMatchObject({ event: 'error', requestId: 'bad', data: { command: 'setConfig' } });
    expect(sent[0].message.data.message).toMatch(/^epochs must be an integer/);
  });

  it('loads a valid config', () => {
    const { port, sent, handler } = setup();
    const next = { ...smallRace, epochs: 9 };
    handler.receive({ data: cmd({ command: 'setConfig', config: next }), origin: host, fromParent: true });
    expect(port.config).toBe(next);
    expect(sent[0].message.event).toBe('state');
  });

  it('ignores other origins, other windows and malformed messages without a word', () => {
    const { port, sent, handler } = setup();
    handler.receive({ data: cmd({ command: 'play' }), origin: 'https://evil.example', fromParent: true });
    handler.receive({ data: cmd({ command: 'play' }), origin: host, fromParent: false });
    handler.receive({ data: { type: 'optirace:command', command: 'launch' }, origin: host, fromParent: true });
    expect(port.calls).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('with no referrer, locks to the parent\'s origin on its first command and announces itself', () => {
    const port = new FakePort(smallRace);
    const sent: string[] = [];
    const announced: string[] = [];
    const handler = new MessageHandler({ fixed: null, referrer: null }, port, (_m, origin) => sent.push(origin), (o) => announced.push(o));
    handler.emit('epoch', {});
    expect(sent).toEqual([]);
    handler.receive({ data: cmd({ command: 'getState' }), origin: 'http://a.example:8080', fromParent: true });
    handler.receive({ data: cmd({ command: 'play' }), origin: 'http://b.example', fromParent: true });
    expect(announced).toEqual(['http://a.example:8080']);
    expect(sent).toEqual(['http://a.example:8080']);
    expect(port.calls).toEqual([]);
  });

  it.each([
    { name: 'setSpeed to a number', data: { command: 'setSpeed', speed: 500 }, calls: ['setSpeed'], event: 'state' },
    { name: 'setSpeed to "max"', data: { command: 'setSpeed', speed: 'max' }, calls: ['setSpeed'], event: 'state' },
    { name: 'setSpeed to nonsense', data: { command: 'setSpeed', speed: -3 }, calls: ['setSpeed'], event: 'error', message: 'speed must be a positive number of epochs per second or "max", got -3' },
    { name: 'setLr', data: { command: 'setLr', racer: 'gd', lr: 2e-5 }, calls: ['change gd'], event: 'state' },
    { name: 'setLr to a negative rate', data: { command: 'setLr', racer: 'gd', lr: -1 }, calls: ['change gd'], event: 'error', message: 'the change for racer "gd".lr must be a non-negative number, got -1' },
    { name: 'change of momentum', data: { command: 'change', racer: 'gd', values: { momentum: 0.9 } }, calls: ['change gd'], event: 'state' },
    { name: 'change of a racer not in the race', data: { command: 'change', racer: 'nobody', values: { lr: 1 } }, calls: ['change nobody'], event: 'error', message: 'there is no racer "nobody" in the race' },
    { name: 'change of betas', data: { command: 'change', racer: 'gd', values: { betas: [0.5, 0.5] } }, calls: ['change gd'], event: 'error', message: /"betas" cannot change during a race for sgd/ },
  ])('$name: answers with $event', async ({ data, calls, event, message }) => {
    const { port, sent, handler } = setup();
    handler.receive({ data: cmd({ ...data, requestId: 'r' }), origin: host, fromParent: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(port.calls).toEqual(calls);
    expect(sent).toHaveLength(1);
    expect(sent[0].message).toMatchObject({ event, requestId: 'r' });
    if (message !== undefined) expect(sent[0].message.data.message).toMatch(message);
  });

  it('ignores setLr and change without a racer id', () => {
    const { port, sent, handler } = setup();
    handler.receive({ data: cmd({ command: 'setLr', lr: 1 }), origin: host, fromParent: true });
    handler.receive({ data: cmd({ command: 'change', racer: 7, values: { lr: 1 } }), origin: host, fromParent: true });
    expect(port.calls).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('turns a widget failure into an error event instead of throwing', () => {
    const { port, sent, handler } = setup();
    port.play = () => {
      throw new Error('no workers');
    };
    expect(() => handler.receive({ data: cmd({ command: 'play', requestId: 'x' }), origin: host, fromParent: true })).not.toThrow();
    expect(sent[0].message).toMatchObject({ event: 'error', requestId: 'x', data: { command: 'play', message: 'no workers' } });
  });
});
