/**
 * Text typed into a number field, as a config value. A number when the text is one (1e-5
 * notation included), nothing when it is blank (the field falls back to its default), and
 * otherwise the text itself, so that the one validator names it: `got "1e-"`.
 */
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

export function parseNumberText(text: string): number | string | undefined {
  if (text.trim() === '') return undefined;
  return NUMBER.test(text) ? Number(text) : text;
}

/** A config value as the text of a number field: `String` keeps 1e-8 short and 0.001 plain. */
export function formatNumberText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value);
}
