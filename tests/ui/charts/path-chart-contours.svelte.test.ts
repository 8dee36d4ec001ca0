// @vitest-environment jsdom
/**
 * The path chart computes its contours again only when its view changes. On the principal
 * slice the view is symmetric about the optimum: a domain that moves within its half-widths
 * (the seed lesson's racers at epochs 1 → 2, and 2 → 6) keeps the view and the contours;
 * one that outgrows them (epoch 7) draws them again. Ten levels, so ten contours a view.
 */
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contour } from '../../../src/core/analysis/loss-surface.ts';
import { defaultRace } from '../../../src/default-race.ts';
import PathChart from '../../../src/ui/charts/PathChart.svelte';
import type { RaceView } from '../../../src/ui/view-model.ts';
import { makeRace, stubResizeObserver } from './fixture.ts';

vi.mock('../../../src/core/analysis/loss-surface.ts', async (original) => {
  const real = await original<typeof import('../../../src/core/analysis/loss-surface.ts')>();
  return { ...real, contour: vi.fn(real.contour) };
});

beforeAll(stubResizeObserver);
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

/** The race as a redraw at `epoch` shows it: every racer's history up to there. */
function atEpoch(race: RaceView, epoch: number): RaceView {
  return { ...race, racers: race.racers.map((r) => ({ ...r, history: r.history.slice(0, epoch + 1), latest: r.history[Math.min(epoch, r.history.length - 1)] })) };
}

describe('PathChart: contours', () => {
  it('keeps its contours while the domain moves within the view, and draws them again when the view grows', () => {
    const race = makeRace({ epochs: 7, racers: defaultRace.racers });
    // Props as the page passes them: reactive, so a new race updates the chart in place.
    const props = $state({ race: atEpoch(race, 1) });
    const target = document.body.appendChild(document.createElement('div'));
    const chart = mount(PathChart, { target, props });
    cleanup.push(() => unmount(chart), () => target.remove());
    flushSync();
    const computed = () => vi.mocked(contour).mock.calls.length;
    const adam = () => target.querySelector('path[data-racer="adam"]')?.getAttribute('d');
    expect(computed()).toBe(10);

    for (const epoch of [2, 6]) {
      const before = adam();
      props.race = atEpoch(race, epoch);
      flushSync();
      expect(adam()).not.toBe(before); // the racers moved on
      expect(computed()).toBe(10);
    }
    props.race = atEpoch(race, 7);
    flushSync();
    expect(computed()).toBe(20);
  });
});
