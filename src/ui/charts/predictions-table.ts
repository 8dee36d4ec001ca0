/**
 * The predictions chart's numbers: each row's target and prediction, per output, for one
 * racer — every row up to `rowLimit` per set, beyond that an even spread of them (the
 * caption says so; the full records are in the CSV and JSON exports).
 */
import type { Dataset } from '../../core/data/dataset.ts';
import type { HistoryPoint, RacerView } from '../view-model.ts';
import type { DataTable } from './data-table.ts';
import { formatNumber } from './format-number.ts';
import { predictions, shownWeights } from './predictions.ts';
import { rowSample, sampleNote } from './row-sample.ts';

export const PREDICTIONS_TABLE_ROW_LIMIT = 1000;

/** `start`, when given, stands in for a racer with no weights yet (every racer's epoch 0). */
export function predictionsTable(
  racer: RacerView | null,
  train: Dataset,
  holdout: Dataset | null,
  start: HistoryPoint | null = null,
  rowLimit = PREDICTIONS_TABLE_ROW_LIMIT,
): DataTable {
  const columns = ['row', 'set', 'target', 'value', 'prediction', 'error'];
  const shown = shownWeights(racer, start);
  if (!shown) return { caption: 'Predictions: no weights recorded yet', columns, rows: [] };
  const { whose, weights: latest } = shown;
  const sets = holdout ? ([['training', train], ['hold-out', holdout]] as const) : ([['training', train]] as const);
  const notes: string[] = [];
  const rows = sets.flatMap(([set, data]) => {
    const sample = rowSample(data.rows, rowLimit);
    if (sample.length < data.rows) notes.push(`${sampleNote(sample.length, data.rows, set)}, evenly spread`);
    return predictions(data, latest, sample).map((p) => [
      String(p.row + 1),
      set,
      data.targetNames[p.output],
      formatNumber(p.target, 6),
      formatNumber(p.prediction, 6),
      formatNumber(p.prediction - p.target, 4),
    ]);
  });
  return { caption: `Predictions of ${whose} at epoch ${latest.epoch} against the targets${notes.length ? ` (${notes.join('; ')})` : ''}`, columns, rows };
}
