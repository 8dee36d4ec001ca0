/**
 * A racer's log in its worker (workers/record-log.ts) keeps a range test's lr per record and
 * its stop, through thinning and the export's appended latest record, so an export of a
 * thinned range test still plots loss against lr and ends "stopped".
 */
import { describe, expect, it } from 'vitest';
import { recordsOf } from '../../src/race/record-batch.ts';
import { RecordColumns } from '../../workers/record-columns.ts';
import { RecordLog } from '../../workers/record-log.ts';

/** 1 input, 1 output, no hold-out, no timing, an lr column: 8 × (3 + 1 + 2) = 48 bytes a record. */
const RECORD_BYTES = 48;

/** Epochs 0 … last, each with loss 100 − epoch and lr 10^(epoch − 40); `stopped` at the last. */
function logOf(last: number, budgetRecords: number): RecordLog {
  const columns = new RecordColumns(1, 1, false, false, true);
  expect(columns.recordBytes).toBe(RECORD_BYTES);
  const log = new RecordLog('t', 1, 1, false, false, budgetRecords * RECORD_BYTES, true);
  for (let e = 0; e <= last; e++) {
    columns.pushValues(e, 100 - e, null, Float64Array.of(e), Float64Array.of(0), e, 0, 10 ** (e - 40));
    log.appendRange(columns, e, e + 1, false, e === last);
  }
  return log;
}

describe('RecordLog with a range test', () => {
  it.each([
    // 16 records fit: every epoch is kept.
    { name: 'at full resolution', last: 10, epochs: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    // Past 16 records the log keeps every 2nd, then every 4th epoch; the stopping epoch (37) is kept whatever the stride.
    { name: 'thinned', last: 37, epochs: [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 37] },
  ])('$name: each kept record has its own lr, and the last is stopped', ({ last, epochs }) => {
    const batch = logOf(last, 16).export();
    const records = [...recordsOf(batch)];
    expect(records.map((r) => r.epoch)).toEqual(epochs);
    for (const r of records) expect(r.lr).toBe(10 ** (r.epoch - 40));
    expect(records.filter((r) => r.stopped).map((r) => r.epoch)).toEqual([last]);
    expect(batch.stopped).toBe(true);
  });

  it('appends the latest record, lr and stop included, when the stride skipped it', () => {
    // Epochs 0 … 40, thinned to every 4th: 40 is kept on the stride; 41 is not, and is the stop.
    const records = [...recordsOf(logOf(41, 16).export())];
    expect(records.slice(-2).map((r) => [r.epoch, r.lr, r.stopped ?? false])).toEqual([
      [40, 1, false],
      [41, 10, true],
    ]);
  });
});
