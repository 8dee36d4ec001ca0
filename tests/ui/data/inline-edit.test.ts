import { expect, test } from 'vitest';
import { datasetFromRows } from '../../../src/core/data/dataset.ts';
import { addRow, inlineRows, removeRow, setCell, toInline, type InlineRows } from '../../../src/ui/data/inline-edit.ts';

const rows: InlineRows = {
  inputs: [
    [1, 2],
    [3, 4],
    [5, 6],
  ],
  targets: [[10], [20], [30]],
};

test.each([
  {
    name: 'an input cell',
    edit: () => setCell(rows, 1, 0, 9),
    expected: { inputs: [[1, 2], [9, 4], [5, 6]], targets: [[10], [20], [30]] },
  },
  {
    name: 'a target cell (columns count the inputs first)',
    edit: () => setCell(rows, 2, 2, 33),
    expected: { inputs: [[1, 2], [3, 4], [5, 6]], targets: [[10], [20], [33]] },
  },
  {
    name: 'refused text is kept for the validator to name',
    edit: () => setCell(rows, 0, 1, 'abc'),
    expected: { inputs: [[1, 'abc'], [3, 4], [5, 6]], targets: [[10], [20], [30]] },
  },
  {
    name: 'add a row: a copy of the last one',
    edit: () => addRow(rows),
    expected: { inputs: [[1, 2], [3, 4], [5, 6], [5, 6]], targets: [[10], [20], [30], [30]] },
  },
  {
    name: 'remove the middle row',
    edit: () => removeRow(rows, 1),
    expected: { inputs: [[1, 2], [5, 6]], targets: [[10], [30]] },
  },
])('$name', ({ edit, expected }) => {
  const before = JSON.stringify(rows);
  expect(edit()).toEqual(expected);
  expect(JSON.stringify(rows)).toBe(before);
});

test('a new row does not share its arrays with the row it copies', () => {
  const added = addRow(rows);
  expect(added.inputs[3]).not.toBe(added.inputs[2]);
});

test('a dataset as inline rows', () => {
  const data = datasetFromRows([[1, 2], [3, 4]], [[5], [6]], ['a', 'b'], ['y']);
  expect(inlineRows(data)).toEqual({ inputs: [[1, 2], [3, 4]], targets: [[5], [6]], inputNames: ['a', 'b'], targetNames: ['y'] });
});

test.each([
  {
    name: 'crops5 as the seed notebook prints it',
    data: 'crops5' as const,
    expected: {
      inputs: [[73, 67, 43], [91, 88, 64], [87, 134, 58], [102, 43, 37], [69, 96, 70]],
      targets: [[56, 70], [81, 101], [119, 133], [22, 37], [103, 119]],
      inputNames: ['temperature', 'rainfall', 'humidity'],
      targetNames: ['apples', 'oranges'],
    },
  },
  {
    name: 'a CSV: inputs and targets in the chosen order',
    data: { csv: 'a,y,b\n1,2,3\n4,5,6', targets: ['y'], inputs: ['b', 'a'] },
    expected: { inputs: [[3, 1], [6, 4]], targets: [[2], [5]], inputNames: ['b', 'a'], targetNames: ['y'] },
  },
  {
    name: 'inline rows as they are',
    data: { inputs: [[1], [2]], targets: [[3], [4]] },
    expected: { inputs: [[1], [2]], targets: [[3], [4]] },
  },
])('toInline: $name', ({ data, expected }) => {
  expect(toInline(data)).toEqual(expected);
});

test('a cell edit keeps the column names', () => {
  const named = toInline('crops5');
  expect(setCell(named, 0, 0, 74)).toMatchObject({ inputNames: ['temperature', 'rainfall', 'humidity'], targetNames: ['apples', 'oranges'] });
  expect(addRow(named).inputNames).toEqual(named.inputNames);
  expect(removeRow(named, 0).targetNames).toEqual(named.targetNames);
});
