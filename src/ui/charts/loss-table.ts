/**
 * The loss chart's numbers: one row per recorded epoch, one column per racer (and per
 * racer's hold-out loss when there is a hold-out set); blank where a racer has no record
 * of that epoch (it stopped, or its history was thinned there).
 */
import type { RaceView } from '../view-model.ts';
import type { DataTable } from './data-table.ts';
import { formatNumber } from './format-number.ts';

export function lossTable(race: Pick<RaceView, 'racers' | 'holdout'>, digits = 6): DataTable {
  const holdout = race.holdout !== null;
  const byEpoch = race.racers.map((r) => new Map(r.history.map((h) => [h.epoch, h])));
  const epochs = [...new Set(race.racers.flatMap((r) => r.history.map((h) => h.epoch)))].sort((a, b) => a - b);
  const columns = ['epoch', ...race.racers.flatMap((r) => (holdout ? [r.label, `${r.label} hold-out`] : [r.label]))];
  const cell = (v: number | null | undefined) => (v === undefined ? '' : formatNumber(v, digits));
  const rows = epochs.map((epoch) => [
    String(epoch),
    ...byEpoch.flatMap((m) => {
      const h = m.get(epoch);
      return holdout ? [cell(h?.loss), cell(h ? h.holdoutLoss : undefined)] : [cell(h?.loss)];
    }),
  ]);
  return { caption: `Training${holdout ? ' and hold-out' : ''} loss (MSE) per epoch; blank where a racer has no record`, columns, rows };
}
