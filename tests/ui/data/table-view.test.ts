import { expect, test } from 'vitest';
import { tableView } from '../../../src/ui/data/table-view.ts';

test('crops5: named columns, inputs then targets', () => {
  const view = tableView('crops5');
  expect(view.columns).toEqual([
    { name: 'temperature', role: 'input' },
    { name: 'rainfall', role: 'input' },
    { name: 'humidity', role: 'input' },
    { name: 'apples', role: 'target' },
    { name: 'oranges', role: 'target' },
  ]);
  expect(view.rows[0]).toEqual([73, 67, 43, 56, 70]);
  expect(view.total).toBe(5);
});

test.each([
  { name: 'inline rows are shown as they are, text included', limit: 10, expectedRows: [[1, 'abc', 5], [3, 4, 6]], total: 2 },
  { name: 'only the first `limit` rows', limit: 1, expectedRows: [[1, 'abc', 5]], total: 2 },
])('$name', ({ limit, expectedRows, total }) => {
  const data = { inputs: [[1, 'abc'], [3, 4]], targets: [[5], [6]] } as unknown as { inputs: number[][]; targets: number[][] };
  const view = tableView(data, limit);
  expect(view.columns.map((c) => c.name)).toEqual(['x1', 'x2', 'y1']);
  expect(view.rows).toEqual(expectedRows);
  expect(view.total).toBe(total);
});

test('a large synthetic set: 200 rows of 1000', () => {
  const view = tableView({ synthetic: { n: 1000, features: 2, outputs: 1 } });
  expect([view.rows.length, view.total]).toEqual([200, 1000]);
  expect(view.columns.map((c) => c.name)).toEqual(['x1', 'x2', 'y1']);
});
