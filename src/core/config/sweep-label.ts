/**
 * How a swept value is written in a run's id (`sgd lr=3.2e-6 momentum=0.9`): as short as
 * the axis allows. Values listed by hand are written as given (their shortest exact form);
 * spaced values get the fewest significant digits (at least 2) that keep every point of the
 * axis distinct, since 25 log-spaced learning rates have no short exact form.
 */
import type { SweepAxis } from './schema.ts';

/** `x` with `digits` significant digits: plain from 0.001 to below 100,000, else 3.2e-6 style. */
export function formatValue(x: number, digits: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits)));
  const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return `${m}e${exponent.replace('+', '')}`;
}

/** The shortest form of `x` that reads back as exactly `x`. */
export function exact(x: number): string {
  for (let digits = 1; digits < 17; digits++) {
    const s = formatValue(x, digits);
    if (Number(s) === x) return s;
  }
  return formatValue(x, 17);
}

/** Each value of the axis as it appears in run ids, in the axis's order. */
export function axisLabels(axis: SweepAxis): string[] {
  const numbers = axis.values.map((v) => (v === 'full' ? NaN : v));
  if (axis.scale === 'values') return axis.values.map((v) => (v === 'full' ? 'full' : exact(v)));
  for (let digits = 2; digits < 17; digits++) {
    const labels = numbers.map((x) => formatValue(x, digits));
    if (new Set(labels).size === labels.length) return labels;
  }
  return numbers.map((x) => formatValue(x, 17));
}
