// @vitest-environment jsdom
/**
 * DotsCanvas paints on a 2D context (jsdom has none: a recording stand-in counts the calls):
 * the polylines first, then one path per colour and kind of mark, not one per mark. Its
 * canvas paints in a task of its own (SweepCanvas): the tests run that task, and first check
 * that nothing was painted before it.
 */
import { render } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DotsCanvas from '../../../src/ui/sweep/DotsCanvas.svelte';
import SweepCanvas from '../../../src/ui/sweep/SweepCanvas.svelte';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

/** Runs the paints booked so far (each a task of its own); returns how many there were. */
function runPaints(): number {
  const booked = vi.getTimerCount();
  vi.runOnlyPendingTimers();
  return booked;
}

function recordingContext() {
  const calls: string[] = [];
  const record = (name: string) => (...args: unknown[]) => void calls.push(`${name}(${args.map((a) => (Array.isArray(a) ? `[${a}]` : String(a))).join(',')})`);
  const ctx = new Proxy({} as Record<string, unknown>, {
    get: (target, key: string) => (key in target ? target[key] : record(key)),
    set: (target, key: string, value) => {
      calls.push(`${key}=${value}`);
      target[key] = value;
      return true;
    },
  });
  return { ctx, calls };
}

afterEach(() => vi.restoreAllMocks());

describe('DotsCanvas', () => {
  it('strokes each polyline through its vertices, then fills the dots and strokes the crosses of each colour in one path each', () => {
    const { ctx, calls } = recordingContext();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as unknown as CanvasRenderingContext2D);
    // Three runs of one colour as columns: dots at (1, 2) and (3, 4), a cross at (5, 0).
    const dots = [
      {
        x: Float64Array.of(1, 3, 5),
        y: Float64Array.of(2, 4, 0),
        runs: [
          { diverged: false, cancelled: false },
          { diverged: false, cancelled: false },
          { diverged: true, cancelled: false },
        ],
        color: 'red',
      },
    ];
    // One polyline through (1, 2) and (3, 4), flat x0, y0, x1, y1.
    render(DotsCanvas, { width: 100, height: 50, dots, lines: [{ points: Float64Array.of(1, 2, 3, 4), color: 'red', dashed: true }], label: 'three runs', onpoint: () => {} });
    expect(calls).toEqual([]);
    expect(runPaints()).toBe(1);
    const line = calls.slice(calls.indexOf('setLineDash([5,3])'));
    expect(line.slice(0, 5)).toEqual(['setLineDash([5,3])', 'beginPath()', 'moveTo(1,2)', 'lineTo(3,4)', 'stroke()']);
    // Two dots in one path and one fill; one cross (two strokes' worth of segments) in another path and one stroke.
    expect(calls.filter((c) => c.startsWith('arc(')).length).toBe(2);
    expect(calls.filter((c) => c === 'fill()').length).toBe(1);
    expect(calls.filter((c) => c === 'stroke()').length).toBe(2); // the polyline and the crosses
    expect(calls.filter((c) => c === 'beginPath()').length).toBe(3);
  });

  it('draws a cancelled run faint, in a path of its own after the full ones of its kind', () => {
    const { ctx, calls } = recordingContext();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as unknown as CanvasRenderingContext2D);
    const runs = [
      { diverged: false, cancelled: true },
      { diverged: false, cancelled: false },
    ];
    render(DotsCanvas, { width: 100, height: 50, dots: [{ x: Float64Array.of(1, 3), y: Float64Array.of(2, 4), runs, color: 'blue' }], label: 'two runs', onpoint: () => {} });
    runPaints();
    const marks = calls.slice(calls.lastIndexOf('setLineDash([])'));
    // Full dots first (the second run), then the faint one; each in its own path and fill.
    expect(marks.filter((c) => /^(globalAlpha=|arc\(|fill\(\))/.test(c))).toEqual(['globalAlpha=1', 'arc(3,4,2.5,0,6.283185307179586)', 'fill()', 'globalAlpha=0.4', 'arc(1,2,2.5,0,6.283185307179586)', 'fill()', 'globalAlpha=1']);
  });

  it('fills many dots in paths of at most 256: 600 dots take three paths (256, 256 and 88)', () => {
    const { ctx, calls } = recordingContext();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as unknown as CanvasRenderingContext2D);
    const n = 600;
    const runs = Array.from({ length: n }, () => ({ diverged: false, cancelled: false }));
    render(DotsCanvas, { width: 100, height: 50, dots: [{ x: new Float64Array(n), y: new Float64Array(n), runs, color: 'green' }], label: 'many runs', onpoint: () => {} });
    runPaints();
    const marks = calls.slice(calls.lastIndexOf('setLineDash([])'));
    const perPath: number[] = [];
    for (const c of marks) {
      if (c === 'beginPath()') perPath.push(0);
      else if (c.startsWith('arc(')) perPath[perPath.length - 1]++;
    }
    expect(perPath).toEqual([256, 256, 88]);
    expect(marks.filter((c) => c === 'fill()')).toHaveLength(3);
  });
});

describe('SweepCanvas', () => {
  const stand = () => {
    const { ctx } = recordingContext();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as unknown as CanvasRenderingContext2D);
    return vi.fn();
  };

  it('paints in a task of its own, not in the task that changed its scene', () => {
    const paint = stand();
    render(SweepCanvas, { width: 100, height: 50, label: 'a scene', paint, scene: 1, onpoint: () => {} });
    expect(paint).not.toHaveBeenCalled();
    expect(runPaints()).toBe(1);
    expect(paint).toHaveBeenCalledOnce();
  });

  it('paints a scene that changed twice before its paint once, and a removed canvas never', async () => {
    const paint = stand();
    const { rerender, unmount } = render(SweepCanvas, { width: 100, height: 50, label: 'a scene', paint, scene: 1, onpoint: () => {} });
    await rerender({ scene: 2 });
    await rerender({ scene: 3 });
    expect(runPaints()).toBe(1);
    expect(paint).toHaveBeenCalledOnce();
    await rerender({ scene: 4 });
    unmount();
    expect(runPaints()).toBe(0);
    expect(paint).toHaveBeenCalledOnce();
  });
});
