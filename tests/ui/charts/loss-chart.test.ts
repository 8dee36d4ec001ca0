// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../../src/ui/charts/format-number.ts';
import LossChart from '../../../src/ui/charts/LossChart.svelte';
import type { RaceView } from '../../../src/ui/view-model.ts';
import { makeRace, stubResizeObserver } from './fixture.ts';

beforeAll(stubResizeObserver);

const race = makeRace(); // GD, SGD, Adam, Boom (diverges at epoch 4); 20 epochs
const tooltipRows = (container: HTMLElement) =>
  [...container.querySelectorAll('.tooltip tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()));

describe('LossChart', () => {
  it('marks where a racer\'s hyperparameters changed, on its line, with what changed', () => {
    const changed: RaceView = { ...race, racers: race.racers.map((r) => (r.id === 'sgd' ? { ...r, changes: [{ epoch: 5, lr: 0.002 }, { epoch: 12, lr: 0.001, momentum: 0.5 }, { epoch: 99, lr: 1 }] } : r)) };
    const { container } = render(LossChart, { race: changed });
    const marks = [...container.querySelectorAll('[data-change="sgd"]')];
    // epoch 99 is not reached yet: no marker
    expect(marks.map((m) => m.querySelector('title')?.textContent)).toEqual(['SGD: lr → 0.002 from epoch 5', 'SGD: lr → 0.001, momentum → 0.5 from epoch 12']);
    expect(container.querySelectorAll('[data-change]')).toHaveLength(2);
  });

  it('draws one training line per racer, in its colour', () => {
    const { container } = render(LossChart, { race });
    const lines = [...container.querySelectorAll('path[data-series="train"]')];
    expect(lines.map((l) => l.getAttribute('data-racer'))).toEqual(['gd', 'sgd', 'adam', 'boom']);
    expect((lines[0] as SVGElement).style.stroke).toBe('rgb(0, 114, 178)'); // #0072B2
    expect(container.querySelectorAll('path[data-series="holdout"]')).toHaveLength(0);
  });

  it('summarizes itself for screen readers: the leader and the optimum', () => {
    const { getByRole } = render(LossChart, { race });
    const leader = [...race.racers].sort((a, b) => a.latest!.loss! - b.latest!.loss!)[0];
    expect(getByRole('img').getAttribute('aria-label')).toBe(
      `Loss per epoch for 4 racers; ${leader.label} leads at ${formatNumber(leader.latest!.loss)}; the optimum is ${formatNumber(race.optimum.loss)}.`,
    );
  });

  it('draws the closed-form optimum as a labelled finish line, the label over the racers\' lines', () => {
    const { container } = render(LossChart, { race });
    const line = container.querySelector('[data-finish-line]')!;
    expect(line.getAttribute('y1')).toBe(line.getAttribute('y2'));
    const label = container.querySelector('[data-finish-label]')!;
    expect(label.textContent).toContain(`finish: optimum ${formatNumber(race.optimum.loss)}`);
    // Later in the document is on top: every line under the label, the dotted finish under every line.
    const lines = [...container.querySelectorAll('path[data-series]')];
    expect(lines.length).toBeGreaterThan(0);
    for (const path of lines) {
      expect(path.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(line.compareDocumentPosition(path) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  it('ends a diverged racer\'s line with a cross, the others with a dot', () => {
    const { container } = render(LossChart, { race });
    expect(container.querySelectorAll('[data-mark="diverged"]')).toHaveLength(1);
    expect(container.querySelectorAll('[data-mark="latest"]')).toHaveLength(3);
  });

  it('draws hold-out losses dashed beside the training losses', () => {
    const { container } = render(LossChart, { race: makeRace({ holdout: 0.2 }) });
    const dashed = [...container.querySelectorAll('path[data-series="holdout"]')];
    expect(dashed).toHaveLength(4);
    expect(dashed.every((p) => p.classList.contains('dashed'))).toBe(true);
  });

  it('leaves a gap where a loss is null', () => {
    const gd = race.racers[0];
    const gappy: RaceView = { ...race, racers: [{ ...gd, history: gd.history.map((h) => (h.epoch === 10 ? { ...h, loss: null } : h)) }] };
    const { container } = render(LossChart, { race: gappy });
    const d = container.querySelector('path[data-racer="gd"][data-series="train"]')!.getAttribute('d')!;
    // two runs: epochs 0–9 and 11–20
    expect(d.match(/M/g)).toHaveLength(2);
  });

  describe('crosshair, by keyboard', () => {
    it('starts at the first epoch and reads out every racer\'s exact value', async () => {
      const { getByRole, container } = render(LossChart, { race });
      const slider = getByRole('slider', { name: 'Crosshair along epochs' });
      expect(container.querySelector('.tooltip')).toBeNull();
      await fireEvent.keyDown(slider, { key: 'ArrowRight' });
      expect(container.querySelector('.tooltip .title')!.textContent).toBe('epoch 0');
      const initial = formatNumber(race.racers[0].history[0].loss, 6);
      expect(tooltipRows(container)).toEqual(race.racers.map((r) => [r.label, initial]));
      expect(slider.getAttribute('aria-valuenow')).toBe('0');
      expect(slider.getAttribute('aria-valuetext')).toBe(`epoch 0: ${race.racers.map((r) => `${r.label} ${initial}`).join(', ')}`);
    });

    it('steps epoch by epoch, and a stopped racer shows its last value', async () => {
      const { getByRole, container } = render(LossChart, { race });
      const slider = getByRole('slider');
      await fireEvent.keyDown(slider, { key: 'ArrowRight' });
      await fireEvent.keyDown(slider, { key: 'ArrowRight' });
      expect(container.querySelector('.tooltip .title')!.textContent).toBe('epoch 1');
      expect(tooltipRows(container)[1]).toEqual(['SGD', formatNumber(race.racers[1].history[1].loss, 6)]);
      await fireEvent.keyDown(slider, { key: 'End' });
      expect(container.querySelector('.tooltip .title')!.textContent).toBe('epoch 20');
      const boom = race.racers[3];
      // Boom diverged at epoch 4 and recorded nothing after
      expect(tooltipRows(container)[3]).toEqual(['Boom', formatNumber(boom.latest!.loss, 6), 'diverged']);
      await fireEvent.keyDown(slider, { key: 'Escape' });
      expect(container.querySelector('.tooltip')).toBeNull();
    });

    it('follows the x axis: on steps, each racer at its own epoch', async () => {
      const { getByRole, getByLabelText, container } = render(LossChart, { race });
      await fireEvent.change(getByLabelText('X axis'), { target: { value: 'steps' } });
      const slider = getByRole('slider', { name: 'Crosshair along optimizer steps' });
      await fireEvent.keyDown(slider, { key: 'End' });
      // SGD: 15 rows, one step each, for 20 epochs = 300 steps, the furthest any racer went
      expect(container.querySelector('.tooltip .title')!.textContent).toBe('step 300');
      expect(tooltipRows(container)[0]).toEqual(['GD', formatNumber(race.racers[0].latest!.loss, 6), 'epoch 20']);
      expect(container.querySelector('.axis .chart-label')?.textContent).toBe('Optimizer steps');
    });
  });

  it('switches the y scale', async () => {
    const { getByLabelText, container } = render(LossChart, { race, yScale: 'linear' });
    const labels = () => [...container.querySelectorAll('.axis .chart-label')].map((t) => t.textContent);
    expect(labels()).toContain('MSE loss');
    await fireEvent.change(getByLabelText('Y scale'), { target: { value: 'log' } });
    expect(labels()).toContain('MSE loss (log scale)');
  });

  it('hides its controls when a parent renders its own', () => {
    const { queryByLabelText } = render(LossChart, { race, controls: false });
    expect(queryByLabelText('X axis')).toBeNull();
  });

  describe('sized by its container', () => {
    // jsdom defines clientWidth (always 0) on Element; a 360 px container shadows it on HTMLElement.
    afterEach(() => {
      delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
    });

    it('is 640 wide while the width is unknown (jsdom measures 0)', () => {
      const { getByRole } = render(LossChart, { race });
      expect(getByRole('img').getAttribute('width')).toBe('640');
    });

    it('fits a 360 px phone, wrapping its legend', async () => {
      // A ResizeObserver that reports a 360 px wide container as soon as it observes.
      const saved = globalThis.ResizeObserver;
      globalThis.ResizeObserver = class {
        constructor(private readonly report: ResizeObserverCallback) {}
        observe(target: Element) {
          this.report([{ target, contentRect: { width: 360 } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
        }
        unobserve() {}
        disconnect() {}
      };
      const { getByRole, container } = render(LossChart, { race: makeRace({ holdout: 0.2 }) });
      globalThis.ResizeObserver = saved;
      await tick();
      expect(getByRole('img').getAttribute('width')).toBe('360');
      const rows = new Set([...container.querySelectorAll('.legend > g')].map((g) => g.getAttribute('transform')!.split(',')[1]));
      expect(rows.size).toBeGreaterThan(1);
    });
  });
});
