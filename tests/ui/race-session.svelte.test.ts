// @vitest-environment jsdom
/**
 * The page's session draws a redraw in stages (`DRAW_STAGE`): the loss chart's view first,
 * the path chart's in a later task, the small panels' after that, so no one task redraws
 * every chart. A loaded race reaches every panel at once.
 */
import { flushSync, untrack } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { inProcessTrainer } from '../../src/race/in-process-trainer.ts';
import { RaceController } from '../../src/race/race-controller.ts';
import { DRAW_STAGE, type ChartPanelName } from '../../src/ui/draw-stages.ts';
import { RaceSession } from '../../src/ui/race-session.svelte.ts';
import { DIVERGING_RACE, MIXED_RACE, until } from '../race/helpers.ts';

const PANELS = Object.keys(DRAW_STAGE) as ChartPanelName[];

const sessions: RaceSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
  vi.unstubAllGlobals();
});

function session(spec: RaceConfigSpec): RaceSession {
  const s = new RaceSession(spec, new RaceController({ createTrainer: inProcessTrainer, workers: 2, timing: false }));
  sessions.push(s);
  return s;
}

const everyPanelDraws = (s: RaceSession) => PANELS.every((p) => s.drawnView(p) === s.view);
const epochOf = (s: RaceSession, panel: ChartPanelName) => Math.max(-1, ...s.drawnView(panel).racers.map((r) => r.latest?.epoch ?? -1));

describe('RaceSession: the charts redraw in stages', () => {
  it('shows a loaded race on every panel at once, before any record', () => {
    const s = session(MIXED_RACE);
    expect(everyPanelDraws(s)).toBe(true);
    s.load(DIVERGING_RACE);
    expect(everyPanelDraws(s)).toBe(true);
    expect(s.drawnView('path').racers.map((r) => r.id)).toEqual(['hot', 'calm']);
  });

  it('draws a reset in stages from the next task, on the race prepared at the load when nothing changed since', async () => {
    const s = session(MIXED_RACE);
    await s.step(2);
    await until(() => everyPanelDraws(s) && epochOf(s, 'loss') === 2, 5000, 'every panel at epoch 2');
    const prepared = s.prepared;
    s.reset();
    // Not validated and prepared again; the panels still show epoch 2 until the redraw.
    expect(s.prepared).toBe(prepared);
    expect(PANELS.every((p) => epochOf(s, p) === 2)).toBe(true);
    await until(() => everyPanelDraws(s), 5000, 'the reset race on every panel');
    expect(PANELS.every((p) => epochOf(s, p) <= 0)).toBe(true);
    // A live change makes the spec a new one: the next reset prepares the race again, with it.
    await s.step(1);
    await until(() => s.started, 5000, 'the race to have started');
    expect(await s.change('sgd', { lr: 0.02 })).toBeNull();
    s.reset();
    expect(s.prepared).not.toBe(prepared);
    expect(s.prepared.config.racers.find((r) => r.id === 'sgd')?.changes).toEqual([{ epoch: 2, lr: 0.02 }]);
  });

  it('hands new records to the loss chart, then the path chart, then the small panels, then the Sweep panel, then its charts, each stage a task later', async () => {
    const s = session(MIXED_RACE);
    // At the moment each panel is handed a view, which panels draw that same view.
    const handed: string[] = [];
    const stop = $effect.root(() => {
      for (const panel of PANELS) {
        $effect(() => {
          const view = s.drawnView(panel);
          untrack(() => handed.push(`${panel}: ${PANELS.filter((p) => s.drawnView(p) === view).join(' ')}`));
        });
      }
    });
    flushSync();
    handed.length = 0;

    await s.step(3);
    await until(() => everyPanelDraws(s) && PANELS.every((p) => epochOf(s, p) === 3), 5000, 'every panel at epoch 3');
    stop();

    const oneRedraw = [
      'loss: loss',
      'path: loss path',
      'leaderboard: loss path leaderboard cost predictions',
      'cost: loss path leaderboard cost predictions',
      'predictions: loss path leaderboard cost predictions',
      'sweep: loss path leaderboard cost predictions sweep',
      'sweepCharts: loss path leaderboard cost predictions sweep sweepCharts',
    ];
    expect(handed.length).toBeGreaterThan(0);
    expect(handed.length % oneRedraw.length).toBe(0);
    for (let i = 0; i < handed.length; i += oneRedraw.length) expect(handed.slice(i, i + oneRedraw.length)).toEqual(oneRedraw);
  });
  it('draws the end of a race without waiting for a frame, though the redraw booked before it waits for one', async () => {
    // Frames that never come (a tab in the background has none): a redraw booked after the
    // next frame never draws, and the end must not wait behind it.
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const s = session({ ...MIXED_RACE, epochs: 5 });
    s.play();
    await until(() => s.finished, 3000, 'the end on the page');
    expect(frames.length).toBeGreaterThan(0);
    await until(() => everyPanelDraws(s), 5000, 'the end on every panel');
    expect(PANELS.every((p) => epochOf(s, p) === 5)).toBe(true);
  });

  it('redraws the Sweep panel and its charts at most every 250 ms while records stream in, and shows every panel the end', async () => {
    const s = new RaceSession(
      { ...DIVERGING_RACE, epochs: 400, sweeps: [{ racer: 'calm', lr: { from: 1e-6, to: 1e-4, points: 5, scale: 'log' } }] },
      new RaceController({ createTrainer: inProcessTrainer, workers: 2, timing: false, speed: 300 }),
    );
    sessions.push(s);
    const drawnAt: Record<'loss' | 'sweep' | 'sweepCharts', number[]> = { loss: [], sweep: [], sweepCharts: [] };
    const stop = $effect.root(() => {
      for (const panel of ['loss', 'sweep', 'sweepCharts'] as const) {
        $effect(() => {
          s.drawnView(panel);
          untrack(() => drawnAt[panel].push(performance.now()));
        });
      }
    });
    flushSync();
    drawnAt.loss.length = drawnAt.sweep.length = drawnAt.sweepCharts.length = 0;
    s.play();
    await until(() => s.finished, 20_000, 'the race to finish');
    // The end reaches every panel in the next redraw (a stage a task, not all in the worker's message).
    await until(() => everyPanelDraws(s), 5000, 'the end on every panel');
    stop();
    // A timer never fires early: every gap is at least the 250 ms, however busy the machine.
    // The panel's charts are drawn a task after its redraws, and only then.
    for (const panel of ['sweep', 'sweepCharts'] as const) {
      const gaps = drawnAt[panel].slice(1).map((t, i) => t - drawnAt[panel][i]);
      expect(drawnAt[panel].length).toBeGreaterThan(2);
      expect(Math.min(...gaps.slice(0, -1))).toBeGreaterThanOrEqual(249);
    }
    // The race's own charts redraw more often, and the end reaches the Sweep panel too.
    expect(drawnAt.loss.length).toBeGreaterThan(drawnAt.sweep.length);
    expect(s.drawnView('sweep').racers.every((r) => r.status === 'finished' || r.status === 'diverged')).toBe(true);
  });
});
