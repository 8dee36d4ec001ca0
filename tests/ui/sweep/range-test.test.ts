// @vitest-environment jsdom
/**
 * The learning-rate range test's chart: loss against lr on log axes, as fastai's lr_find
 * plots it. A hand-made test over lr 1e-6 … 1e-2 (four decades), one epoch per decade:
 * losses 10, 5, 2, 9. The last passes 4 × the lowest (8 > 4 × 2), so the test stopped there.
 */
import { fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { rangeTestGeometry } from '../../../src/ui/sweep/range-test.ts';
import RangeTestChart from '../../../src/ui/sweep/RangeTestChart.svelte';
import type { SweepRun } from '../../../src/ui/sweep/sweep-runs.ts';
import type { HistoryPoint } from '../../../src/ui/view-model.ts';
import { handRacer, stubResizeObserver } from '../charts/fixture.ts';

beforeAll(stubResizeObserver);

const RANGE = { from: 1e-6, to: 1e-2 };
const LRS = [1e-6, 1e-5, 1e-4, 1e-3];

/** A history with each epoch's lr (LRS) and loss; null where the loss was not finite. */
function history(losses: readonly (number | null)[], lrs: readonly (number | undefined)[] = LRS): HistoryPoint[] {
  return handRacer('t', losses).history.map((p, i) => (lrs[i] === undefined ? p : { ...p, lr: lrs[i] }));
}

function stoppedRun(): SweepRun {
  const racer = handRacer('sgd lr range 1e-6..0.01', [], { status: 'stopped', stoppedAt: 3, sweep: { sweep: 0, base: 'sgd', point: [], values: {} } });
  const h = history([10, 5, 2, 9]);
  return {
    racer: { ...racer, history: h, latest: h[3] },
    point: [],
    values: {},
    final: 9,
    holdout: null,
    best: 2,
    diverged: false,
    divergedAt: null,
    stopped: true,
    stoppedAt: 3,
    cancelled: false,
    done: true,
    epochsToTarget: null,
    epoch: 3,
  };
}

describe('rangeTestGeometry', () => {
  // 400 px over four decades: 100 px a decade, from x = 0 at 1e-6.
  it.each([
    { name: 'a stopped test', losses: [10, 5, 2, 9], end: 'stopped' as const, xs: [0, 100, 200, 300], lowestEpoch: 2, suggestion: 1e-5, stopEpoch: 3, divergedX: null },
    { name: 'a test still running', losses: [10, 5, 2, 9], end: null, xs: [0, 100, 200, 300], lowestEpoch: 2, suggestion: 1e-5, stopEpoch: null, divergedX: null },
    // Its last loss overflowed: three points drawn, the ✕ at its last lr (1e-3: 300 px).
    { name: 'a diverged test', losses: [10, 5, 2, null], end: 'diverged' as const, xs: [0, 100, 200], lowestEpoch: 2, suggestion: 1e-5, stopEpoch: null, divergedX: 300 },
  ])('$name', ({ losses, end, xs, lowestEpoch, suggestion, stopEpoch, divergedX }) => {
    const g = rangeTestGeometry(history(losses), RANGE, end, 400, 200);
    expect(g.points.map((p) => Math.round(p.x * 1e6) / 1e6)).toEqual(xs);
    expect(g.lowest!.epoch).toBe(lowestEpoch);
    expect(g.suggestion).toBeCloseTo(suggestion, 18);
    expect(g.stop?.epoch ?? null).toBe(stopEpoch);
    expect(g.divergedX === null ? null : Math.round(g.divergedX)).toBe(divergedX);
    // Log loss axis, up is lower: the lowest loss is the lowest point on screen (largest y).
    expect(Math.max(...g.points.map((p) => p.y))).toBe(g.lowest!.y);
    expect(g.path).not.toBeNull();
  });

  it('draws nothing for a racer without an lr per epoch, and keeps the whole lr range on the axis', () => {
    const g = rangeTestGeometry(history([10, 5], []), RANGE, null, 400, 200);
    expect(g.points).toEqual([]);
    expect(g.path).toBeNull();
    expect(g.lowest).toBeNull();
    expect(g.x.domain()).toEqual([1e-6, 1e-2]);
  });
});

describe('RangeTestChart', () => {
  it('plots loss against lr on a log x axis, rings the lowest loss and ends a stopped test with its reason', async () => {
    const { container, getByRole } = render(RangeTestChart, { run: stoppedRun(), range: RANGE, color: '#E69F00' });
    const svg = container.querySelector('svg[data-chart="range-test"]')!;
    const path = svg.querySelector('[data-series="range-test"]')!;
    expect(path.getAttribute('data-points')).toBe('4');
    // The dots are spaced evenly: one decade of lr per epoch on a log axis.
    const xs = [...svg.querySelectorAll('circle[data-epoch]')].map((c) => Number(c.getAttribute('cx')));
    const gaps = xs.slice(1).map((x, i) => x - xs[i]);
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0], 6);
    expect(gaps[0]).toBeGreaterThan(0);
    expect(svg.querySelector('[data-mark="lowest"]')!.getAttribute('data-lr')).toBe('0.0001');
    expect(svg.querySelector('[data-mark="stopped"]')!.getAttribute('data-lr')).toBe('0.001');
    expect(svg.textContent).toContain('learning rate (log)');
    expect(container.textContent).toContain('stopped: loss passed 4× its minimum at epoch 3');
    expect(container.querySelector('[data-suggestion]')!.getAttribute('data-suggestion')).toBe('0.00001');

    // The Table view: each epoch's lr and loss.
    await fireEvent.click(getByRole('button', { name: 'Table' }));
    await tick();
    const rows = [...container.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows.map((r) => r[0])).toEqual(['0', '1', '2', '3']);
    expect(rows.map((r) => Number(r[1]))).toEqual(LRS);
  });
});
