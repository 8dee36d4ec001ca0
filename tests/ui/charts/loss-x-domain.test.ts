import { describe, expect, it } from 'vitest';
import { lossXDomain } from '../../../src/ui/charts/loss-x-domain.ts';
import { handRacer } from './fixture.ts';

describe('lossXDomain', () => {
  // a: 1 step per epoch, 3 epochs recorded (0, 1, 2), 2 ms per epoch; b: 15 steps per epoch, 2 epochs, 0.5 ms
  const racers = [handRacer('a', [9, 8, 7], { ms: 2 }), handRacer('b', [9, 5], { stepsPerEpoch: 15, ms: 0.5 })];

  it.each([
    { name: 'epochs: the whole race', axis: 'epoch' as const, epochs: 10, expected: [0, 10] },
    { name: 'epochs: past the plan when records run on', axis: 'epoch' as const, epochs: 1, expected: [0, 2] },
    // 10 epochs × 15 steps
    { name: 'steps: the planned epochs at the most steps per epoch', axis: 'steps' as const, epochs: 10, expected: [0, 150] },
    // a: 2 epochs × 2 ms = 4; b: 1 × 0.5
    { name: 'ms: the time measured so far', axis: 'ms' as const, epochs: 10, expected: [0, 4] },
  ])('$name', ({ axis, epochs, expected }) => {
    expect(lossXDomain(racers, axis, epochs)).toEqual(expected);
  });

  it('never collapses: nothing measured is [0, 1]', () => {
    expect(lossXDomain([handRacer('a', [9])], 'ms', 10)).toEqual([0, 1]);
  });
});
