/** The per-racer summary as a plain-text table for a terminal. */
import type { Optimum } from '../core/race/optimum.ts';
import { escapeControls } from '../core/text/escape-controls.ts';
import type { RacerSummary } from '../core/race/summary.ts';

const num = (x: number | null): string => (x === null ? '—' : Number(x.toPrecision(6)).toString());

/** The finish line: the closed-form optimum's loss (and hold-out loss there). */
export function optimumLine(optimum: Optimum): string {
  const holdout = optimum.holdoutLoss === undefined ? '' : `, hold-out loss there ${num(optimum.holdoutLoss)}`;
  return `optimum (closed-form least squares): loss ${num(optimum.loss)}${holdout}`;
}

export function summaryTable(summaries: readonly RacerSummary[], optimum: Optimum): string {
  const header = ['racer', 'optimizer', 'epochs', 'final loss', 'best loss', 'epochs to 1%', 'ms to 1%', 'diverged'];
  const rows = summaries.map((s) => [
    escapeControls(s.racer), // an id is text from the config: it must not drive the terminal
    s.optimizer,
    String(s.epochs),
    num(s.finalLoss),
    num(s.bestLoss),
    s.epochsToOptimum === null ? '—' : String(s.epochsToOptimum),
    s.msToOptimum === null ? '—' : s.msToOptimum.toFixed(1),
    s.diverged === false ? 'no' : `at epoch ${s.diverged}`,
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd();
  return [optimumLine(optimum), line(header), ...rows.map(line)].join('\n');
}
