import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_RENDER_MS, redrawGap, timeNextRender } from '../../src/ui/redraw-gap.ts';

describe('redrawGap', () => {
  it.each([
    { cost: 0, gap: 30, why: 'nothing to draw yet: ~30 redraws a second' },
    { cost: 8, gap: 30, why: 'a cheap redraw (a third of 30 ms or less): still 30 ms' },
    { cost: 20, gap: 60, why: 'a 20 ms redraw: three times that, so two thirds of the time stays free' },
    { cost: 70, gap: 210, why: 'a slow machine: fewer redraws, not a stalled page' },
    { cost: 500, gap: 250, why: 'never fewer than four a second' },
  ])('$why', ({ cost, gap }) => {
    expect(redrawGap(cost)).toBe(gap);
  });
});

describe('timeNextRender', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it.each([
    { frameStart: 1000, nextTask: 1007.5, ms: 7.5, why: "the frame's style, layout and paint" },
    { frameStart: 1000, nextTask: 1000, ms: 0, why: 'a frame with nothing to render' },
    { frameStart: 1000, nextTask: 1400, ms: MAX_RENDER_MS, why: 'capped: a task that waited behind the frame is not its cost' },
  ])('reports the time from the next frame to the first task after it: $why', ({ frameStart, nextTask, ms }) => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const now = vi.spyOn(performance, 'now');
    const done = vi.fn();
    timeNextRender(done);
    expect(done).not.toHaveBeenCalled();
    now.mockReturnValue(frameStart);
    frames.forEach((cb) => cb(frameStart));
    // The frame renders after its callbacks, in the same task; the timer's task comes after it.
    expect(done).not.toHaveBeenCalled();
    now.mockReturnValue(nextTask);
    vi.runAllTimers();
    expect(done).toHaveBeenCalledExactlyOnceWith(ms);
  });

  it('never calls back where there are no frames', () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    vi.stubGlobal('requestAnimationFrame', undefined);
    const done = vi.fn();
    timeNextRender(done);
    vi.runAllTimers();
    expect(done).not.toHaveBeenCalled();
  });
});
