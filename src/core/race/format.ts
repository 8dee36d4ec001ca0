/** Records as text: NDJSON (one JSON object per line) or CSV with one column per weight. */
import { csvTextCell } from '../text/csv-text-cell.ts';
import type { EpochRecord } from './record.ts';

export function ndjsonLine(record: EpochRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** The CSV header for a race whose weights are outputs × inputs. */
export function csvHeader(inputs: number, outputs: number, hasHoldout: boolean, hasTiming: boolean, hasLr = false): string {
  const columns = ['racer', 'epoch', 'loss'];
  if (hasHoldout) columns.push('holdoutLoss');
  columns.push('steps');
  if (hasTiming) columns.push('ms');
  columns.push('diverged');
  // Only a race with a range test has these: its lr per epoch and where it stopped.
  if (hasLr) columns.push('lr', 'stopped');
  for (let o = 0; o < outputs; o++) for (let j = 0; j < inputs; j++) columns.push(`w[${o}][${j}]`);
  for (let o = 0; o < outputs; o++) columns.push(`b[${o}]`);
  return `${columns.join(',')}\n`;
}

function csvNumber(x: number | null | undefined): string {
  return x === null || x === undefined ? '' : String(x);
}

export function csvLine(record: EpochRecord, hasHoldout: boolean, hasTiming: boolean, hasLr = false): string {
  const cells = [csvTextCell(record.racer), String(record.epoch), csvNumber(record.loss)];
  if (hasHoldout) cells.push(csvNumber(record.holdoutLoss));
  cells.push(String(record.steps));
  if (hasTiming) cells.push(csvNumber(record.ms));
  cells.push(record.diverged ? 'true' : 'false');
  if (hasLr) cells.push(csvNumber(record.lr), record.stopped ? 'true' : 'false');
  for (const row of record.w) for (const x of row) cells.push(csvNumber(Number.isFinite(x) ? x : null));
  for (const x of record.b) cells.push(csvNumber(Number.isFinite(x) ? x : null));
  return `${cells.join(',')}\n`;
}
