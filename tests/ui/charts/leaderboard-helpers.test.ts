import { describe, expect, it } from 'vitest';
import { distanceToOptimum } from '../../../src/ui/charts/distance-to-optimum.ts';
import { rankRacers } from '../../../src/ui/charts/rank-racers.ts';
import { handRacer } from './fixture.ts';

describe('distanceToOptimum', () => {
  it.each([
    { name: 'at the optimum', w: [[1, 2]], b: [3], expected: 0 },
    // [W − W*, b − b*] = [3, 0, 4] → 5
    { name: 'a 3-4-5 triangle across W and b', w: [[4, 2]], b: [7], expected: 5 },
    // two outputs: differences 1, 1, 1, 1, 1, 1 → √6
    { name: 'every output counts', w: [[2, 3], [4, 5]], b: [4, 6], optimumW: [[1, 2], [3, 4]], optimumB: [3, 5], expected: Math.sqrt(6) },
    { name: 'a weight that overflowed', w: [[Infinity, 2]], b: [3], expected: Infinity },
  ])('$name', ({ w, b, optimumW = [[1, 2]], optimumB = [3], expected }) => {
    expect(distanceToOptimum({ w, b }, { w: optimumW, b: optimumB })).toBeCloseTo(expected, 12);
  });
});

describe('rankRacers', () => {
  it.each([
    { name: 'by current loss, lowest first', losses: { a: [9, 5], b: [9, 2], c: [9, 7] }, order: ['b', 'a', 'c'], ranks: [1, 2, 3] },
    { name: 'equal losses share a rank and keep their order', losses: { a: [9], b: [9], c: [9, 3] }, order: ['c', 'a', 'b'], ranks: [1, 2, 2] },
    { name: 'no finite loss: unranked, after the others', losses: { a: [9, null], b: [9, 4], c: [] }, order: ['b', 'a', 'c'], ranks: [1, null, null] },
  ])('$name', ({ losses, order, ranks }) => {
    const racers = Object.entries(losses).map(([id, l]) => handRacer(id, l));
    const ranked = rankRacers(racers);
    expect(ranked.map((r) => r.racer.id)).toEqual(order);
    expect(ranked.map((r) => r.rank)).toEqual(ranks);
  });

  it('puts a failed racer last, whatever its last loss', () => {
    const ranked = rankRacers([handRacer('f', [9, 1], { status: 'failed', error: 'x' }), handRacer('a', [9, 5])]);
    expect(ranked.map((r) => [r.racer.id, r.rank])).toEqual([
      ['a', 1],
      ['f', null],
    ]);
  });
});
