import { describe, expect, it } from 'vitest';
import { scaleNote } from '../../../src/ui/charts/scale-note.ts';
import { unitAspect } from '../../../src/ui/charts/unit-aspect.ts';

describe('unitAspect', () => {
  it.each([
    // 100 px per unit across, 100 px per unit up
    { name: 'same scale', x: [0, 4], xr: [0, 400], y: [0, 2], yr: [200, 0], expected: 1 },
    // across: 400 px / 4 = 100; up: 200 px / 2000 = 0.1
    { name: 'a unit across drawn 1000× longer', x: [0, 4], xr: [0, 400], y: [-1000, 1000], yr: [200, 0], expected: 1000 },
    // across: 300 / 3000 = 0.1; up: 300 / 3 = 100
    { name: 'a unit up drawn 1000× longer', x: [-1000, 2000], xr: [0, 300], y: [0, 3], yr: [300, 0], expected: 0.001 },
  ])('$name', ({ x, xr, y, yr, expected }) => {
    expect(unitAspect(x as [number, number], xr as [number, number], y as [number, number], yr as [number, number])).toBeCloseTo(expected, 9);
  });
});

describe('scaleNote', () => {
  it.each([
    { aspect: 1, expected: 'The axes are to the same scale.' },
    { aspect: 1.015, expected: 'The axes are to the same scale.' },
    { aspect: 1000, expected: 'The axes are not to the same scale: a unit across is drawn 1000× as long as a unit up.' },
    { aspect: 0.5, expected: 'The axes are not to the same scale: a unit up is drawn 2× as long as a unit across.' },
    { aspect: 1.1, expected: 'The axes are not to the same scale: a unit across is drawn 1.1× as long as a unit up.' },
    { aspect: NaN, expected: 'The axes are not to the same scale.' },
  ])('$aspect → $expected', ({ aspect, expected }) => {
    expect(scaleNote(aspect)).toBe(expected);
  });
});
