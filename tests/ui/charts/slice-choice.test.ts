import { describe, expect, it } from 'vitest';
import { allParams, paramFromKey, paramKey, sliceFor, validSliceChoice, type SliceChoice } from '../../../src/ui/charts/slice-choice.ts';
import { makeRace } from './fixture.ts';

describe('parameters of a slice', () => {
  it('lists every weight, then the bias, output by output', () => {
    expect(allParams(2, 2).map(paramKey)).toEqual(['0:0', '0:1', '0:b', '1:0', '1:1', '1:b']);
  });

  it.each([{ output: 1, input: 2 }, { output: 0, input: null }])('keys round-trip: $output $input', (p) => {
    expect(paramFromKey(paramKey(p))).toEqual(p);
  });
});

describe('validSliceChoice (3 inputs, 2 outputs)', () => {
  it.each<{ name: string; choice: SliceChoice; expected: SliceChoice }>([
    { name: 'a valid principal choice stays', choice: { kind: 'principal', output: 1, up: 3 }, expected: { kind: 'principal', output: 1, up: 3 } },
    { name: 'up defaults to the second-sharpest direction', choice: { kind: 'principal', output: 1 }, expected: { kind: 'principal', output: 1, up: 1 } },
    { name: 'an up past the flattest (rank 3 of 4 directions) falls back to 1', choice: { kind: 'principal', output: 0, up: 4 }, expected: { kind: 'principal', output: 0, up: 1 } },
    { name: 'an output out of range falls back to 0', choice: { kind: 'principal', output: 5 }, expected: { kind: 'principal', output: 0, up: 1 } },
    {
      name: 'valid parameters stay',
      choice: { kind: 'params', x: { output: 1, input: 2 }, y: { output: 0, input: null } },
      expected: { kind: 'params', x: { output: 1, input: 2 }, y: { output: 0, input: null } },
    },
    {
      name: 'an input out of range falls back to the first',
      choice: { kind: 'params', x: { output: 0, input: 7 }, y: { output: 0, input: null } },
      expected: { kind: 'params', x: { output: 0, input: 0 }, y: { output: 0, input: null } },
    },
    {
      // 0:b is followed by 1:0 in allParams
      name: 'y equal to x moves to the next parameter',
      choice: { kind: 'params', x: { output: 0, input: null }, y: { output: 0, input: null } },
      expected: { kind: 'params', x: { output: 0, input: null }, y: { output: 1, input: 0 } },
    },
    {
      // the last parameter wraps to the first
      name: 'and wraps around after the last',
      choice: { kind: 'params', x: { output: 1, input: null }, y: { output: 1, input: null } },
      expected: { kind: 'params', x: { output: 1, input: null }, y: { output: 0, input: 0 } },
    },
  ])('$name', ({ choice, expected }) => {
    expect(validSliceChoice(choice, 3, 2)).toEqual(expected);
  });
});

describe('sliceFor', () => {
  const race = makeRace({ epochs: 1 });

  it('principal: centred on the optimum, with how much flatter its second direction and the flattest are', () => {
    const slice = sliceFor(race.surface, { kind: 'principal', output: 0 });
    expect(slice.center).toEqual([0, 0]);
    expect(slice.labels[0]).toBe('sharpest direction (apples)');
    // the raw crop data: 28× flatter along the second direction, ~2e6 along the flattest
    expect(slice.condition).toBeCloseTo(28.07, 1);
    expect(slice.flattest).toBeGreaterThan(1e6);
  });

  it('two parameters: the optimum\'s values, no condition number', () => {
    const slice = sliceFor(race.surface, { kind: 'params', x: { output: 0, input: 0 }, y: { output: 1, input: null } });
    expect(slice.center).toEqual([race.optimum.w[0][0], race.optimum.b[1]]);
    expect(slice.labels).toEqual(['w apples ← temperature', 'b (oranges)']);
    expect('condition' in slice).toBe(false);
  });
});
