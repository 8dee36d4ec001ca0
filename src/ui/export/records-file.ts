/** Full-resolution records (from the workers) as the files the CLI would write. */
import { csvHeader, csvLine } from '../../core/race/format.ts';
import type { EpochRecord } from '../../core/race/record.ts';
import { recordsOf, type RecordBatch } from '../../race/index.ts';

/** Records of every racer, epoch-major like the CLI (epoch 0 of every racer, then epoch 1…). */
export function allRecords(batches: ReadonlyMap<string, RecordBatch>, racerOrder: readonly string[]): EpochRecord[] {
  const perRacer = racerOrder.filter((id) => batches.has(id)).map((id) => [...recordsOf(batches.get(id)!)]);
  const out: EpochRecord[] = [];
  const longest = Math.max(0, ...perRacer.map((r) => r.length));
  for (let e = 0; e < longest; e++) for (const records of perRacer) if (e < records.length) out.push(records[e]);
  return out;
}

export function recordsCsv(records: readonly EpochRecord[], inputs: number, outputs: number, hasHoldout: boolean): string {
  const hasTiming = records.some((r) => r.ms !== undefined);
  // A race with a range test gets the CLI's lr and stopped columns.
  const hasLr = records.some((r) => r.lr !== undefined);
  return csvHeader(inputs, outputs, hasHoldout, hasTiming, hasLr) + records.map((r) => csvLine(r, hasHoldout, hasTiming, hasLr)).join('');
}

export function recordsJson(records: readonly EpochRecord[]): string {
  return `${JSON.stringify(records, null, 0).replace(/\},\{/g, '},\n{')}\n`;
}
