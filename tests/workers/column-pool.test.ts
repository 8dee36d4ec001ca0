/**
 * A worker's column pool hands the last race's log memory to the next race's logs (memory
 * written before costs no page faults to write again), and never the same buffer to two.
 */
import { describe, expect, it } from 'vitest';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { RacerRun } from '../../src/core/race/racer-run.ts';
import { defaultRace } from '../../src/default-race.ts';
import { recordsOf } from '../../src/race/record-batch.ts';
import { ColumnPool } from '../../workers/column-pool.ts';
import { RecordColumns } from '../../workers/record-columns.ts';
import { RecordLog } from '../../workers/record-log.ts';

describe('ColumnPool', () => {
  it.each([
    // Free buffers (lengths) → a take of `length`: which free buffer it gets (its length), or a new one (null).
    { name: 'nothing free: a new array', free: [], length: 8, from: null },
    { name: 'the one free buffer that holds it', free: [16], length: 8, from: 16 },
    { name: 'the smallest that holds it', free: [64, 16, 32], length: 10, from: 16 },
    { name: 'an exact fit', free: [8, 16], length: 8, from: 8 },
    { name: 'none big enough: a new array', free: [4, 6], length: 8, from: null },
  ])('take: $name', ({ free, length, from }) => {
    const pool = new ColumnPool();
    const given = free.map((n) => new Float64Array(n));
    for (const a of given) pool.give(a);
    const got = pool.take(length);
    expect(got.length).toBe(length);
    expect(given.findIndex((a) => a.buffer === got.buffer)).toBe(from === null ? -1 : free.indexOf(from));
  });

  it('takes back the whole buffer under a view, keeps a buffer given twice once, and ignores empty arrays', () => {
    const pool = new ColumnPool();
    const whole = new Float64Array(32);
    pool.give(whole.subarray(0, 4));
    pool.give(whole);
    pool.give(new Float64Array(0));
    expect(pool.bytes).toBe(32 * 8);
    expect(pool.take(32).buffer).toBe(whole.buffer);
    // Handed out once: the pool is empty again.
    expect(pool.bytes).toBe(0);
    expect(pool.take(32).buffer).not.toBe(whole.buffer);
  });

  it('keeps no more free bytes than its limit: a buffer that would pass it is let go', () => {
    const pool = new ColumnPool(100 * 8);
    const [a, b, c] = [new Float64Array(60), new Float64Array(40), new Float64Array(1)];
    pool.give(a);
    pool.give(b);
    pool.give(c);
    // a and b fill it: c is let go.
    expect(pool.bytes).toBe(100 * 8);
    // Taking makes room again.
    expect(pool.take(60).buffer).toBe(a.buffer);
    pool.give(c);
    expect(pool.bytes).toBe(41 * 8);
  });

  it('hands out each of several free buffers of one length once, then new arrays', () => {
    const pool = new ColumnPool();
    const given = [new Float64Array(16), new Float64Array(16), new Float64Array(16)];
    for (const a of given) pool.give(a);
    const taken = [pool.take(16), pool.take(12), pool.take(16), pool.take(16)].map((a) => given.findIndex((g) => g.buffer === a.buffer));
    expect(taken.slice(0, 3).sort()).toEqual([0, 1, 2]);
    expect(taken[3]).toBe(-1);
    expect(pool.bytes).toBe(0);
  });

  it('takeWhole hands out the whole smallest buffer that holds it, or a new array of exactly that length', () => {
    const pool = new ColumnPool();
    const [small, big] = [new Float64Array(16), new Float64Array(1024)];
    pool.give(big);
    pool.give(small);
    const first = pool.takeWhole(20);
    expect(first.buffer).toBe(big.buffer);
    expect(first.length).toBe(1024);
    const fresh = pool.takeWhole(20);
    expect([fresh.buffer === big.buffer, fresh.length]).toEqual([false, 20]);
    const last = pool.takeWhole(8);
    expect(last.buffer).toBe(small.buffer);
    expect(last.length).toBe(16);
  });

  it('lets go of everything on clear', () => {
    const pool = new ColumnPool();
    const a = new Float64Array(8);
    pool.give(a);
    pool.clear();
    expect(pool.bytes).toBe(0);
    expect(pool.take(8).buffer).not.toBe(a.buffer);
  });
});

describe('a log over recycled columns', () => {
  /** A log of `epochs` + 1 records whose values come from the epoch and `seed`, so each is recognisable. */
  function filledLog(pool: ColumnPool, epochs: number, seed: number): RecordLog {
    const log = new RecordLog('r', 2, 1, true, true, Infinity, false, epochs + 1, pool);
    const c = new RecordColumns(2, 1, true, true);
    for (let e = 0; e <= epochs; e++) c.pushValues(e, seed + e, seed - e, Float64Array.of(e, seed), Float64Array.of(-e), 4 * e, e / 10);
    log.appendRange(c, 0, c.count, false);
    return log;
  }

  it("reuses the last log's memory and exports exactly its own records, none of the last one's", () => {
    const pool = new ColumnPool();
    const first = filledLog(pool, 100, 1000);
    first.recycle();
    // epoch, loss, hold-out, W (2), b (1), steps, ms: 8 columns of 101 records.
    expect(pool.bytes).toBe(8 * 101 * 8);
    const second = filledLog(pool, 60, 5000);
    // Its columns came out of the pool (61 records fit in each of the last log's).
    expect(pool.bytes).toBe(0);
    const records = [...recordsOf(second.export())];
    expect(records).toHaveLength(61);
    expect(records.at(-1)).toEqual({ racer: 'r', epoch: 60, loss: 5060, holdoutLoss: 4940, w: [[60, 5000]], b: [-60], steps: 240, ms: 6 });
    expect(records.map((r) => r.loss)).toEqual(Array.from({ length: 61 }, (_, e) => 5000 + e));
  });
});

describe('columns over a recycled buffer bigger than asked', () => {
  it('grow into all of it: filling the last race\'s outbox size takes nothing more from the pool', () => {
    const pool = new ColumnPool();
    // A lean outbox (no weights per record, no hold-out, timing): epoch, loss, steps, ms.
    const last = new RecordColumns(3, 2, false, true, false, undefined, false, pool);
    const none = new Float64Array(0);
    for (let e = 0; e < 1000; e++) last.pushValues(e, e, null, none, none, 4, 0.1);
    last.recycle();
    // Four columns of 1,024 records (64 doubled four times).
    expect(pool.bytes).toBe(4 * 1024 * 8);
    const next = new RecordColumns(3, 2, false, true, false, undefined, false, pool);
    for (let e = 0; e < 1000; e++) next.pushValues(e, 2 * e, null, none, none, 4, 0.1);
    // Its first growth took the four buffers whole; the 1,000 records needed no other.
    expect(pool.bytes).toBe(0);
    expect(next.count).toBe(1000);
    const batch = next.batch('r', 998, 1000, false, false, undefined, 0, new Float64Array(8));
    expect([...batch.loss]).toEqual([1996, 1998]);
  });

  it('a log keeps within its limit of records however big the buffer it got', () => {
    const pool = new ColumnPool();
    for (let i = 0; i < 8; i++) pool.give(new Float64Array(4096));
    // 16 records at most (its budget's limit), one more while thinning.
    const log = new RecordLog('r', 1, 1, false, false, 16 * 5 * 8, false, 1000, pool);
    const c = new RecordColumns(1, 1, false, false);
    for (let e = 0; e <= 100; e++) c.pushValues(e, e, null, Float64Array.of(e), Float64Array.of(0), e, 0);
    log.appendRange(c, 0, c.count, false);
    expect(log.stride).toBeGreaterThan(1);
    expect(log.export().count).toBeLessThanOrEqual(17);
  });
});

describe('a run over recycled series', () => {
  it("takes the last run's series from the pool and measures exactly what a run with new arrays does", () => {
    // Long enough that the series grow past their first 4,096 epochs.
    const race = prepareRace(validateRace({ ...defaultRace, epochs: 5000, racers: [{ id: 'sgd', optimizer: 'sgd', lr: 1e-5, batchSize: 4 }] }));
    const runTo = (run: RacerRun) => {
      run.begin();
      while (!run.done) run.advance(null);
      return run;
    };
    const pool = new ColumnPool();
    const first = runTo(new RacerRun(race, race.config.racers[0], true, true, pool));
    first.recycle();
    const given = pool.bytes;
    expect(given).toBeGreaterThan(0);
    const second = runTo(new RacerRun(race, race.config.racers[0], false, false, pool));
    expect(pool.bytes).toBeLessThan(given);
    const plain = runTo(new RacerRun(race, race.config.racers[0], false));
    expect([...second.losses]).toEqual([...plain.losses]);
    expect(second.holdoutLosses && [...second.holdoutLosses]).toEqual(plain.holdoutLosses && [...plain.holdoutLosses]);
  });
});
