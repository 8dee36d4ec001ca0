import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../../src/core/data/dataset.ts';
import { chosenRacer } from '../../../src/ui/charts/chosen-racer.ts';
import { predictions } from '../../../src/ui/charts/predictions.ts';
import { predictionsTable } from '../../../src/ui/charts/predictions-table.ts';
import { handRacer } from './fixture.ts';

// two rows, two inputs, two outputs
const data = datasetFromRows(
  [
    [1, 2],
    [3, 4],
  ],
  [
    [5, 0],
    [11, 1],
  ],
  ['x1', 'x2'],
  ['y', 'z'],
);

describe('predictions', () => {
  it('is x·Wᵀ + b for every row and output', () => {
    // output y: w = [1, 2], b = 0 → 1 + 4 = 5, 3 + 8 = 11; output z: w = [0, 0], b = 0.5
    expect(predictions(data, { w: [[1, 2], [0, 0]], b: [0, 0.5] })).toEqual([
      { row: 0, output: 0, target: 5, prediction: 5 },
      { row: 0, output: 1, target: 0, prediction: 0.5 },
      { row: 1, output: 0, target: 11, prediction: 11 },
      { row: 1, output: 1, target: 1, prediction: 0.5 },
    ]);
  });
});

describe('predictions of chosen rows', () => {
  it('computes only the rows asked for, in that order', () => {
    expect(predictions(data, { w: [[1, 2], [0, 0]], b: [0, 0.5] }, [1])).toEqual([
      { row: 1, output: 0, target: 11, prediction: 11 },
      { row: 1, output: 1, target: 1, prediction: 0.5 },
    ]);
  });
});

describe('predictionsTable', () => {
  it('lists every row, target and error, training then hold-out', () => {
    const racer = { ...handRacer('a', [1]), latest: { epoch: 3, loss: 1, steps: 3, ms: 1, cumulativeMs: 3, w: [[1, 2], [0, 0]], b: [0, 0.5] } };
    const table = predictionsTable(racer, data, data);
    expect(table.caption).toBe('Predictions of A at epoch 3 against the targets');
    expect(table.columns).toEqual(['row', 'set', 'target', 'value', 'prediction', 'error']);
    expect(table.rows.slice(0, 2)).toEqual([
      ['1', 'training', 'y', '5', '5', '0'],
      ['1', 'training', 'z', '0', '0.5', '0.5'],
    ]);
    expect(table.rows[4]).toEqual(['1', 'hold-out', 'y', '5', '5', '0']);
    expect(table.rows).toHaveLength(8);
  });

  it('lists an even spread of rows beyond its limit, and says so', () => {
    const racer = { ...handRacer('a', [1]), latest: { epoch: 3, loss: 1, steps: 3, ms: 1, cumulativeMs: 3, w: [[1, 2], [0, 0]], b: [0, 0.5] } };
    const table = predictionsTable(racer, data, null, null, 1);
    expect(table.caption).toBe('Predictions of A at epoch 3 against the targets (1 of 2 training rows, evenly spread)');
    // row 1 (the first), both outputs
    expect(table.rows.map((r) => r.slice(0, 3))).toEqual([
      ['1', 'training', 'y'],
      ['1', 'training', 'z'],
    ]);
  });

  it('shows the start weights, every racer\'s epoch 0, before any racer has its own', () => {
    const start = { epoch: 0, loss: 1, steps: 0, ms: 0, cumulativeMs: 0, w: [[1, 2], [0, 0]], b: [0, 0.5] };
    const table = predictionsTable({ ...handRacer('a', [1]), latest: null }, data, null, start);
    expect(table.caption).toBe('Predictions of the start weights (every racer) at epoch 0 against the targets');
    expect(table.rows[1]).toEqual(['1', 'training', 'z', '0', '0.5', '0.5']);
  });

  it('is empty before any weights', () => {
    expect(predictionsTable(null, data, null).rows).toEqual([]);
  });
});

describe('chosenRacer', () => {
  const waiting = handRacer('w', []);
  const a = handRacer('a', [1]);
  const b = handRacer('b', [2]);
  it.each([
    { name: 'the chosen one', id: 'b', expected: 'b' },
    { name: 'no choice: the first with weights', id: null, expected: 'a' },
    { name: 'chosen but without weights: the first with', id: 'w', expected: 'a' },
    { name: 'unknown id: the first with weights', id: 'zz', expected: 'a' },
  ])('$name', ({ id, expected }) => {
    expect(chosenRacer([waiting, a, b], id)?.id).toBe(expected);
  });

  it('none before epoch 0', () => {
    expect(chosenRacer([waiting], 'w')).toBeNull();
  });
});
