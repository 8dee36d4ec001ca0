/**
 * The cost chart's caption, the seed's point in this race's numbers: the racer with the
 * most steps per epoch against the one with the fewest — each of its steps is cheaper,
 * yet its epoch costs more wall time. Said plainly when the measurements disagree.
 */
import type { CostRow } from './cost-rows.ts';
import { formatNumber } from './format-number.ts';

export function costSummary(rows: readonly CostRow[]): string {
  const measured = rows.filter((r) => r.medianMs !== null && r.msPerStep !== null);
  if (measured.length === 0) return 'Run the race to measure what an epoch costs each racer.';
  const many = measured.reduce((a, b) => (b.stepsPerEpoch > a.stepsPerEpoch ? b : a));
  const few = measured.reduce((a, b) => (b.stepsPerEpoch < a.stepsPerEpoch ? b : a));
  if (many.stepsPerEpoch === few.stepsPerEpoch) {
    return `Every racer takes ${plural(many.stepsPerEpoch, 'step')} per epoch, so their epochs differ only in the work each step does.`;
  }
  const ms = (x: number) => `${formatNumber(x)} ms`;
  const ratio = many.medianMs! / few.medianMs!;
  const epochCost =
    ratio > 1
      ? `yet an epoch of ${many.label} costs ${formatNumber(ratio)}× the wall time of an epoch of ${few.label}`
      : `and here an epoch of ${many.label} even costs no more than an epoch of ${few.label} (${formatNumber(ratio)}×)`;
  const stepCost = many.msPerStep! < few.msPerStep! ? 'Each of its steps is cheaper' : 'Its steps are not cheaper here';
  return (
    `${many.label} takes ${plural(many.stepsPerEpoch, 'step')} per epoch to ${few.label}'s ${few.stepsPerEpoch}. ` +
    `${stepCost} (${ms(many.msPerStep!)} against ${ms(few.msPerStep!)}), ${epochCost}: ` +
    'more progress per epoch is paid for in steps and time.'
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
