import { describe, expect, it } from 'vitest';
import { costRows } from '../../../src/ui/charts/cost-rows.ts';
import { costSummary } from '../../../src/ui/charts/cost-summary.ts';
import { costTable } from '../../../src/ui/charts/cost-table.ts';
import { CostSampler } from '../../../src/ui/cost-sampler.ts';
import type { RacerView } from '../../../src/ui/view-model.ts';
import { handRacer } from './fixture.ts';

/** A racer whose recorded epochs 1…n took the given ms. */
function timed(id: string, stepsPerEpoch: number, ms: number[]): RacerView {
  const r = handRacer(id, [9, ...ms.map(() => 1)], { stepsPerEpoch });
  let total = 0;
  const history = r.history.map((h, i) => {
    const m = i === 0 ? 0 : ms[i - 1];
    total += m;
    return { ...h, ms: m, cumulativeMs: total };
  });
  const sampler = new CostSampler();
  sampler.add(ms);
  return { ...r, history, latest: history[history.length - 1], cost: sampler.cost, spentMs: total };
}

describe('costRows', () => {
  it.each([
    // windows of ≥ 2 ms: [1, 2] → 1.5 ms/epoch, [6] → 6; median of two samples (3.75), no quartiles with fewer than four
    // Windows of ≥ 2 ms: epochs 1+2 (1.5 ms each, counted twice) and 6 (once): median 1.5.
    { name: 'median of windows by epochs, per step', racer: timed('sgd', 15, [1, 2, 6]), expected: { stepsPerEpoch: 15, medianMs: 1.5, lowMs: 1.5, highMs: 1.5, msPerStep: 0.1, spentMs: 9 } },
    // 32 quick epochs of 0.125 ms fill two windows (16 epochs each); a chunk of 8 epochs
    // stretched to 10 ms each by a busy machine fills 8. By windows the median would be 10;
    // by epochs (40: 32 at 0.125, 8 at 10) the median and both quartiles are 0.125.
    { name: 'a stretched chunk fills many windows but counts its epochs', racer: timed('gd', 1, [...Array(32).fill(0.125), ...Array(8).fill(10)]), expected: { stepsPerEpoch: 1, medianMs: 0.125, lowMs: 0.125, highMs: 0.125, msPerStep: 0.125, spentMs: 84 } },
    // windows: 2, 2, 3, 10 → median 2.5, quartiles 2 and 4.75 (interpolated)
    { name: 'quartiles from four windows', racer: timed('mini', 4, [2, 2, 3, 10]), expected: { stepsPerEpoch: 4, medianMs: 2.5, lowMs: 2, highMs: 4.75, msPerStep: 0.625, spentMs: 17 } },
    // 0.5 + 0.5 + 0.5 is below a window: the running mean stands in
    { name: 'before a window closes, the running mean', racer: timed('gd', 1, [0.5, 0.5, 0.5]), expected: { stepsPerEpoch: 1, medianMs: 0.5, lowMs: 0.5, highMs: 0.5, msPerStep: 0.5, spentMs: 1.5 } },
    { name: 'no record at all', racer: { ...handRacer('x', []), cost: null }, expected: { stepsPerEpoch: 1, medianMs: null, lowMs: null, highMs: null, msPerStep: null, spentMs: 0 } },
  ])('$name', ({ racer, expected }) => {
    const [row] = costRows([racer]);
    expect({ stepsPerEpoch: row.stepsPerEpoch, medianMs: row.medianMs, lowMs: row.lowMs, highMs: row.highMs, msPerStep: row.msPerStep, spentMs: row.spentMs }).toEqual(expected);
  });
});

describe('costSummary', () => {
  it.each([
    {
      // SGD: 15 steps, 0.17 ms/epoch → 0.0113 ms/step; GD: 1 step, 0.03 ms; 0.17 / 0.03 = 5.67
      name: 'the seed\'s point: cheaper steps, dearer epochs',
      racers: [timed('gd', 1, [0.03, 0.03]), timed('sgd', 15, [0.17, 0.17])],
      expected:
        "SGD takes 15 steps per epoch to GD's 1. Each of its steps is cheaper (0.0113 ms against 0.03 ms), yet an epoch of SGD costs 5.67× the wall time of an epoch of GD: more progress per epoch is paid for in steps and time.",
    },
    {
      name: 'said plainly when the measurement disagrees',
      racers: [timed('gd', 1, [2]), timed('sgd', 4, [1])],
      expected:
        "SGD takes 4 steps per epoch to GD's 1. Each of its steps is cheaper (0.25 ms against 2 ms), and here an epoch of SGD even costs no more than an epoch of GD (0.5×): more progress per epoch is paid for in steps and time.",
    },
    { name: 'equal steps', racers: [timed('a', 4, [1]), timed('b', 4, [2])], expected: 'Every racer takes 4 steps per epoch, so their epochs differ only in the work each step does.' },
    { name: 'nothing measured', racers: [{ ...timed('a', 4, []), cost: null }], expected: 'Run the race to measure what an epoch costs each racer.' },
  ])('$name', ({ racers, expected }) => {
    expect(costSummary(costRows(racers))).toBe(expected);
  });
});

describe('costTable', () => {
  it('has one row per racer', () => {
    const table = costTable([timed('mini', 4, [2, 2, 3, 10])]);
    expect(table.columns).toEqual(['racer', 'steps per epoch', 'median ms per epoch', 'quartiles ms per epoch', 'median ms per step', 'training ms so far']);
    expect(table.rows).toEqual([['MINI', '4', '2.5', '2–4.75', '0.625', '17']]);
  });
});
