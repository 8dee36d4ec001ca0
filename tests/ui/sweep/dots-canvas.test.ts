// @vitest-environment jsdom
/**
 * DotsCanvas paints on a 2D context (jsdom has none: a recording stand-in counts the calls):
 * the polylines first, then one path per colour and kind of mark, not one per mark.
 */
import { render } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import DotsCanvas from '../../../src/ui/sweep/DotsCanvas.svelte';

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
    const dots = [
      { x: 1, y: 2, color: 'red', diverged: false, cancelled: false },
      { x: 3, y: 4, color: 'red', diverged: false, cancelled: false },
      { x: 5, y: 0, color: 'red', diverged: true, cancelled: false },
    ];
    // One polyline through (1, 2) and (3, 4), flat x0, y0, x1, y1.
    render(DotsCanvas, { width: 100, height: 50, dots, lines: [{ points: Float64Array.of(1, 2, 3, 4), color: 'red', dashed: true }], label: 'three runs', onpoint: () => {} });
    const line = calls.slice(calls.indexOf('setLineDash([5,3])'));
    expect(line.slice(0, 5)).toEqual(['setLineDash([5,3])', 'beginPath()', 'moveTo(1,2)', 'lineTo(3,4)', 'stroke()']);
    // Two dots in one path and one fill; one cross (two strokes' worth of segments) in another path and one stroke.
    expect(calls.filter((c) => c.startsWith('arc(')).length).toBe(2);
    expect(calls.filter((c) => c === 'fill()').length).toBe(1);
    expect(calls.filter((c) => c === 'stroke()').length).toBe(2); // the polyline and the crosses
    expect(calls.filter((c) => c === 'beginPath()').length).toBe(3);
  });
});
