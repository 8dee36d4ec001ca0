/**
 * The loss chart's numbers: one row per recorded epoch, one column per racer (and per
 * racer's hold-out loss when there is a hold-out set); blank where a racer has no record
 * of that epoch (it stopped, or its history was thinned there). The caption says whether
 * every epoch is listed; when the drawn history is thinned it says how many are, and the
 * table offers the full-resolution export when the page can make one.
 */
import type { RaceView } from '../view-model.ts';
import type { DataTable } from './data-table.ts';
import { formatNumber } from './format-number.ts';

export function lossTable(race: Pick<RaceView, 'racers' | 'holdout'>, digits = 6, exportAll?: () => void): DataTable {
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
  const what = `Training${holdout ? ' and hold-out' : ''} loss (MSE) per epoch`;
  const last = epochs.length ? epochs[epochs.length - 1] : -1;
  const complete = epochs.length === last + 1;
  const caption = complete
    ? `${what}: every epoch, 0 to ${last}; blank where a racer has no record (it stopped).`
    : `${what}, thinned: ${epochs.length} of the ${last + 1} epochs 0 to ${last} are listed (for each stretch the chart keeps the lowest, highest and last loss). The records export has every epoch.`;
  return { caption, columns, rows, ...(!complete && exportAll ? { action: { label: 'Download every epoch (CSV)', run: exportAll } } : {}) };
}
