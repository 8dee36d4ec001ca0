/**
 * CSV text to a Dataset. Errors name the line (1-based, the header is line 1) and the
 * column, because the person fixing them has the file open in an editor.
 */
import { ConfigError, describe, quote } from '../config/errors.ts';
import { LIMITS } from '../config/schema.ts';
import { escapeControls } from '../text/escape-controls.ts';
import type { Dataset } from './dataset.ts';

export interface CsvRecord {
  /** The line this record starts on, counting the header as line 1. */
  line: number;
  cells: string[];
}

export interface CsvFormat {
  delimiter: ',' | ';' | '\t';
  /** Numbers may be written with a decimal comma (1,5): only in a semicolon file, the spreadsheet export of most of Europe. */
  decimalComma: boolean;
}

/**
 * The delimiter is the one the header row uses most, outside quotes (a quoted name may hold
 * any delimiter: "yield (t, ha)";temp); a tie goes to the comma, then the tab.
 */
export function csvFormat(text: string): CsvFormat {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bare = src.slice(0, src.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  const count = (c: string) => bare.split(c).length - 1;
  const [comma, tab, semicolon] = [count(','), count('\t'), count(';')];
  const delimiter = semicolon > comma && semicolon > tab ? ';' : tab > comma ? '\t' : ',';
  return { delimiter, decimalComma: delimiter === ';' };
}

/** The format in words, for the data panel: "semicolon-separated, decimal commas". */
export function describeCsvFormat(format: CsvFormat): string {
  const name = format.delimiter === ',' ? 'comma' : format.delimiter === ';' ? 'semicolon' : 'tab';
  return `${name}-separated${format.decimalComma ? ', decimal commas (1,5) or points' : ''}`;
}

/**
 * RFC 4180 records: quoted fields may hold delimiters, doubled quotes and newlines. Blank
 * lines are skipped. Past the header and `maxRows` rows it stops with a ConfigError there and
 * then, so a 12-million-row CSV costs the time and memory of the first million, not all of it.
 */
export function parseCsvRecords(text: string, maxRows = Infinity): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { delimiter } = csvFormat(src);
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i <= src.length) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let done = false;
    while (!done) {
      if (i >= src.length) {
        if (quoted) throw new ConfigError(`csv line ${start}: a quoted value is not closed`);
        cells.push(cell);
        i++;
        done = true;
        break;
      }
      const c = src[i];
      if (quoted) {
        if (c === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (c === '\n') line++;
          cell += c;
          i++;
        }
      } else if (c === '"' && cell.trim() === '') {
        quoted = true;
        cell = '';
        i++;
      } else if (c === delimiter) {
        cells.push(cell);
        cell = '';
        i++;
      } else if (c === '\n' || c === '\r') {
        cells.push(cell);
        i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
        line++;
        done = true;
      } else {
        cell += c;
        i++;
      }
    }
    if (!(cells.length === 1 && cells[0].trim() === '')) {
      if (records.length > maxRows) throw new ConfigError(`csv line ${start}: the CSV has more than ${maxRows} data rows; at most ${maxRows} are supported`);
      records.push({ line: start, cells: cells.map((s) => s.trim()) });
    }
  }
  return records;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?$/;

/** A CSV cell as a number, or a ConfigError naming its line and column. */
export function parseCell(cell: string, line: number, column: string, decimalComma = false): number {
  const text = decimalComma && DECIMAL_COMMA.test(cell) ? cell.replace(',', '.') : cell;
  const value = NUMBER.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) {
    const what = cell === '' ? 'an empty value' : `${describe(cell)}`;
    throw new ConfigError(`csv line ${line}: ${what} is not a number (column ${quote(column)})`);
  }
  return value;
}

export interface CsvColumns {
  targets: readonly string[];
  /** Defaults to every column that is not a target. */
  inputs?: readonly string[];
}

export function csvHeader(text: string): string[] {
  const records = parseCsvRecords(text);
  return records.length > 0 ? records[0].cells : [];
}

export function datasetFromCsv(text: string, columns: CsvColumns, path = 'data'): Dataset {
  const records = parseCsvRecords(text, LIMITS.rows);
  if (records.length === 0) throw new ConfigError(`${path}.csv is empty: it needs a header row and at least 2 data rows`);
  const header = records[0].cells;
  header.forEach((name, j) => {
    if (name === '') throw new ConfigError(`csv line ${records[0].line}: header column ${j + 1} has no name`);
    if (header.indexOf(name) !== j) throw new ConfigError(`csv line ${records[0].line}: header has column ${quote(name)} twice`);
  });
  const body = records.slice(1);
  if (body.length < 2) throw new ConfigError(`csv has ${body.length} data row${body.length === 1 ? '' : 's'}; at least 2 are needed`);

  const find = (name: string, field: string): number => {
    const j = header.indexOf(name);
    if (j < 0) throw new ConfigError(`${path}.${field}: column ${quote(name)} is not in the CSV header (columns: ${header.map((h) => escapeControls(h)).join(', ')})`);
    return j;
  };
  if (columns.targets.length === 0) throw new ConfigError(`${path}.targets must name at least one column`);
  const targetIdx = columns.targets.map((name) => find(name, 'targets'));
  const inputIdx = columns.inputs
    ? columns.inputs.map((name) => {
        const j = find(name, 'inputs');
        if (targetIdx.includes(j)) throw new ConfigError(`${path}.inputs: column ${quote(name)} is also a target`);
        return j;
      })
    : header.map((_, j) => j).filter((j) => !targetIdx.includes(j));
  if (inputIdx.length === 0) throw new ConfigError(`${path}.inputs: no input columns left (every column is a target)`);
  for (const idx of [targetIdx, inputIdx]) {
    const dup = idx.find((j, k) => idx.indexOf(j) !== k);
    if (dup !== undefined) throw new ConfigError(`${path}: column ${quote(header[dup])} is named twice`);
  }

  const { decimalComma } = csvFormat(text);
  const d = inputIdx.length, m = targetIdx.length, n = body.length;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * m);
  body.forEach(({ line, cells }, r) => {
    if (cells.length !== header.length) {
      throw new ConfigError(`csv line ${line} has ${cells.length} values, expected ${header.length} (one per header column)`);
    }
    inputIdx.forEach((j, k) => (x[r * d + k] = parseCell(cells[j], line, header[j], decimalComma)));
    targetIdx.forEach((j, k) => (y[r * m + k] = parseCell(cells[j], line, header[j], decimalComma)));
  });
  return { rows: n, inputs: d, outputs: m, x, y, inputNames: inputIdx.map((j) => header[j]), targetNames: targetIdx.map((j) => header[j]) };
}
