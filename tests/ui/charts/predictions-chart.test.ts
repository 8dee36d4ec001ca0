// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../../src/core/data/dataset.ts';
import { formatNumber } from '../../../src/ui/charts/format-number.ts';
import PredictionsChart from '../../../src/ui/charts/PredictionsChart.svelte';
import { makeRace, stubResizeObserver } from './fixture.ts';

beforeAll(stubResizeObserver);

const race = makeRace();

describe('PredictionsChart', () => {
  it('plots every training row and output for the first racer by default', () => {
    const { container, getByRole } = render(PredictionsChart, { race });
    // 15 rows × 2 outputs (apples, oranges)
    expect(container.querySelectorAll('[data-mark="train"]')).toHaveLength(30);
    expect(container.querySelectorAll('[data-mark="holdout"]')).toHaveLength(0);
    expect(getByRole('img').getAttribute('aria-label')).toBe(
      `Predictions of GD at epoch 20 against the targets for 15 training rows; training MSE ${formatNumber(race.racers[0].latest!.loss)}.`,
    );
    expect(container.querySelector('line.diagonal')).not.toBeNull();
  });

  it('marks hold-out rows differently', () => {
    const { container } = render(PredictionsChart, { race: makeRace({ holdout: 0.2 }) });
    // 12 training rows and 3 hold-out rows, 2 outputs each
    expect(container.querySelectorAll('[data-mark="train"]')).toHaveLength(24);
    expect(container.querySelectorAll('[data-mark="holdout"]')).toHaveLength(6);
  });

  it('places each point at its target across and its prediction up', () => {
    // with W = 0 and b = 0 every prediction is 0: one row of points at y(0), spread by target
    const zero = { ...race.racers[0], latest: { ...race.racers[0].latest!, w: [[0, 0, 0], [0, 0, 0]], b: [0, 0] } };
    const { container } = render(PredictionsChart, { race: { ...race, racers: [zero] } });
    const ys = new Set([...container.querySelectorAll('[data-mark="train"]')].map((m) => m.getAttribute('transform')!.split(',')[1]));
    expect(ys.size).toBe(1);
    const xs = new Set([...container.querySelectorAll('[data-mark="train"]')].map((m) => m.getAttribute('transform')!.split(',')[0]));
    // crops15 has 13 distinct apple yields and 12 distinct orange yields, 19 distinct values in all
    expect(xs.size).toBe(new Set(race.train.y).size);
  });

  it('shows the chosen racer\'s W and b with input and target names', async () => {
    const { getByLabelText, getByRole } = render(PredictionsChart, { race });
    await fireEvent.change(getByLabelText('Racer'), { target: { value: 'adam' } });
    const table = getByRole('table');
    const adam = race.racers[2].latest!;
    expect(table.querySelector('caption')!.textContent).toBe('Adam: W and b at epoch 20');
    expect([...table.querySelectorAll('th[scope="col"]')].map((th) => th.textContent)).toEqual(['target', 'w · temperature', 'w · rainfall', 'w · humidity', 'b']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual(
      ['apples', 'oranges'].map((name, o) => [name, ...adam.w[o].map((w) => formatNumber(w, 4)), formatNumber(adam.b[o], 4)]),
    );
  });

  it.each([
    // 600 points at most: 300 rows × 2 outputs, evenly spread
    { rows: 1_000, caption: 'Showing 300 of 1,000 training rows, evenly spread.' },
    // far more values than a spread into Math.min could take
    { rows: 200_000, caption: 'Showing 300 of 200,000 training rows, evenly spread.' },
  ])('draws an even spread of $rows rows, and says so', ({ rows, caption }) => {
    const inputs = Array.from({ length: rows }, (_, i) => [i % 7, i % 11, i % 13]);
    const targets = inputs.map(([a, b, c]) => [a + b, b - c]);
    const big = { ...race, train: datasetFromRows(inputs, targets, ['a', 'b', 'c'], ['y', 'z']), holdout: null };
    const { container } = render(PredictionsChart, { race: big });
    expect(container.querySelectorAll('[data-mark="train"]')).toHaveLength(600);
    expect(container.querySelector('figcaption')!.textContent!.trim()).toBe(caption);
  });

  it('shows the start weights every racer shares before any record', () => {
    const empty = { ...race, racers: race.racers.map((r) => ({ ...r, history: [], latest: null })) };
    const { container, getByRole } = render(PredictionsChart, { race: empty });
    expect(getByRole('img').getAttribute('aria-label')).toBe(
      `Predictions of the start weights (every racer) at epoch 0 against the targets for 15 training rows; training MSE ${formatNumber(race.start.loss)}.`,
    );
    expect(container.querySelectorAll('[data-mark="train"]')).toHaveLength(30);
    expect(getByRole('table').querySelector('caption')!.textContent).toBe('Start (every racer): W and b at epoch 0');
  });
});
