// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import ChartFrame from '../../../src/ui/charts/ChartFrame.svelte';
import CostPanel from '../../../src/ui/charts/CostPanel.svelte';
import { formatNumber } from '../../../src/ui/charts/format-number.ts';
import LossPanel from '../../../src/ui/charts/LossPanel.svelte';
import PathPanel from '../../../src/ui/charts/PathPanel.svelte';
import PredictionsPanel from '../../../src/ui/charts/PredictionsPanel.svelte';
import { makeRace, stubResizeObserver } from './fixture.ts';

beforeAll(stubResizeObserver);

const race = makeRace(); // GD, SGD, Adam, Boom; 20 epochs

const chart = createRawSnippet(() => ({
  render: () => '<svg data-chart role="img" aria-label="A test chart" width="200" height="100"><line x1="0" x2="10" /></svg>',
}));
const table = () => ({ caption: 'The numbers', columns: ['epoch', 'GD'], rows: [['0', '9'], ['1', '5']] });

describe('ChartFrame', () => {
  afterEach(() => vi.restoreAllMocks());

  it('has a heading at the level asked, and labels its section with it', () => {
    const { getByRole } = render(ChartFrame, { title: 'Loss', level: 3, table, children: chart });
    expect(getByRole('heading', { level: 3, name: 'Loss' })).toBeTruthy();
    expect(getByRole('region', { name: 'Loss' })).toBeTruthy();
  });

  it('shows the numbers as an accessible table on demand', async () => {
    const { getByRole, queryByRole } = render(ChartFrame, { title: 'Loss', table, children: chart });
    expect(queryByRole('table')).toBeNull();
    const toggle = getByRole('button', { name: 'Table' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const shown = getByRole('table', { name: 'The numbers' });
    expect([...shown.querySelectorAll('th[scope="col"]')].map((th) => th.textContent)).toEqual(['epoch', 'GD']);
    expect([...shown.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent)).toEqual(['0', '1']);
    await fireEvent.click(toggle);
    expect(queryByRole('table')).toBeNull();
  });

  it('downloads the chart as a standalone SVG file', async () => {
    const saved: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (saved.push(blob), 'blob:chart'));
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('optirace-loss.svg');
    });
    const { getByRole } = render(ChartFrame, { title: 'Loss', table, children: chart });
    await fireEvent.click(getByRole('button', { name: 'Download Loss as SVG' }));
    expect(click).toHaveBeenCalledOnce();
    expect(saved[0].type).toBe('image/svg+xml');
    const text = await saved[0].text();
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(text).toContain('<title>A test chart</title>');
  });

  it('says so when a PNG cannot be made, instead of failing silently', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:chart');
    URL.revokeObjectURL = vi.fn();
    // jsdom has no image decoding at all; a browser may fail too (a tainted or broken image)
    Object.defineProperty(HTMLImageElement.prototype, 'decode', { configurable: true, value: () => Promise.reject(new Error('no image decoding here')) });
    try {
      const { getByRole, findByRole } = render(ChartFrame, { title: 'Loss', table, children: chart });
      await fireEvent.click(getByRole('button', { name: 'Download Loss as PNG' }));
      expect((await findByRole('alert')).textContent).toBe('Could not make a PNG: no image decoding here');
    } finally {
      delete (HTMLImageElement.prototype as { decode?: unknown }).decode;
    }
  });
});

describe('panels: each chart framed, standing alone', () => {
  it('loss: the table is epoch × racer losses', async () => {
    const { getByRole } = render(LossPanel, { race });
    expect(getByRole('heading', { name: 'Loss' })).toBeTruthy();
    await fireEvent.click(getByRole('button', { name: 'Table' }));
    const t = getByRole('table');
    expect([...t.querySelectorAll('th[scope="col"]')].map((th) => th.textContent)).toEqual(['epoch', 'GD', 'SGD', 'Adam', 'Boom']);
    const rows = [...t.querySelectorAll('tbody tr')];
    // epochs 0…20
    expect(rows).toHaveLength(21);
    const epoch5 = [...rows[5].children].map((c) => c.textContent);
    // Boom stopped at epoch 4: blank
    expect(epoch5).toEqual(['5', ...race.racers.slice(0, 3).map((r) => formatNumber(r.history[5].loss, 6)), '']);
  });

  it('path: the table follows the slice', async () => {
    const { getByRole, getByLabelText } = render(PathPanel, { race });
    await fireEvent.click(getByRole('button', { name: 'Table' }));
    expect([...getByRole('table').querySelectorAll('th[scope="col"]')].map((th) => th.textContent)).toEqual([
      'racer',
      'epoch',
      'sharpest direction (apples)',
      '2nd sharpest direction (apples)',
      'loss',
    ]);
    await fireEvent.change(getByLabelText('Up'), { target: { value: '3' } });
    expect(getByRole('table').querySelectorAll('th[scope="col"]')[3].textContent).toBe('flattest direction (apples)');
    await fireEvent.change(getByLabelText('Slice'), { target: { value: 'params' } });
    const t = getByRole('table');
    expect([...t.querySelectorAll('th[scope="col"]')].map((th) => th.textContent)).toEqual(['racer', 'epoch', 'w apples ← temperature', 'b (apples)', 'loss']);
    const optimum = [...t.querySelectorAll('tbody tr')][0];
    expect([...optimum.children].map((c) => c.textContent)).toEqual(['optimum', '—', formatNumber(race.optimum.w[0][0], 6), formatNumber(race.optimum.b[0], 6), formatNumber(race.optimum.loss, 6)]);
  });

  it('cost: the table has a row per racer', async () => {
    const { getByRole } = render(CostPanel, { race });
    await fireEvent.click(getByRole('button', { name: 'Table' }));
    const rows = [...getByRole('table').querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    // fixture: 0.02 ms + 0.01 ms per step, every epoch: 0.17 ms for SGD's 15 steps; one window of
    // 12 epochs (2.04 ms) so far, so median and quartiles are 0.17; 0.17 / 15 per step; 20 × 0.17 in all
    expect(rows[1]).toEqual(['SGD', '15', '0.17', '0.17–0.17', '0.01133', '3.4']);
  });

  it('predictions: the table follows the chosen racer', async () => {
    const { getByRole, getByLabelText, getAllByRole } = render(PredictionsPanel, { race });
    await fireEvent.change(getByLabelText('Racer'), { target: { value: 'sgd' } });
    await fireEvent.click(getByRole('button', { name: 'Table' }));
    const data = getAllByRole('table').find((t) => t.querySelector('caption')!.textContent!.startsWith('Predictions'))!;
    expect(data.querySelector('caption')!.textContent).toBe('Predictions of SGD at epoch 20 against the targets');
    // 15 rows × 2 targets
    expect(data.querySelectorAll('tbody tr')).toHaveLength(30);
  });
});
