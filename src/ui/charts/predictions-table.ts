/** The predictions chart's numbers: every row's target and prediction, per output, for one racer. */
import type { Dataset } from '../../core/data/dataset.ts';
import type { RacerView } from '../view-model.ts';
import type { DataTable } from './data-table.ts';
import { formatNumber } from './format-number.ts';
import { predictions } from './predictions.ts';

export function predictionsTable(racer: RacerView | null, train: Dataset, holdout: Dataset | null): DataTable {
  const columns = ['row', 'set', 'target', 'value', 'prediction', 'error'];
  const latest = racer?.latest;
  if (!racer || !latest) return { caption: 'Predictions: no weights recorded yet', columns, rows: [] };
  const sets = holdout ? ([['training', train], ['hold-out', holdout]] as const) : ([['training', train]] as const);
  const rows = sets.flatMap(([set, data]) =>
    predictions(data, latest).map((p) => [String(p.row + 1), set, data.targetNames[p.output], formatNumber(p.target, 6), formatNumber(p.prediction, 6), formatNumber(p.prediction - p.target, 4)]),
  );
  return { caption: `Predictions of ${racer.label} at epoch ${latest.epoch} against the targets`, columns, rows };
}
