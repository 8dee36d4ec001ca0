// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import PathChart from '../../../src/ui/charts/PathChart.svelte';
import { defaultRace } from '../../../src/default-race.ts';
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

  it('defaults to the sharpest and second-sharpest directions on symmetric log axes, and says so', () => {
    const { container, getByRole } = render(PathChart, { race });
    const labels = [...container.querySelectorAll('.axis .chart-label')].map((t) => t.textContent);
    expect(labels).toEqual(['sharpest direction (apples), symlog', '2nd sharpest direction (apples), symlog']);
    const caption = container.querySelector('figcaption')!.textContent!;
    // The raw crop data's Hessian eigenvalues (per 2/(n·m)): 8964, 319, 49.3 and 0.0041, so
    // the second direction is 8964/319 = 28.1× flatter and the flattest 2.2e6×.
    expect(caption).toContain('up: along the 2nd sharpest, 28.1× flatter (the flattest is 2.2e+6× flatter)');
    expect(caption).toContain('Both axes are on a symmetric log scale');
    expect(getByRole('img').getAttribute('aria-label')).toContain('Both axes are on a symmetric log scale');
  });

  it('offers every flatter direction up, named by how much flatter it is', async () => {
    const { container, getByLabelText } = render(PathChart, { race });
    const up = getByLabelText('Up') as HTMLSelectElement;
    expect([...up.options].map((o) => o.textContent)).toEqual(['2nd sharpest (28.1× flatter)', '3rd sharpest (181.9× flatter)', 'flattest (2.2e+6× flatter)']);
    await fireEvent.change(up, { target: { value: '3' } });
    expect(container.querySelectorAll('.axis .chart-label')[1].textContent).toBe('flattest direction (apples), symlog');
    expect(container.querySelector('figcaption')!.textContent).toContain('up: along the flattest, 2.2e+6× flatter.');
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
    const labels = () => [...container.querySelectorAll('.axis .chart-label')].map((t) => t.textContent);
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
    expect([...container.querySelectorAll('.axis .chart-label')].map((t) => t.textContent)).toEqual(['sharpest direction (oranges), symlog', '2nd sharpest direction (oranges), symlog']);
    expect((queryByLabelText('Output') as HTMLSelectElement).value).toBe('1');
  });

  describe('on the seed lesson (raw crop data, condition number 2.2 million)', () => {
    // The seed lesson's six racers, 300 epochs.
    const seed = makeRace({ epochs: 300, racers: defaultRace.racers });
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

    it('draws GD as a bent path, not a straight line, at the chart\'s resolution', () => {
      const { container } = render(PathChart, { race: seed });
      const gd = points(container.querySelector('path[data-racer="gd"]')!.getAttribute('d')!);
      // Full-batch GD at lr 1e-5 shrinks its distance from the optimum along each principal
      // direction by (1 − 2·lr·λ) an epoch: by 0.82 along the sharpest (λ = 8964) and by
      // 0.9936 along the second (λ = 319). By epoch 20 the first has fallen to 0.82²⁰ = 2% of
      // its start and the second kept 0.9936²⁰ = 88%; at epoch 300 the second is at 15%. So
      // the path drops to the valley floor and turns a corner to crawl along it: the corner
      // stands far off the chord from the first drawn point to the last (88 px at the
      // chart's default width), while a straight path, as against the flattest direction,
      // which GD leaves unchanged to 5 digits, keeps every point within a pixel of it.
      expect(maxOffChord(gd)).toBeGreaterThan(2);
    });

    it('draws momentum overshooting the valley floor and coming back', () => {
      const { container } = render(PathChart, { race: seed });
      // Momentum (β = 0.9) carries past the floor along the sharpest direction: x turns at
      // least twice, by whole pixels.
      const m = points(container.querySelector('path[data-racer="momentum"]')!.getAttribute('d')!).map((p) => Math.round(p[0]));
      const moves = m.slice(1).map((x, i) => Math.sign(x - m[i])).filter((d) => d !== 0);
      const turns = moves.slice(1).filter((d, i) => d !== moves[i]).length;
      expect(turns).toBeGreaterThanOrEqual(2);
    });

    it('against the flattest direction, draws GD as a straight line (why that is not the default)', async () => {
      const { container, getByLabelText } = render(PathChart, { race: seed });
      await fireEvent.change(getByLabelText('Up'), { target: { value: '3' } });
      // (1 − 2·1e-5·0.0041)³⁰⁰ = 0.99998: GD does not move along the flattest direction.
      const gd = points(container.querySelector('path[data-racer="gd"]')!.getAttribute('d')!);
      expect(maxOffChord(gd)).toBeLessThan(1);
    });
  });
});

/** The largest distance, px, of a drawn point from the chord joining the first and last. */
function maxOffChord(p: [number, number][]): number {
  const [[ax, ay], [bx, by]] = [p[0], p[p.length - 1]];
  const length = Math.hypot(bx - ax, by - ay);
  return Math.max(...p.map(([x, y]) => Math.abs((bx - ax) * (ay - y) - (ax - x) * (by - ay)) / length));
}

describe('PathChart: dragging the start', () => {
  it('moves the start with the arrow keys and hands out the new initial weights, projecting where it was moved', async () => {
    const moves: { w: number[][]; b: number[] }[] = [];
    const { container } = render(PathChart, { race, onstart: (init: { w: number[][]; b: number[] }) => moves.push(init) });
    const handle = container.querySelector('.start-handle') as SVGGElement;
    expect(handle.getAttribute('aria-label')).toMatch(/^Start point: drag it/);
    const [sx, sy] = at(handle.querySelector('[data-mark="start"]')!);
    await fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(moves).toHaveLength(1);
    // The new weights differ from the start; redrawn with them as the start, the mark sits 10 px right.
    expect(moves[0]).not.toEqual({ w: race.start.w, b: race.start.b });
    const moved = { ...race, start: { ...race.start, w: moves[0].w, b: moves[0].b } };
    const again = render(PathChart, { race: moved, onstart: () => {} }).container;
    const [nx, ny] = at(again.querySelector('.start-handle [data-mark="start"]')!);
    expect(nx - sx).toBeCloseTo(10, 0);
    expect(ny - sy).toBeCloseTo(0, 0);
  });

  it('is a plain mark when the chart cannot restart the race', () => {
    const { container } = render(PathChart, { race });
    expect(container.querySelector('.start-handle')).toBeNull();
    expect(container.querySelectorAll('[data-mark="start"]')).toHaveLength(1);
  });
});
