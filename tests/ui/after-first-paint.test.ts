import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterFirstPaint } from '../../src/ui/after-first-paint.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('afterFirstPaint', () => {
  it('runs in a task of its own at once when the first contentful paint has happened', () => {
    vi.useFakeTimers();
    vi.spyOn(performance, 'getEntriesByName').mockReturnValue([{ name: 'first-contentful-paint' } as PerformanceEntry]);
    const fn = vi.fn();
    afterFirstPaint(fn);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('waits for the fallback where no paint is reported (Node reports none), and runs once', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    afterFirstPaint(fn, 2000);
    vi.advanceTimersByTime(1999);
    expect(fn).not.toHaveBeenCalled();
    // The fallback fires at 2,000 ms and runs fn in a task of its own just after.
    vi.advanceTimersByTime(2);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs nothing once cancelled', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    afterFirstPaint(fn, 2000)();
    vi.advanceTimersByTime(5000);
    expect(fn).not.toHaveBeenCalled();
  });
});
