// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import PathChart from '../../../src/ui/charts/PathChart.svelte';
import { makeRace, stubResizeObserver } from './fixture.ts';

beforeAll(stubResizeObserver);

const race = makeRace(); // GD, SGD, Adam, Boom (diverges at epoch 4) on the raw crop data

/** The translate(x,y) of a mark. */
const at = (el: Element) => el.getAttribute('transform')!.match(/translate\(([^,]+),([^)]+)\)/)!.slice(1).map(Number);

describe('PathChart', () => {
  it('draws one path per racer over the contours, the optimum and each racer\'s position', () => {
    const { container } = render(PathChart, { race });
    // the diverged racer's path first, underneath the others
    expect([...container.querySelectorAll('path[data-racer]')].map((p) => p.getAttribute('data-racer'))).toEqual(['boom', 'gd', 'sgd', 'adam']);
    expect(container.querySelectorAll('path.contour')).toHaveLength(10);
    expect(container.querySelectorAll('[data-mark="optimum"]')).toHaveLength(1);
    expect(container.querySelectorAll('[data-mark="current"]')).toHaveLength(3);
    expect(container.querySelectorAll('[data-mark="diverged"]')).toHaveLength(1);
  });

  it('marks the start every racer shares, at its first point, and keeps the view it will need before the race', () => {
    const { container } = render(PathChart, { race });
    const start = container.querySelector('[data-mark="start"]')!;
    // GD's path starts where the start mark is: "M<x>,<y>…"
    const [sx, sy] = at(start);
    const [gx, gy] = container.querySelector('path[data-racer="gd"]')!.getAttribute('d')!.slice(1).split(/[L,]/).map(Number);
    expect(gx).toBeCloseTo(sx, 0);
    expect(gy).toBeCloseTo(sy, 0);

    // Before any record: no paths yet, but the start and the optimum, both inside the plot.
    const empty = { ...race, racers: race.racers.map((r) => ({ ...r, history: [], latest: null, status: 'ready' as const, divergedAt: undefined })) };
    const before = render(PathChart, { race: empty }).container;
    expect(before.querySelectorAll('path[data-racer]')).toHaveLength(0);
    expect(before.querySelectorAll('[data-mark="current"]')).toHaveLength(0);
    for (const kind of ['start', 'optimum']) {
      const [x, y] = at(before.querySelector(`[data-mark="${kind}"]`)!);
      expect(x).toBeGreaterThan(0);
      expect(y).toBeGreaterThan(0);
    }
  });

  it('spaces the contour levels geometrically on a two-parameter slice', async () => {
    const { container, getByLabelText } = render(PathChart, { race });
    await fireEvent.change(getByLabelText('Slice'), { target: { value: 'params' } });
    const levels = [...container.querySelectorAll('path.contour')].map((p) => Number(p.getAttribute('data-level')));
    const ratios = levels.slice(1).map((l, i) => l / levels[i]);
    ratios.forEach((r) => expect(r).toBeCloseTo(ratios[0], 9));
    expect(levels[0]).toBeGreaterThan(race.optimum.loss);
  });

  it('defaults to the principal directions on symmetric log axes, and says so', () => {
    const { container, getByRole } = render(PathChart, { race });
    const labels = [...container.querySelectorAll('.axis .label')].map((t) => t.textContent);
    expect(labels).toEqual(['sharpest direction (apples), symlog', 'flattest direction (apples), symlog']);
    const caption = container.querySelector('figcaption')!.textContent!;
    // the raw crop data: condition number 2.2e6
    expect(caption).toContain('2.2e+6× more curved along the first');
    expect(caption).toContain('Both axes are on a symmetric log scale');
    expect(getByRole('img').getAttribute('aria-label')).toContain('Both axes are on a symmetric log scale');
  });

  it('puts the optimum at the principal slice\'s origin, inside the plot', () => {
    const { container, getByRole } = render(PathChart, { race });
    const [x, y] = at(container.querySelector('[data-mark="optimum"]')!);
    const svg = getByRole('img');
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(Number(svg.getAttribute('width')));
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(Number(svg.getAttribute('height')));
  });

  it('switches to two parameters, the others held at the optimum', async () => {
    const { container, getByLabelText } = render(PathChart, { race });
    await fireEvent.change(getByLabelText('Slice'), { target: { value: 'params' } });
    const labels = () => [...container.querySelectorAll('.axis .label')].map((t) => t.textContent);
    expect(labels()).toEqual(['w apples ← temperature', 'b (apples)']);
    // the parameter across cannot also be the one up
    const up = getByLabelText('Up') as HTMLSelectElement;
    expect([...up.options].filter((o) => o.disabled).map((o) => o.value)).toEqual(['0:0']);
    await fireEvent.change(up, { target: { value: '1:2' } });
    expect(labels()).toEqual(['w apples ← temperature', 'w oranges ← humidity']);
    expect(container.querySelector('figcaption')!.textContent).toContain('Every other parameter is held at the optimum');
  });

  it('takes its slice from a bound choice', () => {
    const { container, queryByLabelText } = render(PathChart, {
      race,
      choice: { kind: 'principal', output: 1 },
    });
    expect(container.querySelector('.axis .label')!.textContent).toBe('sharpest direction (oranges), symlog');
    expect((queryByLabelText('Output') as HTMLSelectElement).value).toBe('1');
  });

  describe('on the seed lesson (raw crop data, condition number 2.2 million)', () => {
    const seed = makeRace({ epochs: 300 });
    /** The points of an SVG path "M x,y L x,y …" (d3's line: M then L commands). */
    const points = (d: string) => d.slice(1).split('L').map((p) => p.split(',').map(Number) as [number, number]);

    it('draws at least three closed contour ellipses inside the plot', () => {
      const { container } = render(PathChart, { race: seed });
      const rect = container.querySelector('clipPath rect')!;
      const [w, h] = [Number(rect.getAttribute('width')), Number(rect.getAttribute('height'))];
      const closedInside = [...container.querySelectorAll('path.contour')].filter((c) => {
        const p = points(c.getAttribute('d')!);
        const [first, last] = [p[0], p[p.length - 1]];
        const closed = Math.hypot(first[0] - last[0], first[1] - last[1]) < 0.5;
        const inside = p.every(([x, y]) => x > 0 && x < w && y > 0 && y < h);
        // An ellipse, not a sliver: at least 4 px across each way.
        const xs = p.map((q) => q[0]);
        const ys = p.map((q) => q[1]);
        const round = Math.max(...xs) - Math.min(...xs) > 4 && Math.max(...ys) - Math.min(...ys) > 4;
        return closed && inside && round;
      });
      expect(closedInside.length).toBeGreaterThanOrEqual(3);
    });

    it("draws GD's crawl across the view and momentum's zig-zag at the chart's resolution", () => {
      const seedMomentum = makeRace({
        epochs: 300,
        racers: [
          { id: 'gd', label: 'GD', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' },
          { id: 'momentum', label: 'Momentum', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, batchSize: 'full' },
        ],
      });
      const { container } = render(PathChart, { race: seedMomentum });
      const rect = container.querySelector('clipPath rect')!;
      const w = Number(rect.getAttribute('width'));
      // GD: from the start to near the optimum along the sharpest direction: more than half the plot wide.
      const gd = points(container.querySelector('path[data-racer="gd"]')!.getAttribute('d')!);
      const gdXs = gd.map((p) => p[0]);
      expect(Math.max(...gdXs) - Math.min(...gdXs)).toBeGreaterThan(w / 3);
      // Momentum overshoots the valley floor and comes back: its x turns at least twice, by whole pixels.
      const m = points(container.querySelector('path[data-racer="momentum"]')!.getAttribute('d')!).map((p) => Math.round(p[0]));
      const moves = m.slice(1).map((x, i) => Math.sign(x - m[i])).filter((d) => d !== 0);
      const turns = moves.slice(1).filter((d, i) => d !== moves[i]).length;
      expect(turns).toBeGreaterThanOrEqual(2);
    });
  });
});
