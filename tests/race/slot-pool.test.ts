/** The worker pool's queue: a bounded number of slots, handed out fairly. */
import { describe, expect, it } from 'vitest';
import { SlotPool } from '../../src/race/slot-pool.ts';

function recorder(pool: SlotPool) {
  const granted: string[] = [];
  const releases = new Map<string, () => void>();
  const ask = (owner: object, name: string) => pool.request(owner, (release) => {
    granted.push(name);
    releases.set(name, release);
  });
  return { granted, release: (name: string) => releases.get(name)!(), ask };
}

describe('SlotPool', () => {
  it('grants at once while slots are free, then first come first served', () => {
    const pool = new SlotPool(2);
    const { granted, release, ask } = recorder(pool);
    const race = {};
    for (const name of ['a', 'b', 'c', 'd']) ask(race, name);
    expect(granted).toEqual(['a', 'b']);
    expect(pool.busy).toBe(2);
    release('b');
    release('b'); // twice is once
    expect(granted).toEqual(['a', 'b', 'c']);
    release('a');
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
  });

  it('alternates between owners, a newcomer first', () => {
    const pool = new SlotPool(1);
    const { granted, release, ask } = recorder(pool);
    const sweep = {};
    const race = {};
    for (const name of ['s1', 's2', 's3']) ask(sweep, name);
    for (const name of ['r1', 'r2']) ask(race, name);
    for (const name of ['s1', 'r1', 's2', 'r2']) release(name);
    expect(granted).toEqual(['s1', 'r1', 's2', 'r2', 's3']);
  });

  it('tells whose turn is next', () => {
    const pool = new SlotPool(1);
    const { release, ask } = recorder(pool);
    const sweep = {};
    const race = {};
    expect(pool.nextInLine()).toBeNull();
    ask(sweep, 's1');
    ask(sweep, 's2');
    expect(pool.nextInLine()).toBe(sweep);
    ask(race, 'r1');
    expect(pool.nextInLine()).toBe(race);
    release('s1');
    expect(pool.nextInLine()).toBe(sweep);
  });

  it('forgets a withdrawn request', () => {
    const pool = new SlotPool(1);
    const { granted, release, ask } = recorder(pool);
    const owner = {};
    ask(owner, 'a');
    const cancel = ask(owner, 'b');
    ask(owner, 'c');
    cancel();
    release('a');
    expect(granted).toEqual(['a', 'c']);
  });

  it('needs at least one slot', () => {
    expect(() => new SlotPool(0)).toThrow('a pool needs at least one slot, got 0');
  });
});
