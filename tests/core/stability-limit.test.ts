import { describe, expect, it } from 'vitest';
import { gdStabilityLimit } from '../../src/core/analysis/stability-limit.ts';
import { datasetFromRows } from '../../src/core/data/dataset.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { runRace } from '../../src/core/race/run-race.ts';

describe('gdStabilityLimit', () => {
  it.each([
    // A = [[1, 1], [−1, 1]]: AᵀA = 2·I, μmax = 2; ∇²L = 2/(2·1)·AᵀA = 2·I, λmax = 2 → 2/2 = 1
    { name: 'two symmetric rows', inputs: [[1], [-1]], targets: [[0], [0]], expected: 1 },
    // A = [[2, 1], [0, 1]]: AᵀA = [[4, 2], [2, 2]], μ = 3 ± √5; λmax = 3 + √5 → 2/(3 + √5) = (3 − √5)/2
    { name: 'a correlated column and the bias', inputs: [[2], [0]], targets: [[1], [5]], expected: (3 - Math.sqrt(5)) / 2 },
    // Same A, two outputs: the mean is over n·m = 4 values, λmax halves, the limit doubles.
    { name: 'two outputs halve the curvature', inputs: [[2], [0]], targets: [[1, 2], [5, 6]], expected: 3 - Math.sqrt(5) },
    // A = [[10, 1], [−10, 1]]: AᵀA = diag(200, 2), λmax = 200 → 0.01: raw large inputs need a tiny lr.
    { name: 'large inputs make it small', inputs: [[10], [-10]], targets: [[0], [0]], expected: 0.01 },
  ])('$name', ({ inputs, targets, expected }) => {
    expect(gdStabilityLimit(datasetFromRows(inputs, targets))).toBeCloseTo(expected, 12);
  });

  it('separates GD that settles from GD that diverges on the seed lesson', () => {
    const train = prepareRace(validateRace({ data: 'crops15', epochs: 1, racers: [{ id: 'a', optimizer: 'sgd', lr: 1 }] })).train;
    const limit = gdStabilityLimit(train);
    const diverged = (lr: number) => {
      const records = [...runRace(prepareRace(validateRace({ data: 'crops15', epochs: 400, racers: [{ id: 'gd', optimizer: 'sgd', lr, batchSize: 'full' }] })), { timing: false })];
      return records.some((r) => r.diverged);
    };
    expect(diverged(limit * 0.95)).toBe(false);
    expect(diverged(limit * 1.05)).toBe(true);
  });
});
