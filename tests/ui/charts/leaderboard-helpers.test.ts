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
  // Optimum loss 1; a 25% gap: the finish is a loss ≤ 1.25.
  const finish = { optimumLoss: 1, gap: 0.25, axis: 'epoch' as const };
  it.each([
    { name: 'the first to reach the finish leads, whatever its loss now', losses: { a: [9, 1.2, 1.1], b: [9, 3, 1.01] }, order: ['a', 'b'], ranks: [1, 2] },
    { name: 'reached before not reached, even with a higher best loss', losses: { a: [9, 2, 1.3], b: [9, 1.24] }, order: ['b', 'a'], ranks: [1, 2] },
    { name: 'not reached: by best loss so far, not the latest (noisy) one', losses: { a: [9, 2, 5], b: [9, 3, 2.5] }, order: ['a', 'b'], ranks: [1, 2] },
    { name: 'reached at the same epoch: the lower best loss first', losses: { a: [9, 1.2], b: [9, 1.1] }, order: ['b', 'a'], ranks: [1, 2] },
    { name: 'equal keys share a rank and keep their order', losses: { a: [9], b: [9], c: [9, 3] }, order: ['c', 'a', 'b'], ranks: [1, 2, 2] },
    { name: 'no finite loss: unranked, after the others', losses: { a: [null], b: [9, 4], c: [] }, order: ['b', 'a', 'c'], ranks: [1, null, null] },
  ])('$name', ({ losses, order, ranks }) => {
    const racers = Object.entries(losses).map(([id, l]) => handRacer(id, l));
    const ranked = rankRacers(racers, finish);
    expect(ranked.map((r) => r.racer.id)).toEqual(order);
    expect(ranked.map((r) => r.rank)).toEqual(ranks);
  });

  it.each([
    // SGD: 4 steps an epoch, reaches at epoch 2 = step 8, 2 ms an epoch (4 ms); GD: 1 step, 1 ms, reaches at epoch 3.
    { axis: 'epoch' as const, order: ['sgd', 'gd'], at: [2, 3] },
    { axis: 'steps' as const, order: ['gd', 'sgd'], at: [3, 8] },
    { axis: 'ms' as const, order: ['gd', 'sgd'], at: [3, 4] },
  ])('"first" is measured on the chosen axis: $axis', ({ axis, order, at }) => {
    const racers = [handRacer('sgd', [9, 2, 1.2], { stepsPerEpoch: 4, ms: 2 }), handRacer('gd', [9, 5, 2, 1.1])];
    const ranked = rankRacers(racers, { ...finish, axis });
    expect(ranked.map((r) => r.racer.id)).toEqual(order);
    expect(ranked.map((r) => r.reached?.at)).toEqual(at);
  });

  it('puts diverged and failed racers last, whatever they reached', () => {
    const ranked = rankRacers(
      [handRacer('f', [9, 1], { status: 'failed', error: 'x' }), handRacer('d', [9, 1, null], { status: 'diverged', divergedAt: 2 }), handRacer('a', [9, 5])],
      finish,
    );
    expect(ranked.map((r) => [r.racer.id, r.rank])).toEqual([
      ['a', 1],
      ['f', null],
      ['d', null],
    ]);
  });

  it('says when the first point within the gap follows a thinned stretch of history', () => {
    const racer = handRacer('a', [9, 5, 3, 1.1]);
    const thinned = { ...racer, history: [racer.history[0], { ...racer.history[3], epoch: 40 }] };
    expect(rankRacers([racer], finish)[0].reached).toMatchObject({ at: 3, exact: true });
    expect(rankRacers([thinned], finish)[0].reached).toMatchObject({ at: 40, exact: false });
  });

  it('a 1% finish nobody reached ranks by best loss', () => {
    const ranked = rankRacers([handRacer('a', [9, 1.08]), handRacer('b', [9, 1.03])], { ...finish, gap: 0.01 });
    expect(ranked.map((r) => [r.racer.id, r.rank, r.reached])).toEqual([
      ['b', 1, null],
      ['a', 2, null],
    ]);
  });
});
