/**
 * CSV text to a data set. Line numbers count the header as line 1 and are the line a
 * record starts on in the file, so an editor's "go to line" lands on the mistake even
 * after quoted values that span lines.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/config/errors.ts';
import { csvFormat, csvHeader, datasetFromCsv, describeCsvFormat, parseCsvRecords, type CsvColumns } from '../../src/core/data/csv.ts';

describe('parseCsvRecords', () => {
  const cases: { name: string; input: string; expected: { line: number; cells: string[] }[] }[] = [
    {
      name: 'quoted commas, doubled quotes and a newline inside quotes',
      input: 'name,x\n"Smith, J.",1\n"two\nlines",2\n"say ""hi""",3\n',
      // The quoted newline makes record 3 span lines 3-4, so record 4 starts on line 5.
      expected: [
        { line: 1, cells: ['name', 'x'] },
        { line: 2, cells: ['Smith, J.', '1'] },
        { line: 3, cells: ['two\nlines', '2'] },
        { line: 5, cells: ['say "hi"', '3'] },
      ],
    },
    {
      name: 'CRLF line ends',
      input: 'x,y\r\n1,2\r\n3,4\r\n',
      expected: [
        { line: 1, cells: ['x', 'y'] },
        { line: 2, cells: ['1', '2'] },
        { line: 3, cells: ['3', '4'] },
      ],
    },
    {
      name: 'a byte order mark before the header',
      input: '\uFEFFx,y\n1,2\n',
      expected: [
        { line: 1, cells: ['x', 'y'] },
        { line: 2, cells: ['1', '2'] },
      ],
    },
    {
      name: 'blank and whitespace-only lines are skipped but still counted',
      input: 'x,y\n\n1,2\n   \r\n3,4\n\n',
      expected: [
        { line: 1, cells: ['x', 'y'] },
        { line: 3, cells: ['1', '2'] },
        { line: 5, cells: ['3', '4'] },
      ],
    },
    {
      name: 'tab-delimited',
      input: 'x\ty\n1\t2',
      expected: [
        { line: 1, cells: ['x', 'y'] },
        { line: 2, cells: ['1', '2'] },
      ],
    },
    {
      name: 'semicolon-delimited',
      input: 'x;y\n1;2',
      expected: [
        { line: 1, cells: ['x', 'y'] },
        { line: 2, cells: ['1', '2'] },
      ],
    },
    {
      // The comma inside the quoted header name is not a delimiter.
      name: 'semicolon-delimited with a comma in a quoted header name',
      input: '"yield (t, ha)";temp\n1;2',
      expected: [
        { line: 1, cells: ['yield (t, ha)', 'temp'] },
        { line: 2, cells: ['1', '2'] },
      ],
    },
    {
      name: 'spaces around cells are trimmed',
      input: ' x , y \n 1 ,2 ',
      expected: [
        { line: 1, cells: ['x', 'y'] },
        { line: 2, cells: ['1', '2'] },
      ],
    },
    { name: 'no trailing newline', input: 'x,y\n1,2', expected: [{ line: 1, cells: ['x', 'y'] }, { line: 2, cells: ['1', '2'] }] },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    expect(parseCsvRecords(input)).toEqual(expected);
  });

  it('refuses a quoted value that is never closed, naming the line it opens on', () => {
    expect(() => parseCsvRecords('x,y\n1,2\n"3,4\n5,6\n')).toThrow(new ConfigError('csv line 3: a quoted value is not closed'));
  });

  it('csvHeader gives the header cells', () => {
    expect(csvHeader('\uFEFF"a, b";c\n1;2')).toEqual(['a, b', 'c']);
    expect(csvHeader('')).toEqual([]);
  });
});

describe('datasetFromCsv reads numbers', () => {
  const cases: {
    name: string;
    input: { text: string; columns: CsvColumns };
    expected: { inputNames: string[]; targetNames: string[]; x: number[]; y: number[] };
  }[] = [
    {
      name: 'inputs default to every non-target column, in header order',
      input: { text: 'a,y,b\n1,2,3\n4,5,6\n', columns: { targets: ['y'] } },
      expected: { inputNames: ['a', 'b'], targetNames: ['y'], x: [1, 3, 4, 6], y: [2, 5] },
    },
    {
      name: 'explicit inputs in the order given; an unused text column is fine',
      input: { text: 'name,a,b,y\n"Smith, J.",1,2,3\nLee,4,5,6\n', columns: { targets: ['y'], inputs: ['b', 'a'] } },
      expected: { inputNames: ['b', 'a'], targetNames: ['y'], x: [2, 1, 5, 4], y: [3, 6] },
    },
    {
      name: 'two targets',
      input: { text: 'x,apples,oranges\n1,2,3\n4,5,6\n', columns: { targets: ['oranges', 'apples'] } },
      expected: { inputNames: ['x'], targetNames: ['oranges', 'apples'], x: [1, 4], y: [3, 2, 6, 5] },
    },
    {
      name: 'number forms: exponent, sign, leading dot, trailing dot, quoted',
      input: { text: 'x,y\n1e3,-2.5\n.5,+3\n7.,"8"\n', columns: { targets: ['y'] } },
      expected: { inputNames: ['x'], targetNames: ['y'], x: [1000, 0.5, 7], y: [-2.5, 3, 8] },
    },
    {
      name: 'CRLF, BOM, blank lines and tabs together',
      input: { text: '\uFEFFx\ty\r\n\r\n1\t2\r\n3\t4\r\n', columns: { targets: ['y'] } },
      expected: { inputNames: ['x'], targetNames: ['y'], x: [1, 3], y: [2, 4] },
    },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    const data = datasetFromCsv(input.text, input.columns);
    expect({ inputNames: data.inputNames, targetNames: data.targetNames, x: [...data.x], y: [...data.y] }).toEqual(expected);
    expect(data.rows).toBe(expected.y.length / expected.targetNames.length);
    expect([data.inputs, data.outputs]).toEqual([expected.inputNames.length, expected.targetNames.length]);
  });
});

describe('datasetFromCsv refuses bad CSV with the line and column', () => {
  const seven = ['x,y', '1,2', '2,3', '3,4', '4,5', '5,6', 'abc,7'].join('\n'); // "abc" is on line 7
  const cases: { name: string; input: { text: string; columns: CsvColumns }; expected: string }[] = [
    { name: 'text in a number column', input: { text: seven, columns: { targets: ['y'] } }, expected: 'csv line 7: "abc" is not a number (column "x")' },
    {
      name: 'text after a quoted value spanning two lines',
      input: { text: 'name,x,y\n"two\nlines",1,2\nok,2,3\nok,abc,4\n', columns: { targets: ['y'], inputs: ['x'] } },
      // header 1, record "two…lines" on 2-3, "ok,2,3" on 4, "ok,abc,4" on 5
      expected: 'csv line 5: "abc" is not a number (column "x")',
    },
    {
      name: 'text after blank lines and CRLF',
      input: { text: 'x,y\r\n\r\n1,2\r\n\r\n3,abc\r\n', columns: { targets: ['y'] } },
      expected: 'csv line 5: "abc" is not a number (column "y")',
    },
    { name: 'an empty cell', input: { text: 'x,y\n1,2\n3,\n', columns: { targets: ['y'] } }, expected: 'csv line 3: an empty value is not a number (column "y")' },
    { name: 'NaN', input: { text: 'x,y\n1,2\nNaN,3\n', columns: { targets: ['y'] } }, expected: 'csv line 3: "NaN" is not a number (column "x")' },
    { name: 'Infinity', input: { text: 'x,y\n1,2\n3,Infinity\n', columns: { targets: ['y'] } }, expected: 'csv line 3: "Infinity" is not a number (column "y")' },
    { name: 'a number too large for float64', input: { text: 'x,y\n1,2\n3,1e400\n', columns: { targets: ['y'] } }, expected: 'csv line 3: "1e400" is not a number (column "y")' },
    { name: 'hexadecimal', input: { text: 'x,y\n1,2\n0x10,3\n', columns: { targets: ['y'] } }, expected: 'csv line 3: "0x10" is not a number (column "x")' },
    { name: 'a decimal comma in a comma file is two cells', input: { text: 'x,y\n1,2\n1,5,3\n', columns: { targets: ['y'] } }, expected: 'csv line 3 has 3 values, expected 2 (one per header column)' },
    { name: 'two decimal commas in one semicolon cell', input: { text: 'x;y\n1;2\n1,5,0;3\n', columns: { targets: ['y'] } }, expected: 'csv line 3: "1,5,0" is not a number (column "x")' },
    { name: 'a decimal comma in a tab file', input: { text: 'x\ty\n1\t2\n1,5\t3\n', columns: { targets: ['y'] } }, expected: 'csv line 3: "1,5" is not a number (column "x")' },
    {
      name: 'a text column that is an input by default',
      input: { text: 'name,x,y\nSmith,1,2\nLee,2,3\n', columns: { targets: ['y'] } },
      expected: 'csv line 2: "Smith" is not a number (column "name")',
    },
    { name: 'a ragged row', input: { text: 'x,y\n1,2\n3,4,5\n', columns: { targets: ['y'] } }, expected: 'csv line 3 has 3 values, expected 2 (one per header column)' },
    { name: 'a short row', input: { text: 'x,y\n1,2\n3,4\n5\n', columns: { targets: ['y'] } }, expected: 'csv line 4 has 1 values, expected 2 (one per header column)' },
    { name: 'one data row', input: { text: 'x,y\n1,2\n', columns: { targets: ['y'] } }, expected: 'csv has 1 data row; at least 2 are needed' },
    { name: 'a header only', input: { text: 'x,y\n', columns: { targets: ['y'] } }, expected: 'csv has 0 data rows; at least 2 are needed' },
    { name: 'empty text', input: { text: '\n\n', columns: { targets: ['y'] } }, expected: 'data.csv is empty: it needs a header row and at least 2 data rows' },
    {
      name: 'a target that is not a column lists the header',
      input: { text: 'x,y,z\n1,2,3\n4,5,6\n', columns: { targets: ['Y'] } },
      expected: 'data.targets: column "Y" is not in the CSV header (columns: x, y, z)',
    },
    {
      name: 'an input that is not a column lists the header',
      input: { text: 'x,y\n1,2\n4,5\n', columns: { targets: ['y'], inputs: ['w'] } },
      expected: 'data.inputs: column "w" is not in the CSV header (columns: x, y)',
    },
    { name: 'an input that is also a target', input: { text: 'x,y\n1,2\n4,5\n', columns: { targets: ['y'], inputs: ['y'] } }, expected: 'data.inputs: column "y" is also a target' },
    { name: 'a target named twice', input: { text: 'x,y\n1,2\n4,5\n', columns: { targets: ['y', 'y'] } }, expected: 'data: column "y" is named twice' },
    { name: 'no targets', input: { text: 'x,y\n1,2\n4,5\n', columns: { targets: [] } }, expected: 'data.targets must name at least one column' },
    { name: 'every column a target', input: { text: 'x,y\n1,2\n4,5\n', columns: { targets: ['x', 'y'] } }, expected: 'data.inputs: no input columns left (every column is a target)' },
    { name: 'a duplicate header name', input: { text: 'x,y,x\n1,2,3\n4,5,6\n', columns: { targets: ['y'] } }, expected: 'csv line 1: header has column "x" twice' },
    { name: 'an empty header name', input: { text: 'x,,y\n1,2,3\n4,5,6\n', columns: { targets: ['y'] } }, expected: 'csv line 1: header column 2 has no name' },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    expect(() => datasetFromCsv(input.text, input.columns)).toThrow(new ConfigError(expected));
  });
});

describe('the row limit is checked while parsing, not after', () => {
  // Header on line 1, rows on lines 2–4; line 5 is one row too many. After it comes a quote
  // that is never closed: reading on would fail differently, so the message shows where it stopped.
  const text = 'x,y\n1,2\n3,4\n5,6\n7,8\n"never closed,9\n';

  it('stops at the first row past the limit and names its line', () => {
    expect(() => parseCsvRecords(text, 3)).toThrow(new ConfigError('csv line 5: the CSV has more than 3 data rows; at most 3 are supported'));
  });

  it('reads to the end when the rows fit', () => {
    expect(() => parseCsvRecords(text, 5)).toThrow('csv line 6: a quoted value is not closed');
    expect(parseCsvRecords('x,y\n1,2\n3,4\n', 2)).toHaveLength(3);
  });
});

describe('csvFormat', () => {
  it.each([
    { name: 'comma', text: 'a,b,y\n1,2,3', expected: { delimiter: ',', decimalComma: false }, words: 'comma-separated' },
    { name: 'tab', text: 'a\tb\ty\n1\t2\t3', expected: { delimiter: '\t', decimalComma: false }, words: 'tab-separated' },
    { name: 'semicolon: decimal commas', text: 'a;b;y\n1,5;2;3', expected: { delimiter: ';', decimalComma: true }, words: 'semicolon-separated, decimal commas (1,5) or points' },
    { name: 'the delimiter used most in the header wins', text: 'yield, t/ha;temp;rain\n1;2;3', expected: { delimiter: ';', decimalComma: true }, words: 'semicolon-separated, decimal commas (1,5) or points' },
    { name: 'one column: comma', text: 'y\n1', expected: { delimiter: ',', decimalComma: false }, words: 'comma-separated' },
  ])('$name', ({ text, expected, words }) => {
    expect(csvFormat(text)).toEqual(expected);
    expect(describeCsvFormat(csvFormat(text))).toBe(words);
  });

  it('reads a semicolon file with decimal commas, the spreadsheet export of most of Europe', () => {
    const data = datasetFromCsv('temperatur;regen;äpfel\n73,5;67;56,25\n-1,5e2;,5;81\n91;88.5;81\n', { targets: ['äpfel'] });
    expect([...data.x]).toEqual([73.5, 67, -150, 0.5, 91, 88.5]);
    expect([...data.y]).toEqual([56.25, 81, 81]);
    expect(data.inputNames).toEqual(['temperatur', 'regen']);
  });
});
