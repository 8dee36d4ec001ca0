/** The cost chart's numbers: per racer, steps per epoch and milliseconds per epoch and per step. */
import type { RacerView } from '../view-model.ts';
import { costRows } from './cost-rows.ts';
import type { DataTable } from './data-table.ts';
import { formatNumber } from './format-number.ts';

export function costTable(racers: readonly RacerView[]): DataTable {
  return {
    caption: 'Cost per epoch: optimizer steps, and training time (mean over epochs so far, and the latest epoch)',
    columns: ['racer', 'steps per epoch', 'mean ms per epoch', 'latest ms per epoch', 'mean ms per step'],
    rows: costRows(racers).map((r) => [r.label, String(r.stepsPerEpoch), formatNumber(r.meanMs, 4), formatNumber(r.latestMs, 4), formatNumber(r.msPerStep, 4)]),
  };
}
