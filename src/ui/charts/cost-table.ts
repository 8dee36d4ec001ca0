/** The cost chart's numbers: per racer, steps per epoch and milliseconds per epoch and per step. */
import type { RacerView } from '../view-model.ts';
import { costRows } from './cost-rows.ts';
import type { DataTable } from './data-table.ts';
import { formatNumber } from './format-number.ts';

export function costTable(racers: readonly RacerView[]): DataTable {
  return {
    caption: 'Cost per epoch: optimizer steps, and training time per epoch (median over windows of at least 2 ms of epochs, with the quartiles), and the training time each racer has had',
    columns: ['racer', 'steps per epoch', 'median ms per epoch', 'quartiles ms per epoch', 'median ms per step', 'training ms so far'],
    rows: costRows(racers).map((r) => [
      r.label,
      String(r.stepsPerEpoch),
      formatNumber(r.medianMs, 4),
      r.lowMs === null ? '—' : `${formatNumber(r.lowMs, 4)}–${formatNumber(r.highMs, 4)}`,
      formatNumber(r.msPerStep, 4),
      formatNumber(r.spentMs, 4),
    ]),
  };
}
