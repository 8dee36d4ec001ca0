/**
 * A text cell (a racer id, a label, a name) for a CSV file that someone will open in a
 * spreadsheet: the one helper behind the CLI's `--format csv` and the page's "Records as CSV".
 */
import { escapeControls } from './escape-controls.ts';

/**
 * OWASP's CSV-injection rule: Excel, LibreOffice and Google Sheets read a cell that starts
 * with = + - @ (or a tab or CR before one) as a formula; a leading ' makes it text. Control
 * characters other than tab, CR and LF (which RFC 4180 quoting keeps) are escaped, so the
 * file is also safe to print in a terminal. Numbers are never written through this.
 */
export function csvTextCell(text: string): string {
  const visible = escapeControls(text, '\t\r\n');
  const inert = /^[=+\-@\t\r]/.test(visible) ? `'${visible}` : visible;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}
