/**
 * A sweep's run keeps no weights per record: its columns hold losses, steps and time, and
 * each batch carries the weights of its last record, handed over by the worker.
 */
import { describe, expect, it } from 'vitest';
import { recordAt } from '../../src/race/record-batch.ts';
import { RecordColumns } from '../../workers/record-columns.ts';

/** Two inputs, one output, a hold-out set, timing: epoch e has loss 100 − e, W (e, −e), b e/2. */
function filled(keepsWeights: boolean, epochs: number): RecordColumns {
  const c = new RecordColumns(2, 1, true, true, false, undefined, keepsWeights);
  for (let e = 0; e < epochs; e++) c.pushValues(e, 100 - e, 50 - e, Float64Array.of(e, -e), Float64Array.of(e / 2), 3 * e, 0.25);
  return c;
}

describe('record columns without weights (a sweep’s run)', () => {
  it.each([
    // values per record: loss, hold-out, steps, ms (+ W 2 and b 1 when kept); a lean batch adds one W and b
    { keepsWeights: true, records: 4, recordBytes: 8 * (4 + 1 + 3), batchSize: 4 * 7 },
    { keepsWeights: false, records: 4, recordBytes: 8 * (4 + 1), batchSize: 4 * 4 + 3 },
    { keepsWeights: false, records: 1, recordBytes: 8 * (4 + 1), batchSize: 4 + 3 },
  ])('keepsWeights $keepsWeights, $records records: $recordBytes bytes a record, $batchSize values a batch', ({ keepsWeights, records, recordBytes, batchSize }) => {
    const c = filled(keepsWeights, records);
    expect(c.recordBytes).toBe(recordBytes);
    expect(c.batchSize(records)).toBe(batchSize);
  });

  it('batches every record’s losses, steps and ms with the last record’s weights as given, in the storage it is handed', () => {
    const c = filled(false, 5);
    const storage = new Float64Array(2 + c.batchSize(3));
    const batch = c.batch('run', 1, 4, false, false, storage, 2, Float64Array.of(3, -3, 1.5));
    expect(batch).toMatchObject({ racer: 'run', from: 1, count: 3, lastWeightsOnly: true });
    expect([...batch.loss]).toEqual([99, 98, 97]);
    expect([...batch.holdoutLoss!]).toEqual([49, 48, 47]);
    expect([...batch.steps]).toEqual([3, 6, 9]);
    expect([...batch.w, ...batch.b]).toEqual([3, -3, 1.5]);
    expect(batch.w.buffer).toBe(storage.buffer);
    expect(recordAt(batch, 2)).toEqual({ racer: 'run', epoch: 3, loss: 97, holdoutLoss: 47, w: [[3, -3]], b: [1.5], steps: 9, ms: 0.25 });
    expect(() => recordAt(batch, 1)).toThrow(/weights of its last record only/);
  });

  it('refuses a batch without the last record’s weights', () => {
    expect(() => filled(false, 3).batch('run', 0, 3, false)).toThrow(/needs its last record's 3 weights/);
    expect(() => filled(false, 3).batch('run', 0, 3, false, false, undefined, 0, new Float64Array(2))).toThrow(/needs its last record's 3 weights/);
  });

  it('with weights, batches each record’s own', () => {
    const batch = filled(true, 3).batch('racer', 0, 3, false);
    expect(batch.lastWeightsOnly).toBeUndefined();
    expect([...batch.w]).toEqual([0, -0, 1, -1, 2, -2]);
    expect(recordAt(batch, 1)).toMatchObject({ epoch: 1, w: [[1, -1]], b: [0.5] });
  });
});
