// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import UCurve from '../../../src/ui/sweep/UCurve.svelte';
import type { UCurveLine } from '../../../src/ui/sweep/u-curve.ts';
import { stubResizeObserver } from '../charts/fixture.ts';
import { run } from './fixture.ts';

beforeAll(stubResizeObserver);

// An lr sweep over four decades: 1e-6 too slow, 1e-5 best, 1e-4 worse, 1e-3 and 1e-2 diverged.
const runs = [
  run('sgd lr=1e-6', { lr: 1e-6 }, [0], [10, 8, 6]),
  run('sgd lr=1e-5', { lr: 1e-5 }, [1], [10, 3, 1]),
  run('sgd lr=1e-4', { lr: 1e-4 }, [2], [10, 4, 2]),
  run('sgd lr=1e-3', { lr: 1e-3 }, [3], [10, 1e6, Infinity], true),
  run('sgd lr=1e-2', { lr: 1e-2 }, [4], [10, Infinity], true),
];
const lines: UCurveLine[] = [{ key: '0', label: 'SGD', color: '#E69F00', runs }];
const translate = (el: Element) => /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(el.getAttribute('transform') ?? '')!.slice(1).map(Number);

describe('UCurve', () => {
  it('draws one point per run, in lr order', () => {
    const { container } = render(UCurve, { lines, limit: null, holdout: false, onraceit: () => {} });
    const points = [...container.querySelectorAll('[data-run]')];
    expect(points.map((p) => p.getAttribute('data-run'))).toEqual(runs.map((r) => r.racer.id));
    const xs = points.map((p) => translate(p.querySelector('[data-mark]')!)[0]);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('marks diverged runs with ✕ at the top edge, the others as dots below it', () => {
    const { container } = render(UCurve, { lines, limit: null, holdout: false, onraceit: () => {} });
    const crosses = [...container.querySelectorAll('[data-mark="diverged"]')];
    expect(crosses.map((c) => c.closest('[data-run]')!.getAttribute('data-run'))).toEqual(['sgd lr=1e-3', 'sgd lr=1e-2']);
    for (const c of crosses) expect(translate(c)[1]).toBe(0); // the plot's top edge
    for (const d of container.querySelectorAll('[data-mark="run"]')) expect(translate(d)[1]).toBeGreaterThan(0);
  });

  it('rings the run with the lowest final loss among those that did not diverge, and only it', () => {
    const { container } = render(UCurve, { lines, limit: null, holdout: false, onraceit: () => {} });
    const rings = [...container.querySelectorAll('[data-mark="best"]')];
    expect(rings).toHaveLength(1);
    expect(rings[0].closest('[data-run]')!.getAttribute('data-run')).toBe('sgd lr=1e-5'); // final 1 < 2 < 6
  });

  it('draws a cancelled run faint at its partial loss, labelled so, and never rings it as best', () => {
    // 1e-6 cancelled at epoch 1 with a loss of 0.5: below every finished run's, but partial.
    const partial = { ...run('sgd lr=1e-6', { lr: 1e-6 }, [0], [10, 0.5]), cancelled: true };
    const { container } = render(UCurve, { lines: [{ ...lines[0], runs: [partial, ...runs.slice(1)] }], limit: null, holdout: false, onraceit: () => {} });
    const point = container.querySelector('[data-run="sgd lr=1e-6"]')!;
    expect(point.hasAttribute('data-cancelled')).toBe(true);
    expect(point.classList.contains('partial')).toBe(true);
    expect(point.getAttribute('aria-label')).toBe('SGD LR=1E-6: cancelled at epoch 1, loss then 0.5 (partial)');
    expect(container.querySelector('[data-mark="best"]')!.closest('[data-run]')!.getAttribute('data-run')).toBe('sgd lr=1e-5');
    expect(container.querySelector('.legend')!.textContent).toContain('faint: cancelled (partial)');
  });

  it('shows the stability limit 2/λmax as a labelled vertical mark between the runs either side of it', () => {
    const { container } = render(UCurve, { lines, limit: 3e-4, holdout: false, onraceit: () => {} });
    const mark = container.querySelector('[data-mark="limit"]')!;
    expect(mark.textContent).toBe('GD limit 2/λmax = 3e-4');
    const x = Number(mark.querySelector('line')!.getAttribute('x1'));
    const xOf = (id: string) => translate(container.querySelector(`[data-run="${id}"] [data-mark]`)!)[0];
    expect(x).toBeGreaterThan(xOf('sgd lr=1e-4'));
    expect(x).toBeLessThan(xOf('sgd lr=1e-3'));
  });

  it('leaves the limit out when it is off the chart', () => {
    const { container } = render(UCurve, { lines, limit: 5, holdout: false, onraceit: () => {} });
    expect(container.querySelector('[data-mark="limit"]')).toBeNull();
  });

  it('draws the hold-out line dashed only when there is a hold-out', () => {
    const held = runs.map((r) => ({ ...r, holdout: r.final === null ? null : r.final * 1.5 }));
    const withHoldout = render(UCurve, { lines: [{ ...lines[0], runs: held }], limit: null, holdout: true, onraceit: () => {} });
    expect(withHoldout.container.querySelector('path[data-series="holdout"]')!.getAttribute('stroke-dasharray')).toBe('5 3');
    const without = render(UCurve, { lines, limit: null, holdout: false, onraceit: () => {} });
    expect(without.container.querySelector('path[data-series="holdout"]')).toBeNull();
  });

  it('hovering a point shows its loss curve and a Race it button that hands over that run', async () => {
    const onraceit = vi.fn();
    const { container, getByRole } = render(UCurve, { lines, limit: null, holdout: false, onraceit });
    await fireEvent.mouseEnter(container.querySelector('[data-run="sgd lr=1e-4"]')!);
    await tick();
    expect(container.querySelector('[data-chosen]')!.getAttribute('data-chosen')).toBe('sgd lr=1e-4');
    expect(container.querySelector('[data-chosen] path[data-series="run"]')).not.toBeNull();
    await fireEvent.click(getByRole('button', { name: 'Race it' }));
    expect(onraceit).toHaveBeenCalledWith(runs[2]);
  });
});

describe('UCurve with thousands of runs', () => {
  // 1,001 runs from lr 1e-6 to 1e-2 (final loss |log10(lr) + 4| + 1: lowest at run 500, lr 1e-4); the top 100 diverged.
  const many = Array.from({ length: 1001 }, (_, i) => {
    const lr = 10 ** (-6 + (4 * i) / 1000);
    const diverged = i >= 901;
    return run(`sgd lr=${lr}`, { lr }, [i], diverged ? [10, Infinity] : [10, Math.abs(Math.log10(lr) + 4) + 1], diverged);
  });
  const big: UCurveLine[] = [{ key: '0', label: 'SGD', color: '#E69F00', runs: many }];

  it('draws the points on one canvas instead of an element each, keeping the best ring in the SVG', () => {
    const { container } = render(UCurve, { lines: big, limit: null, holdout: false, onraceit: () => {} });
    expect(container.querySelectorAll('g.point')).toHaveLength(0);
    expect(container.querySelectorAll('path[data-series]')).toHaveLength(0); // the lines are on the canvas too
    const canvas = container.querySelector('canvas')!;
    expect(canvas.getAttribute('data-dots')).toBe('1001');
    expect(canvas.getAttribute('data-crosses')).toBe('100');
    expect(canvas.closest('[role="img"]')!.getAttribute('aria-label')).toContain('1001 runs');
    // The best run: lr 1e-4, final loss 1.
    const best = container.querySelectorAll('[data-mark="best"]');
    expect(best).toHaveLength(1);
    expect(best[0].getAttribute('data-run')).toBe(many[500].racer.id);
  });

  it('chooses the point under the pointer, and its Race it hands over that run', async () => {
    const onraceit = vi.fn();
    const { container, getByRole } = render(UCurve, { lines: big, limit: null, holdout: false, onraceit });
    const best = container.querySelector('[data-mark="best"]')!;
    // jsdom lays nothing out: the canvas's box is at (0, 0), so client coordinates are canvas pixels.
    // Its neighbours are 0.6 px either side and higher up (larger losses): a pointer just below it picks it.
    await fireEvent.pointerMove(container.querySelector('canvas')!, { clientX: Number(best.getAttribute('cx')), clientY: Number(best.getAttribute('cy')) + 2 });
    await tick();
    expect(container.querySelector('[data-chosen]')!.getAttribute('data-chosen')).toBe(many[500].racer.id);
    await fireEvent.click(getByRole('button', { name: 'Race it' }));
    expect(onraceit).toHaveBeenCalledWith(many[500]);
  });
});
