import { describe, expect, it } from 'vitest';
import { costRows } from '../../../src/ui/charts/cost-rows.ts';
import { costSummary } from '../../../src/ui/charts/cost-summary.ts';
import { costTable } from '../../../src/ui/charts/cost-table.ts';
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
  return { ...r, history, latest: history[history.length - 1] };
}

describe('costRows', () => {
  it.each([
    // (1 + 2 + 6) / 3 = 3 ms per epoch, latest 6, 3 / 15 = 0.2 ms per step
    { name: 'mean over epochs 1…, the latest, per step', racer: timed('sgd', 15, [1, 2, 6]), expected: { stepsPerEpoch: 15, meanMs: 3, latestMs: 6, msPerStep: 0.2 } },
    { name: 'only epoch 0: nothing measured yet', racer: timed('gd', 1, []), expected: { stepsPerEpoch: 1, meanMs: null, latestMs: null, msPerStep: null } },
    { name: 'no record at all', racer: handRacer('x', []), expected: { stepsPerEpoch: 1, meanMs: null, latestMs: null, msPerStep: null } },
  ])('$name', ({ racer, expected }) => {
    const [row] = costRows([racer]);
    expect({ stepsPerEpoch: row.stepsPerEpoch, meanMs: row.meanMs, latestMs: row.latestMs, msPerStep: row.msPerStep }).toEqual(expected);
  });

  it('uses the cumulative time, so a thinned history keeps an exact mean', () => {
    const r = timed('gd', 1, [1, 2, 3, 4]);
    // drop epochs 1 and 2 as decimation might: the mean is still (1 + 2 + 3 + 4) / 4
    const thinned = { ...r, history: [r.history[0], r.history[3], r.history[4]] };
    expect(costRows([thinned])[0].meanMs).toBe(2.5);
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
    { name: 'nothing measured', racers: [timed('a', 4, [])], expected: 'Run the race to measure what an epoch costs each racer.' },
  ])('$name', ({ racers, expected }) => {
    expect(costSummary(costRows(racers))).toBe(expected);
  });
});

describe('costTable', () => {
  it('has one row per racer', () => {
    const table = costTable([timed('sgd', 15, [1, 2, 6])]);
    expect(table.columns).toEqual(['racer', 'steps per epoch', 'mean ms per epoch', 'latest ms per epoch', 'mean ms per step']);
    expect(table.rows).toEqual([['SGD', '15', '3', '6', '0.2']]);
  });
});
