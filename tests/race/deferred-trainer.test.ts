import { describe, expect, it } from 'vitest';
import type { TrainerConnection } from '../../src/race/connection.ts';
import { deferredTrainer } from '../../src/race/deferred-trainer.ts';
import type { TrainerApi } from '../../src/race/protocol.ts';

/** A gate to open by hand, and a factory that records what it started and every call. */
function setup() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const started: string[][] = [];
  const calls: string[] = [];
  const closedIds: string[][] = [];
  let crash: ((message: string) => void) | null = null;
  const factory = (ids: readonly string[]): TrainerConnection => {
    started.push([...ids]);
    const api = { step: async (epochs: number) => (calls.push(`step ${epochs}`), { a: epochs }), hold: async () => void calls.push('hold') } as unknown as TrainerApi;
    return { api, onCrash: (l) => (crash = l), close: () => void closedIds.push([...ids]) };
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { open, gate, factory, started, calls, closedIds, crash: (m: string) => crash?.(m), flush };
}

describe('deferredTrainer', () => {
  it('passes every method of the real worker\'s API through (a sweep\'s cancel too)', async () => {
    const names: (keyof TrainerApi)[] = ['init', 'advance', 'hold', 'step', 'change', 'take', 'exportRecords', 'cancel'];
    const called: string[] = [];
    const api = Object.fromEntries(names.map((n) => [n, async () => void called.push(n)])) as unknown as TrainerApi;
    const conn = deferredTrainer(() => ({ api, onCrash: () => {}, close: () => {} }), Promise.resolve())(['a']);
    for (const n of names) await (conn.api[n] as () => Promise<unknown>)();
    expect(called).toEqual(names);
  });

  it('starts no worker before the gate opens; a call made before it waits, then goes through', async () => {
    const t = setup();
    const conn = deferredTrainer(t.factory, t.gate)(['a']);
    const answer = conn.api.step(3);
    await t.flush();
    expect(t.started).toEqual([]);
    expect(t.calls).toEqual([]);
    t.open();
    expect(await answer).toEqual({ a: 3 });
    expect(t.started).toEqual([['a']]);
    expect(t.calls).toEqual(['step 3']);
  });

  it('keeps the order of the calls made before the gate', async () => {
    const t = setup();
    const conn = deferredTrainer(t.factory, t.gate)(['a']);
    const done = Promise.all([conn.api.step(1), conn.api.hold(), conn.api.step(2)]);
    t.open();
    await done;
    expect(t.calls).toEqual(['step 1', 'hold', 'step 2']);
  });

  it('once started, calls the worker within the caller\'s task, not a microtask later', async () => {
    const t = setup();
    const conn = deferredTrainer(t.factory, t.gate)(['a']);
    t.open();
    await conn.api.hold();
    void conn.api.step(4);
    expect(t.calls).toEqual(['hold', 'step 4']);
  });

  it('keeps the order when a call comes while calls made before the gate are still on their way', async () => {
    const t = setup();
    const conn = deferredTrainer(t.factory, t.gate)(['a']);
    const before = Promise.all([conn.api.step(1), conn.api.step(2)]);
    t.open();
    // The gate is open, but the two calls above have not gone through yet.
    await Promise.resolve();
    await Promise.resolve();
    const after = conn.api.hold();
    await Promise.all([before, after]);
    expect(t.calls).toEqual(['step 1', 'step 2', 'hold']);
  });

  it('never starts a worker for a connection closed before the gate', async () => {
    const t = setup();
    const conn = deferredTrainer(t.factory, t.gate)(['a']);
    let settled = false;
    void conn.api.step(1).finally(() => (settled = true));
    conn.close();
    t.open();
    await t.flush();
    expect(t.started).toEqual([]);
    expect(settled).toBe(false);
  });

  it('closes the worker, and passes on its crash, once started', async () => {
    const t = setup();
    const conn = deferredTrainer(t.factory, t.gate)(['a', 'b']);
    const crashes: string[] = [];
    conn.onCrash((m) => crashes.push(m));
    t.open();
    await conn.api.hold();
    t.crash('the race worker stopped');
    expect(crashes).toEqual(['the race worker stopped']);
    conn.close();
    expect(t.closedIds).toEqual([['a', 'b']]);
  });

  it('reports a worker that cannot be made as a crash', async () => {
    const t = setup();
    const conn = deferredTrainer(() => {
      throw new Error('Workers are not allowed here');
    }, t.gate)(['a']);
    const crashes: string[] = [];
    conn.onCrash((m) => crashes.push(m));
    t.open();
    await t.flush();
    expect(crashes).toEqual(['Workers are not allowed here']);
  });
});
