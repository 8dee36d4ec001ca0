/** The bounded chart history: full resolution up to the cap, then each window's min, max and last. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimatedSeries } from '../../src/race/decimated-series.ts';
import { RacerHistory } from '../../src/race/racer-history.ts';
import type { RecordBatch } from '../../src/race/protocol.ts';

function fill(values: readonly number[], capacity: number): DecimatedSeries {
  const s = new DecimatedSeries(1, capacity);
  values.forEach((v, epoch) => s.push(epoch, [v]));
  return s;
}

function pairs(s: DecimatedSeries, component = 0): [number, number][] {
  const { epoch, value } = s.points(component);
  return Array.from(epoch, (e, i) => [e, value[i]]);
}

describe('DecimatedSeries', () => {
  it.each([
    { name: 'under the cap: every epoch', values: [5, 3, 4, 1], capacity: 4, expected: [[0, 5], [1, 3], [2, 4], [3, 1]] },
    // Epoch 4 overflows 4 windows: pairs merge into windows of 2 epochs, each min, max, last.
    { name: 'one merge', values: [5, 3, 4, 1, 2], capacity: 4, expected: [[0, 5], [1, 3], [2, 4], [3, 1], [4, 2]] },
    // Windows of 8 epochs after three merges: epochs 0–7 keep max 9 @1, min 0 @2, last 4 @7.
    { name: 'a window keeps min, max and last', values: [2, 9, 0, 5, 7, 1, 3, 4, 8], capacity: 2, expected: [[1, 9], [2, 0], [7, 4], [8, 8]] },
    { name: 'a null loss (NaN) gives way to numbers', values: [NaN, 1, 2, NaN], capacity: 2, expected: [[1, 1], [2, 2], [3, NaN]] },
  ])('$name', ({ values, capacity, expected }) => {
    expect(pairs(fill(values, capacity))).toEqual(expected);
  });

  it('stays within its capacity, doubling the window each time it fills', () => {
    const s = fill(Array.from({ length: 100_000 }, (_, i) => Math.sin(i)), 512);
    expect(s.windows).toBeLessThanOrEqual(512);
    expect(s.span).toBe(256);
    expect(s.points().epoch.length).toBeLessThanOrEqual(3 * 512);
  });

  it('refuses a sample that is not the next epoch', () => {
    const s = fill([1, 2], 4);
    expect(() => s.push(5, [1])).toThrow('series: sample of epoch 5, expected 2');
  });

  it('keeps, for any series, its min, max and last, each window’s extremes, and epochs in order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 20 }), (values, half) => {
        const s = fill(values, half * 2);
        const points = pairs(s);
        const kept = new Map(points);
        const epochs = points.map(([e]) => e);
        expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
        expect(new Set(epochs).size).toBe(epochs.length);
        for (const [e, v] of points) expect(v).toBe(values[e]);
        expect(kept.get(values.length - 1)).toBe(values.at(-1));
        // Every window of `span` epochs has its min and max among the kept points.
        for (let start = 0; start < values.length; start += s.span) {
          const window = values.slice(start, start + s.span);
          const inWindow = points.filter(([e]) => e >= start && e < start + s.span).map(([, v]) => v);
          expect(inWindow).toContain(Math.min(...window));
          expect(inWindow).toContain(Math.max(...window));
        }
        if (values.length <= half * 2) expect(points.length).toBe(values.length);
      }),
    );
  });

  it('decimates each component of a vector on its own', () => {
    const s = new DecimatedSeries(2, 2);
    const rows = [[1, 10], [3, 0], [2, 5], [0, 7]];
    rows.forEach((r, epoch) => s.push(epoch, r));
    expect(pairs(s, 0)).toEqual([[0, 1], [1, 3], [2, 2], [3, 0]]);
    expect(pairs(s, 1)).toEqual([[0, 10], [1, 0], [2, 5], [3, 7]]);
    s.push(4, [9, 9]);
    // Epochs 0–3 merge: component 0 keeps max 3 @1 and min = last 0 @3.
    expect(pairs(s, 0)).toEqual([[1, 3], [3, 0], [4, 9]]);
    expect(pairs(s, 1)).toEqual([[0, 10], [1, 0], [3, 7], [4, 9]]);
  });
});

describe('RacerHistory', () => {
  const batch = (from: number, count: number): RecordBatch => ({
    racer: 'r',
    from,
    count,
    inputs: 2,
    outputs: 1,
    loss: Float64Array.from({ length: count }, (_, i) => 100 - from - i),
    holdoutLoss: Float64Array.from({ length: count }, (_, i) => 200 - from - i),
    w: Float64Array.from({ length: count * 2 }, (_, i) => from + i / 2),
    b: Float64Array.from({ length: count }, (_, i) => -(from + i)),
    steps: Float64Array.from({ length: count }, (_, i) => 3 * (from + i)),
    ms: null,
    diverged: false,
  });

  it('splits batches into loss, hold-out loss, W and b histories and keeps the latest record', () => {
    const h = new RacerHistory(2, 1, true, 8);
    h.append(batch(0, 3));
    h.append(batch(3, 2));
    expect(h.epochs).toBe(5);
    expect(Array.from(h.loss().value)).toEqual([100, 99, 98, 97, 96]);
    expect(Array.from(h.holdoutLoss()!.value)).toEqual([200, 199, 198, 197, 196]);
    expect(Array.from(h.weight(0, 1).value)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5]);
    expect(Array.from(h.bias(0).value)).toEqual([-0, -1, -2, -3, -4]);
    expect(h.latest).toEqual({ racer: 'r', epoch: 4, loss: 96, holdoutLoss: 196, w: [[4, 4.5]], b: [-4], steps: 12 });
  });

  it('stays bounded over a long run', () => {
    const h = new RacerHistory(2, 1, false, 64);
    for (let from = 0; from < 50_000; from += 1000) h.append(batch(from, 1000));
    expect(h.epochs).toBe(50_000);
    expect(h.losses.windows).toBeLessThanOrEqual(64);
    expect(h.weights.windows).toBeLessThanOrEqual(64);
    expect(h.holdoutLoss()).toBeNull();
    expect(h.loss().epoch.at(-1)).toBe(49_999);
  });
});
