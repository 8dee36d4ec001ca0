// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import CostChart from '../../../src/ui/charts/CostChart.svelte';
import { makeRace, RACERS, stubResizeObserver } from './fixture.ts';

beforeAll(stubResizeObserver);

// The fixture's epochs cost 0.02 ms + 0.01 ms per step: GD and Boom 0.03 ms (1 step),
// SGD 0.17 ms (15 steps), Adam 0.06 ms (4 steps of 4 rows).
const race = makeRace();
const widths = (container: HTMLElement, group: string) =>
  Object.fromEntries([...container.querySelectorAll(`[data-group="${group}"] rect[data-racer]`)].map((r) => [r.getAttribute('data-racer'), Number(r.getAttribute('width'))]));

describe('CostChart', () => {
  it('draws a milliseconds bar and a steps bar per racer', () => {
    const { container } = render(CostChart, { race });
    expect(Object.keys(widths(container, 'ms'))).toEqual(['gd', 'sgd', 'adam', 'boom']);
    expect(Object.keys(widths(container, 'steps'))).toEqual(['gd', 'sgd', 'adam', 'boom']);
  });

  it('sizes bars in proportion: milliseconds per epoch', () => {
    const ms = widths(render(CostChart, { race }).container, 'ms');
    // SGD is the longest; GD 0.03 / 0.17 of it, Adam 0.06 / 0.17
    expect(ms.gd / ms.sgd).toBeCloseTo(0.03 / 0.17, 9);
    expect(ms.adam / ms.sgd).toBeCloseTo(0.06 / 0.17, 9);
    expect(ms.boom).toBeCloseTo(ms.gd, 9);
  });

  it('sizes bars in proportion: steps per epoch', () => {
    const steps = widths(render(CostChart, { race }).container, 'steps');
    // 1, 15, 4 and 1 steps
    expect(steps.gd / steps.sgd).toBeCloseTo(1 / 15, 9);
    expect(steps.adam / steps.sgd).toBeCloseTo(4 / 15, 9);
  });

  it('makes the seed\'s point in its caption, with this race\'s numbers', () => {
    const { container } = render(CostChart, { race });
    // per step: SGD 0.17 / 15 = 0.0113 ms, GD 0.03 ms; per epoch 0.17 / 0.03 = 5.67×
    expect(container.querySelector('figcaption')!.textContent).toBe(
      "SGD takes 15 steps per epoch to GD's 1. Each of its steps is cheaper (0.0113 ms against 0.03 ms), yet an epoch of SGD costs 5.67× the wall time of an epoch of GD: more progress per epoch is paid for in steps and time.",
    );
  });

  it('labels each bar with its value', () => {
    const { container } = render(CostChart, { race });
    const values = [...container.querySelectorAll('[data-group="steps"] .chart-value')].map((t) => t.textContent);
    expect(values).toEqual(['1', '15', '4', '1']);
    expect(container.querySelector('[data-group="ms"] .chart-value')!.textContent).toBe('0.03 ms');
  });
});

describe('CostChart with many racers', () => {
  // Twelve racers: the fixture's four three times over.
  const many = makeRace({ epochs: 5, racers: [0, 1, 2].flatMap((k) => RACERS.map((r) => ({ ...r, id: `${r.id}${k}`, label: `${r.label} ${k}` }))) });

  it('draws the first eight racers, scaled against all twelve, and the rest on request', async () => {
    const { container, getByRole } = render(CostChart, { race: many });
    expect(Object.keys(widths(container, 'steps'))).toHaveLength(8);
    const before = widths(container, 'steps').gd0;
    await fireEvent.click(getByRole('button', { name: "Show all 12 racers' costs" }));
    expect(Object.keys(widths(container, 'steps'))).toHaveLength(12);
    // The bars keep their scale: it was made from every racer, not the ones drawn.
    expect(widths(container, 'steps').gd0).toBe(before);
    await fireEvent.click(getByRole('button', { name: 'Show the first 8 only' }));
    expect(Object.keys(widths(container, 'steps'))).toHaveLength(8);
  });
});
