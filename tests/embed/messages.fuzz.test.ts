/**
 * The message handler under random input (fast-check): it never throws, and whatever it
 * does not accept as a command from the accepted origin changes nothing and sends nothing;
 * an invalid config is answered with an error and the race stays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS, MessageHandler, parseCommand } from '../../src/embed/messages.ts';
import { FakePort, smallRace } from './fake-port.ts';

const HOST = 'https://course.example';

function setup() {
  const port = new FakePort(smallRace);
  const sent: unknown[] = [];
  const handler = new MessageHandler({ fixed: HOST, referrer: null }, port, (m) => sent.push(m));
  return { port, sent, handler };
}

/** Random values, plus near-misses of real commands (right type, random fields). */
const message = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
  fc.record(
    {
      type: fc.oneof(fc.constant('optirace:command'), fc.string()),
      command: fc.oneof(fc.constantFrom(...COMMANDS, 'eval', '__proto__', 'toString'), fc.anything()),
      requestId: fc.anything(),
      version: fc.oneof(fc.constant(1), fc.anything()),
      config: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);
const origin = fc.oneof(fc.constant(HOST), fc.constantFrom('null', '*', 'https://evil.example', ''), fc.webUrl().map((u) => new URL(u).origin), fc.string());

describe('the message handler, fuzzed', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ data: message, origin, fromParent: fc.boolean() }), { maxLength: 20 }), (messages) => {
        const { handler } = setup();
        for (const m of messages) expect(() => handler.receive(m)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('changes nothing and sends nothing for what is not a command from the accepted parent', () => {
    fc.assert(
      fc.property(message, origin, fc.boolean(), (data, from, fromParent) => {
        fc.pre(parseCommand(data) === null || from !== HOST || !fromParent);
        const { port, sent, handler } = setup();
        const before = port.snapshot();
        handler.receive({ data, origin: from, fromParent });
        expect(port.snapshot()).toBe(before);
        expect(sent).toEqual([]);
        expect(handler.target).toBe(HOST);
      }),
      { numRuns: 1000 },
    );
  });

  it('answers a random config that the validator rejects with an error, keeping the race', () => {
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.string({ maxLength: 10 }), { nil: undefined }), (config, requestId) => {
        const { port, sent, handler } = setup();
        handler.receive({ data: { type: 'optirace:command', command: 'setConfig', config, ...(requestId !== undefined ? { requestId } : {}) }, origin: HOST, fromParent: true });
        expect(sent).toHaveLength(1);
        const event = sent[0] as { event: string; data: { message: string }; requestId?: string };
        expect(event.requestId).toBe(requestId);
        if (event.event === 'error') {
          expect(port.config).toBe(smallRace);
          expect(typeof event.data.message).toBe('string');
        } else {
          expect(event.event).toBe('state');
          expect(port.config).toBe(config);
        }
      }),
      { numRuns: 300 },
    );
  });
});
