/**
 * `--format summary`: one CSV line per racer (a sweep's runs included) instead of records,
 * for tables of thousands of runs: id, the hyperparameters that make it what it is, final
 * and best loss, hold-out loss, epochs to within 1% of the optimum, and where it diverged.
 * The page's "Summary as CSV" export is the same file.
 */
import { OPTIMIZERS, type Racer } from '../config/schema.ts';
import { exact } from '../config/sweep-label.ts';
import type { RacerSummary } from '../race/summary.ts';
import { csvTextCell } from '../text/csv-text-cell.ts';

/** `lr=0.01 momentum=0.9 batchSize=4`: lr and batch size always, a sweep's values always, others when not PyTorch's default. */
export function hyperparameterText(racer: Racer): string {
  const swept = new Set(Object.keys(racer.sweep?.values ?? {}));
  const parts: string[] = [];
  const options = racer.options as unknown as Record<string, unknown>;
  for (const [name, spec] of Object.entries(OPTIMIZERS[racer.optimizer].hyperparameters)) {
    const value = options[name];
    if (racer.lrSchedule && name === 'lr') {
      parts.push(`lr=${exact(racer.lrSchedule.from)}..${exact(racer.lrSchedule.to)}`);
      continue;
    }
    const isDefault = JSON.stringify(value) === JSON.stringify(spec.default);
    if (name !== 'lr' && isDefault && !swept.has(name)) continue;
    const shown = (x: unknown) => (typeof x === 'number' ? exact(x) : String(x));
    parts.push(`${name}=${Array.isArray(value) ? value.map(shown).join('/') : shown(value)}`);
  }
  parts.push(`batchSize=${racer.batchSize}`);
  return parts.join(' ');
}

const cell = (x: number | null | false): string => (x === null || x === false ? '' : String(x));

export function summaryCsvHeader(timing: boolean): string {
  const columns = ['racer', 'optimizer', 'hyperparameters', 'epochs', 'steps', 'finalLoss', 'bestLoss', 'bestEpoch', 'holdoutLoss', 'epochsToOptimum'];
  if (timing) columns.push('msToOptimum');
  columns.push('divergedAt', 'stoppedAt');
  return `${columns.join(',')}\n`;
}

export function summaryCsvLine(racer: Racer, s: RacerSummary, timing: boolean): string {
  const cells = [csvTextCell(s.racer), s.optimizer, csvTextCell(hyperparameterText(racer)), String(s.epochs), String(s.steps), cell(s.finalLoss), cell(s.bestLoss), cell(s.bestEpoch), cell(s.holdoutLoss), cell(s.epochsToOptimum)];
  if (timing) cells.push(cell(s.msToOptimum));
  cells.push(cell(s.diverged), cell(s.stopped));
  return `${cells.join(',')}\n`;
}

/** A whole summary file: the header, then a line per racer that has a summary, in race order. */
export function summaryCsv(racers: readonly Racer[], summaries: ReadonlyMap<string, RacerSummary>, timing: boolean): string {
  const lines = [summaryCsvHeader(timing)];
  for (const racer of racers) {
    const s = summaries.get(racer.id);
    if (s) lines.push(summaryCsvLine(racer, s, timing));
  }
  return lines.join('');
}
