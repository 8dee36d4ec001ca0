/**
 * A racer's log in its worker takes its records in runs (a chunk of epochs at a time). What
 * it keeps must not depend on how the records were cut into runs: at full resolution every
 * epoch until the limit, then on each thinning every other kept epoch goes and only every
 * stride-th epoch comes in (and a diverged last one), as if the records came one by one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordsOf } from '../../src/race/record-batch.ts';
import { RecordColumns } from '../../workers/record-columns.ts';
import { RecordLog } from '../../workers/record-log.ts';

const INPUTS = 2;
const OUTPUTS = 1;
/** Bytes of one record of this shape without hold-out or timing: epoch, loss, steps, W (2), b (1). */
const RECORD_BYTES = 8 * (3 + OUTPUTS * (INPUTS + 1));

/** Records of epochs first … last whose values are made from the epoch, so each is recognisable. */
function columns(first: number, last: number): RecordColumns {
  const c = new RecordColumns(INPUTS, OUTPUTS, false, false);
  for (let e = first; e <= last; e++) c.pushValues(e, 1000 - e, null, Float64Array.of(e, -e), Float64Array.of(e / 2), 4 * e, 0);
  return c;
}

/** The epochs a log keeps, record by record: the rule in the log's own words. */
function keptOneByOne(epochs: number, limit: number, diverged: boolean): number[] {
  let kept: number[] = [];
  let stride = 1;
  for (let e = 0; e <= epochs; e++) {
    const divergedHere = diverged && e === epochs;
    if (e % stride !== 0 && !divergedHere) continue;
    if (kept.length >= limit) {
      stride *= 2;
      kept = kept.filter((k) => k % stride === 0);
    }
    if (e % stride === 0 || divergedHere) kept.push(e);
  }
  return kept;
}

function logOf(limit: number, expected = 0): RecordLog {
  return new RecordLog('r', INPUTS, OUTPUTS, false, false, limit * RECORD_BYTES, false, expected);
}

describe('a racer’s log', () => {
  it.each([
    // epochs, limit, runs (record counts), diverged, kept epochs (worked out by hand)
    [5, 16, [6], false, [0, 1, 2, 3, 4, 5]],
    [20, 16, [21], false, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]],
    [20, 16, [1, 3, 17], false, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]],
    [17, 16, [18], true, [0, 2, 4, 6, 8, 10, 12, 14, 16, 17]],
  ])('of %i epochs within %i records, given in runs of %j (diverged: %s), keeps %j', (epochs, limit, runs, diverged, kept) => {
    const log = logOf(limit);
    const all = columns(0, epochs);
    let at = 0;
    for (const n of runs) {
      log.appendRange(all, at, at + n, diverged && at + n === epochs + 1);
      at += n;
    }
    const exported = [...recordsOf(log.export())];
    expect(exported.map((r) => r.epoch)).toEqual(kept);
    expect(exported.at(-1)!.diverged ?? false).toBe(diverged);
    // Each kept record is the one of its epoch, values and all.
    for (const r of exported) expect([r.loss, r.w, r.b, r.steps]).toEqual([1000 - r.epoch, [[r.epoch, -r.epoch]], [r.epoch / 2], 4 * r.epoch]);
  });

  it('keeps the same epochs however the records are cut into runs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 16, max: 40 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1 }), fc.boolean(), fc.boolean(), (epochs, limit, cuts, diverged, reserve) => {
        const log = logOf(limit, reserve ? epochs + 1 : 0);
        const all = columns(0, epochs);
        let at = 0;
        for (let k = 0; at <= epochs; k++) {
          const end = Math.min(epochs + 1, at + cuts[k % cuts.length]);
          log.appendRange(all, at, end, diverged && end === epochs + 1);
          at = end;
        }
        const exported = [...recordsOf(log.export())].map((r) => r.epoch);
        // The export also ends at the racer's latest epoch, kept or not.
        const expected = keptOneByOne(epochs, limit, diverged);
        if (expected.at(-1) !== epochs) expected.push(epochs);
        expect(exported).toEqual(expected);
      }),
    );
  });

  it('refuses a run that does not follow its last epoch', () => {
    const log = logOf(16);
    log.appendRange(columns(0, 3), 0, 4, false);
    expect(() => log.appendRange(columns(5, 6), 0, 2, false)).toThrow(/record of epoch 5 after epoch 3/);
  });
});
