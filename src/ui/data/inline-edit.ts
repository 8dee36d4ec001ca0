/**
 * Cell edits on a data table. Editing any data (built-in, CSV, synthetic) turns it into inline
 * `{inputs, targets, inputNames, targetNames}` rows with the same numbers and column names and
 * the one cell changed. Cells hold `unknown`: a refused edit keeps the text that was typed,
 * for the validator to name.
 */
import type { DataSpec } from '../../core/config/schema.ts';
import type { Dataset } from '../../core/data/dataset.ts';
import { datasetOf, isInlineData } from './dataset-of.ts';

export interface InlineRows {
  inputs: unknown[][];
  targets: unknown[][];
  inputNames?: string[];
  targetNames?: string[];
}

/** A dataset's rows as inline arrays of numbers, with its column names. */
export function inlineRows(data: Dataset): { inputs: number[][]; targets: number[][]; inputNames: string[]; targetNames: string[] } {
  const row = (flat: Float64Array, width: number, r: number) => Array.from(flat.subarray(r * width, (r + 1) * width));
  return {
    inputs: Array.from({ length: data.rows }, (_, r) => row(data.x, data.inputs, r)),
    targets: Array.from({ length: data.rows }, (_, r) => row(data.y, data.outputs, r)),
    inputNames: [...data.inputNames],
    targetNames: [...data.targetNames],
  };
}

/** Inline data as it is, or any other data loaded and written out as inline rows. */
export function toInline(data: DataSpec): InlineRows {
  if (isInlineData(data)) return data;
  return inlineRows(datasetOf(data));
}

/** The rows with one cell replaced; `column` counts the inputs first, then the targets. */
export function setCell(rows: InlineRows, row: number, column: number, value: unknown): InlineRows {
  const width = rows.inputs[row]?.length ?? 0;
  const replace = (cells: unknown[], j: number) => cells.map((x, k) => (k === j ? value : x));
  return column < width
    ? { ...rows, inputs: rows.inputs.map((r, i) => (i === row ? replace(r, column) : r)) }
    : { ...rows, targets: rows.targets.map((r, i) => (i === row ? replace(r, column - width) : r)) };
}

/** The rows with a copy of the last row appended (a new row starts from real values). */
export function addRow(rows: InlineRows): InlineRows {
  const last = rows.inputs.length - 1;
  if (last < 0) return rows;
  return { ...rows, inputs: [...rows.inputs, [...rows.inputs[last]]], targets: [...rows.targets, [...rows.targets[last]]] };
}

export function removeRow(rows: InlineRows, row: number): InlineRows {
  return { ...rows, inputs: rows.inputs.filter((_, i) => i !== row), targets: rows.targets.filter((_, i) => i !== row) };
}
