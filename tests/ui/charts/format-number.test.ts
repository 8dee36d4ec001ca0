import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../src/ui/charts/format-number.ts';

describe('formatNumber', () => {
  it.each([
    { name: 'three significant digits', x: 0.909445, digits: 3, expected: '0.909' },
    { name: 'keeps the integer part and one decimal', x: 1234.5, digits: 3, expected: '1234.5' },
    { name: 'a larger number keeps its integer part', x: 54911.2334, digits: 3, expected: '54911.2' },
    { name: 'two integer digits: three significant', x: 93.1514, digits: 3, expected: '93.2' },
    { name: 'drops trailing zeros', x: 1.5, digits: 3, expected: '1.5' },
    { name: 'an integer stays an integer', x: 100, digits: 3, expected: '100' },
    { name: 'small: exponent', x: 1.23456e-5, digits: 3, expected: '1.23e-5' },
    { name: 'exponent without trailing zeros', x: 1e-5, digits: 3, expected: '1e-5' },
    { name: 'just above 1e-3 stays fixed', x: 0.001234, digits: 3, expected: '0.00123' },
    { name: 'large: exponent', x: 3.632e14, digits: 3, expected: '3.63e+14' },
    { name: 'rounding up to 1e6 switches to exponent', x: 999999.97, digits: 3, expected: '1e+6' },
    { name: 'negative', x: -2.5, digits: 3, expected: '-2.5' },
    { name: 'more digits', x: 0.909445984918884, digits: 6, expected: '0.909446' },
    { name: 'zero', x: 0, digits: 3, expected: '0' },
    { name: 'null is a dash', x: null, digits: 3, expected: '—' },
    { name: 'undefined is a dash', x: undefined, digits: 3, expected: '—' },
    { name: 'NaN', x: NaN, digits: 3, expected: 'NaN' },
    { name: 'infinity', x: -Infinity, digits: 3, expected: '−∞' },
  ])('$name: $x → $expected', ({ x, digits, expected }) => {
    expect(formatNumber(x, digits)).toBe(expected);
  });
});
