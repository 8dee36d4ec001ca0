// @vitest-environment jsdom
/**
 * The Sweep panel's rows and its charts take a new view in two stages, a task apart
 * (DRAW_STAGE): each stage computes the U-curve's geometry once. When the rows take the new
 * view, the charts keep drawing the old one without computing it again; when the charts take
 * it, they compute it once, from the sweeps the rows made of it.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inProcessTrainer } from '../../../src/race/in-process-trainer.ts';
import { RaceController } from '../../../src/race/race-controller.ts';
import { RaceSession } from '../../../src/ui/race-session.svelte.ts';
import SweepPanel from '../../../src/ui/sweep/SweepPanel.svelte';
import { uCurve } from '../../../src/ui/sweep/u-curve.ts';
import { sweepRuns } from '../../../src/ui/sweep/sweep-runs.ts';
import type { RaceView } from '../../../src/ui/view-model.ts';
import { DIVERGING_RACE, until } from '../../race/helpers.ts';
import { stubResizeObserver } from '../charts/fixture.ts';

vi.mock('../../../src/ui/sweep/u-curve.ts', async (original) => {
  const real = await original<typeof import('../../../src/ui/sweep/u-curve.ts')>();
  return { ...real, uCurve: vi.fn(real.uCurve) };
});
vi.mock('../../../src/ui/sweep/sweep-runs.ts', async (original) => {
  const real = await original<typeof import('../../../src/ui/sweep/sweep-runs.ts')>();
  return { ...real, sweepRuns: vi.fn(real.sweepRuns) };
});

beforeAll(stubResizeObserver);
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

describe('SweepPanel: rows and charts in two stages', () => {
  it('computes the sweeps and the U-curve once per view and stage', async () => {
    const session = new RaceSession(
      { ...DIVERGING_RACE, epochs: 10, sweeps: [{ racer: 'calm', lr: { from: 1e-6, to: 1e-4, points: 4, scale: 'log' } }] },
      new RaceController({ createTrainer: inProcessTrainer, workers: 1, timing: false }),
    );
    cleanup.push(() => session.dispose());
    const first: RaceView = session.drawnView('sweep');
    await session.step(3);
    await until(() => session.drawnView('sweepCharts') !== first, 5000, 'a redraw after three epochs');
    const next: RaceView = session.drawnView('sweepCharts');

    // The views as the page hands them over: whole objects, not proxied.
    let race = $state.raw(first);
    let charts = $state.raw(first);
    const props = {
      get race() {
        return race;
      },
      get charts() {
        return charts;
      },
      gap: 0.25,
      onload: () => null,
      oncancel: async () => null,
    };
    const target = document.body.appendChild(document.createElement('div'));
    const panel = mount(SweepPanel, { target, props });
    cleanup.push(() => unmount(panel), () => target.remove());
    flushSync();
    const curves = () => vi.mocked(uCurve).mock.calls.length;
    const walks = () => vi.mocked(sweepRuns).mock.calls.length;
    expect([curves(), walks()]).toEqual([1, 1]);

    // The rows' stage: the rows walk the new view's runs; the charts still draw the old view.
    race = next;
    flushSync();
    expect([curves(), walks()]).toEqual([1, 2]);
    // The charts' stage: the same view, its sweeps as the rows made them; one new U-curve.
    charts = next;
    flushSync();
    expect([curves(), walks()]).toEqual([2, 2]);
    // The curve drawn is the new view's: three epochs in.
    expect(vi.mocked(uCurve).mock.calls[1][0][0].runs.every((r) => r.epoch === 3)).toBe(true);
  });
});
