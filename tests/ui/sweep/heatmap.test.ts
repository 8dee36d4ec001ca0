// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import Heatmap from '../../../src/ui/sweep/Heatmap.svelte';
import { stubResizeObserver } from '../charts/fixture.ts';
import { run } from './fixture.ts';

beforeAll(stubResizeObserver);

// lr × momentum, 2 × 2: the high lr with momentum 0.9 diverges.
const runs = [
  run('a', { lr: 1e-5, momentum: 0 }, [0, 0], [10, 5, 4]),
  run('b', { lr: 1e-5, momentum: 0.9 }, [0, 1], [10, 2, 1]),
  run('c', { lr: 1e-4, momentum: 0 }, [1, 0], [10, 3, 2]),
  run('d', { lr: 1e-4, momentum: 0.9 }, [1, 1], [10, Infinity], true),
];
const axes = [
  { name: 'lr', labels: ['1e-5', '1e-4'] },
  { name: 'momentum', labels: ['0', '0.9'] },
];

describe('Heatmap', () => {
  it('draws one cell per run, hatches the diverged ones and colours the rest', () => {
    const { container } = render(Heatmap, { runs, axes });
    const cells = [...container.querySelectorAll('rect[data-cell]')];
    expect(cells.map((c) => c.getAttribute('data-cell'))).toEqual(['a', 'b', 'c', 'd']);
    const hatched = cells.filter((c) => c.hasAttribute('data-diverged'));
    expect(hatched.map((c) => c.getAttribute('data-cell'))).toEqual(['d']);
    expect(hatched[0].getAttribute('fill')).toMatch(/^url\(#.+-hatch\)$/);
    for (const c of cells.filter((c) => !c.hasAttribute('data-diverged'))) expect(c.getAttribute('fill')).toMatch(/^#[0-9a-f]{6}$/); // a viridis colour
  });

  it('places the first axis along x and the second up y', () => {
    const { container } = render(Heatmap, { runs, axes });
    const at = (id: string) => {
      const c = container.querySelector(`rect[data-cell="${id}"]`)!;
      return [Number(c.getAttribute('x')), Number(c.getAttribute('y'))];
    };
    expect(at('c')[0]).toBeGreaterThan(at('a')[0]); // higher lr to the right
    expect(at('b')[1]).toBeLessThan(at('a')[1]); // higher momentum above
  });

  it.each([
    { metric: 'loss' as const, values: ['4', '1', '2', ''], hover: 'b', readout: 'B: final loss 1' },
    { metric: 'epochs' as const, values: ['2', '2', '2', ''], hover: 'd', readout: 'D: diverged at epoch 1' },
  ])('shows the $metric of each cell in its title and on hover', async ({ metric, values, hover, readout }) => {
    const { container } = render(Heatmap, { runs, axes, metric });
    expect([...container.querySelectorAll('rect[data-cell]')].map((c) => c.getAttribute('data-value'))).toEqual(values);
    await fireEvent.mouseEnter(container.querySelector(`rect[data-cell="${hover}"]`)!);
    await tick();
    expect(container.querySelector('.readout')!.textContent).toBe(readout);
  });
});

describe('Heatmap with thousands of runs', () => {
  // 30 × 30 = 900 runs: loss = column + row + 1; the top-right 10 × 10 diverged.
  const big = Array.from({ length: 900 }, (_, k) => {
    const [i, j] = [k % 30, Math.floor(k / 30)];
    const diverged = i >= 20 && j >= 20;
    return run(`r${i}-${j}`, { lr: i, momentum: j }, [i, j], diverged ? [10, Infinity] : [10, i + j + 1], diverged);
  });
  const labels = Array.from({ length: 30 }, (_, i) => String(i));
  const bigAxes = [
    { name: 'lr', labels },
    { name: 'momentum', labels },
  ];

  it('draws the cells on one canvas, writes only every few axis labels, and reads the cell under the pointer', async () => {
    const { container } = render(Heatmap, { runs: big, axes: bigAxes });
    expect(container.querySelectorAll('rect[data-cell]')).toHaveLength(0);
    const canvas = container.querySelector('canvas')!;
    expect(canvas.getAttribute('data-cells')).toBe('900');
    expect(canvas.getAttribute('data-hatched')).toBe('100');
    // 566 px wide (jsdom's fallback 640 − margins): at most one label per 50 px, so every 3rd of 30.
    expect([...container.querySelectorAll('text.tick')].filter((t) => t.getAttribute('text-anchor') === 'middle').map((t) => t.textContent)).toEqual(['0', '3', '6', '9', '12', '15', '18', '21', '24', '27']);
    // The cell of column 2, row 0 (the bottom row): x in [2, 3) × 566/30, y near the bottom of the 240 px plot.
    await fireEvent.pointerMove(canvas, { clientX: 2.5 * (566 / 30), clientY: 235 });
    await tick();
    expect(container.querySelector('.readout')!.textContent).toBe('R2-0: final loss 3');
  });
});
