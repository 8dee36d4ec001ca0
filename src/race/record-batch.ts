/** RecordBatch helpers: back to EpochRecords, and the buffers to transfer. */
import type { EpochRecord } from '../core/race/record.ts';
import type { RecordBatch } from './protocol.ts';

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/**
 * Record `i` of a batch, with the engine's keys in the engine's order (as the CLI prints it).
 * A sweep's run's batch has the weights of its last record only: asking for another record
 * of it throws.
 */
export function recordAt(batch: RecordBatch, i: number): EpochRecord {
  const { inputs: d, outputs: m } = batch;
  const last = i === batch.count - 1;
  if (batch.lastWeightsOnly && !last) throw new RangeError(`racer ${batch.racer} is a sweep's run: its batch carries the weights of its last record only, not of record ${i}`);
  const k = batch.lastWeightsOnly ? 0 : i;
  const w: number[][] = [];
  for (let o = 0; o < m; o++) w.push(Array.from(batch.w.subarray((k * m + o) * d, (k * m + o + 1) * d)));
  return {
    racer: batch.racer,
    epoch: batch.epochs ? batch.epochs[i] : batch.from + i,
    loss: nullIfNaN(batch.loss[i]),
    ...(batch.holdoutLoss ? { holdoutLoss: nullIfNaN(batch.holdoutLoss[i]) } : {}),
    w,
    b: Array.from(batch.b.subarray(k * m, (k + 1) * m)),
    steps: batch.steps[i],
    ...(batch.ms ? { ms: batch.ms[i] } : {}),
    ...(batch.lr ? { lr: batch.lr[i] } : {}),
    ...(last && batch.diverged ? { diverged: true as const } : {}),
    ...(last && batch.stopped ? { stopped: true as const } : {}),
  };
}

/** Every record of a batch, in epoch order. */
export function* recordsOf(batch: RecordBatch): Generator<EpochRecord> {
  for (let i = 0; i < batch.count; i++) yield recordAt(batch, i);
}

/** The buffers some batches' columns are views of, each once (their columns may share one), to hand to Comlink.transfer. */
export function batchBuffers(...batches: RecordBatch[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const batch of batches) {
    for (const a of [batch.epochs ?? null, batch.loss, batch.holdoutLoss, batch.w, batch.b, batch.steps, batch.ms, batch.lr ?? null]) {
      if (a) buffers.add(a.buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}
