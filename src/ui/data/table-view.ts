/**
 * What the data table shows: column names and roles, and at most `limit` rows (a data set
 * may have a million; a DOM table of that many inputs would not).
 */
import type { DataSpec } from '../../core/config/schema.ts';
import { datasetOf, isInlineData } from './dataset-of.ts';
import { inlineRows } from './inline-edit.ts';

export interface TableColumn {
  name: string;
  role: 'input' | 'target';
}

export interface TableView {
  columns: TableColumn[];
  /** The first rows, each its inputs then its targets. */
  rows: unknown[][];
  /** Rows in the data. */
  total: number;
}

export const TABLE_ROW_LIMIT = 200;

const named = (prefix: string, count: number) => Array.from({ length: count }, (_, j) => `${prefix}${j + 1}`);

function columns(inputs: readonly string[], targets: readonly string[]): TableColumn[] {
  return [...inputs.map((name) => ({ name, role: 'input' as const })), ...targets.map((name) => ({ name, role: 'target' as const }))];
}

export function tableView(data: DataSpec, limit = TABLE_ROW_LIMIT): TableView {
  if (isInlineData(data)) {
    // Read as they are: a refused edit shows the text that was typed. Inline data without
    // column names gets the ones the engine gives it.
    const inputs = data.inputs as unknown[][];
    const targets = data.targets as unknown[][];
    return {
      columns: columns(data.inputNames ?? named('x', inputs[0]?.length ?? 0), data.targetNames ?? named('y', targets[0]?.length ?? 0)),
      rows: inputs.slice(0, limit).map((r, i) => [...r, ...(targets[i] ?? [])]),
      total: inputs.length,
    };
  }
  const loaded = datasetOf(data);
  const { inputs, targets } = inlineRows({ ...loaded, rows: Math.min(loaded.rows, limit) });
  return { columns: columns(loaded.inputNames, loaded.targetNames), rows: inputs.map((r, i) => [...r, ...targets[i]]), total: loaded.rows };
}
