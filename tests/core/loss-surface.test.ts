import { describe, expect, it } from 'vitest';
import { LossSurface } from '../../src/core/analysis/loss-surface.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { defaultRace } from '../../src/default-race.ts';

const prepared = prepareRace(validateRace(defaultRace));
const surface = new LossSurface(prepared.train, prepared.optimum);
const start = prepared.init;

describe('Slice.moveTo: dragging the start point within a slice', () => {
  it.each([
    { name: 'two parameters', slice: surface.slice({ output: 0, input: 1 }, { output: 1, input: null }) },
    { name: 'the principal directions of apples', slice: surface.principal(0) },
    { name: 'the principal directions of oranges', slice: surface.principal(1) },
  ])('$name: the moved weights project to the new point, and nothing outside the slice moves', ({ slice }) => {
    const [x, y] = slice.project(start);
    const moved = slice.moveTo(start, x + 0.5, y - 0.25);
    const [mx, my] = slice.project(moved);
    expect(mx).toBeCloseTo(x + 0.5, 9);
    expect(my).toBeCloseTo(y - 0.25, 9);
    // Moving back restores the weights.
    const back = slice.moveTo(moved, x, y);
    back.w.flat().forEach((v, i) => expect(v).toBeCloseTo(start.w.flat()[i], 9));
    back.b.forEach((v, i) => expect(v).toBeCloseTo(start.b[i], 9));
  });

  it('a two-parameter slice changes exactly those two parameters', () => {
    const moved = surface.slice({ output: 0, input: 1 }, { output: 1, input: null }).moveTo(start, 7, 8);
    expect(moved.w).toEqual([[start.w[0][0], 7, start.w[0][2]], start.w[1]]);
    expect(moved.b).toEqual([start.b[0], 8]);
  });

  it('a principal slice leaves the other output alone', () => {
    const moved = surface.principal(0).moveTo(start, 0, 0);
    expect(moved.w[1]).toEqual(start.w[1]);
    expect(moved.b[1]).toBe(start.b[1]);
  });
});

describe('LossSurface.principal', () => {
  // The raw crop data's Gram matrix AᵀA/(n·m) has eigenvalues 8964, 319, 49.3 and 0.0041.
  it.each([
    { up: 1, label: '2nd sharpest direction (apples)', condition: 8964.49 / 319.38 },
    { up: 2, label: '3rd sharpest direction (apples)', condition: 8964.49 / 49.295 },
    { up: 3, label: 'flattest direction (apples)', condition: 8964.49 / 0.0040731 },
  ])('up = $up: the sharpest across, $label up', ({ up, label, condition }) => {
    const slice = surface.principal(0, up);
    expect(slice.labels).toEqual(['sharpest direction (apples)', label]);
    expect(slice.condition / condition).toBeCloseTo(1, 4);
    expect(slice.flattest / (8964.49 / 0.0040731)).toBeCloseTo(1, 4);
    expect(slice.hessian[0][0]).toBeCloseTo(8964.49, 1);
  });

  it('defaults to the second-sharpest direction and keeps an out-of-range rank inside', () => {
    expect(surface.principal(0).labels[1]).toBe('2nd sharpest direction (apples)');
    expect(surface.principal(0, 9).labels[1]).toBe('flattest direction (apples)');
    expect(surface.principal(0, 0).labels[1]).toBe('2nd sharpest direction (apples)');
  });
});
