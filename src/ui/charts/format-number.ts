/**
 * A number as a chart label or table cell: `digits` significant digits, but never rounding
 * away the integer part (1234.5, not 1.23e+3), and exponent notation outside [1e-3, 1e6)
 * where fixed notation would be all zeros or too long (1.23e-5, 3.63e+14). Trailing zeros
 * go: 0.5, not 0.500. Missing values are "—".
 */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const size = Math.abs(x);
  if (size < 1e-3 || size >= 1e6) {
    const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
    return `${trimZeros(mantissa)}e${exponent}`;
  }
  const integerDigits = Math.max(1, Math.floor(Math.log10(size)) + 1);
  const text = x.toPrecision(Math.max(digits, size >= 1 ? integerDigits + 1 : digits));
  // Rounding can carry into the next power of ten (999999.97 → 1000000).
  if (Math.abs(Number(text)) >= 1e6) return formatNumber(Number(text), digits);
  return trimZeros(text);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
