/**
 * The finish line: mseOf and the closed-form least-squares fit. The fit must satisfy the
 * normal equations (zero gradient of the MSE), recover exact linear data, give the
 * minimum-norm answer when inputs are collinear, and lie below every racer.
 */
import { describe, expect, it } from 'vitest';
import { validateRace } from '../../src/core/config/validate.ts';
import { BUILTIN_DATASETS } from '../../src/core/data/builtin.ts';
import { datasetFromRows, type Dataset } from '../../src/core/data/dataset.ts';
import { syntheticDataset } from '../../src/core/data/synthetic.ts';
import { leastSquares, mseOf, type Weights } from '../../src/core/race/optimum.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { Rng } from '../../src/core/random.ts';
import { runRace } from '../../src/core/race/run-race.ts';
import { nearOptimum } from '../../src/core/race/summary.ts';

/**
 * The gradient of the MSE at (W, b), scaled to be comparable across data sets:
 * dL/dW = 2/(n·m) · Rᵀ X and dL/db = 2/(n·m) · Σ R, R the residuals. Returns the largest
 * entry relative to the same sums taken with absolute values (what rounding error scales with).
 */
function relativeGradient(data: Dataset, { w, b }: Weights): number {
  const { rows: n, inputs: d, outputs: m, x, y } = data;
  const g = Array.from({ length: m }, () => new Array<number>(d + 1).fill(0));
  const scale = Array.from({ length: m }, () => new Array<number>(d + 1).fill(0));
  for (let r = 0; r < n; r++) {
    for (let o = 0; o < m; o++) {
      let p = b[o];
      for (let j = 0; j < d; j++) p += x[r * d + j] * w[o][j];
      const e = p - y[r * m + o];
      const size = Math.abs(p) + Math.abs(y[r * m + o]);
      for (let j = 0; j < d; j++) {
        g[o][j] += e * x[r * d + j];
        scale[o][j] += size * Math.abs(x[r * d + j]);
      }
      g[o][d] += e;
      scale[o][d] += size;
    }
  }
  return Math.max(...g.flatMap((row, o) => row.map((v, j) => Math.abs(v) / scale[o][j])));
}

describe('mseOf', () => {
  it('is the mean of squared errors on a 2×1 example', () => {
    // x = [1, 2], y = [3, 4], w = 2, b = 0.5 → predictions 2.5, 4.5 → errors −0.5, 0.5
    // MSE = (0.25 + 0.25) / 2 = 0.25
    const data = datasetFromRows([[1], [2]], [[3], [4]]);
    expect(mseOf(data, { w: [[2]], b: [0.5] })).toBe(0.25);
  });

  it('averages over every element of a two-target output, as torch.nn.MSELoss', () => {
    // x = [1, 2]; targets [[3, 0], [4, 1]]; W = [[2], [1]], b = [0.5, 0]
    // predictions [[2.5, 1], [4.5, 2]] → errors [[−0.5, 1], [0.5, 1]]
    // MSE = (0.25 + 1 + 0.25 + 1) / 4 = 0.625
    const data = datasetFromRows([[1], [2]], [[3, 0], [4, 1]]);
    expect(mseOf(data, { w: [[2], [1]], b: [0.5, 0] })).toBe(0.625);
  });

  it('uses every input', () => {
    // x = [[1, 10]], w = [[1, 0.1]], b = [−2] → prediction 1 + 1 − 2 = 0; y = [3] → MSE 9
    // (second row the same, so the mean is 9)
    const data = datasetFromRows([[1, 10], [1, 10]], [[3], [3]]);
    expect(mseOf(data, { w: [[1, 0.1]], b: [-2] })).toBe(9);
  });
});

describe('leastSquares', () => {
  it('recovers y = 2·x1 − x2 + 3 from noise-free data', () => {
    const inputs = [[0, 0], [1, 0], [0, 1], [2, 3], [-1, 4], [5, -2]];
    const targets = inputs.map(([x1, x2]) => [2 * x1 - x2 + 3]);
    const fit = leastSquares(datasetFromRows(inputs, targets));
    expect(fit.w[0][0]).toBeCloseTo(2, 12);
    expect(fit.w[0][1]).toBeCloseTo(-1, 12);
    expect(fit.b[0]).toBeCloseTo(3, 12);
    expect(fit.loss).toBeLessThan(1e-24);
    expect(fit.holdoutLoss).toBeUndefined();
  });

  it('recovers two targets at once, at the scale of the crop data', () => {
    // apples = 0.5·t + 0.2·r − 0.1·h + 10, oranges = −0.3·t + 0.8·r + 0.4·h − 5
    const x = [...BUILTIN_DATASETS.crops15().x];
    const inputs = Array.from({ length: 15 }, (_, r) => x.slice(3 * r, 3 * r + 3));
    const targets = inputs.map(([t, r, h]) => [0.5 * t + 0.2 * r - 0.1 * h + 10, -0.3 * t + 0.8 * r + 0.4 * h - 5]);
    const fit = leastSquares(datasetFromRows(inputs, targets));
    const expected = { w: [[0.5, 0.2, -0.1], [-0.3, 0.8, 0.4]], b: [10, -5] };
    fit.w.flat().forEach((v, i) => expect(v).toBeCloseTo(expected.w.flat()[i], 9));
    fit.b.forEach((v, i) => expect(v).toBeCloseTo(expected.b[i], 7));
    expect(fit.loss).toBeLessThan(1e-16);
  });

  it('fits a constant target with zero weights', () => {
    const fit = leastSquares(datasetFromRows([[1], [2], [3]], [[7], [7], [7]]));
    expect(fit).toEqual({ w: [[0]], b: [7], loss: 0 });
  });

  it('on crops15 satisfies the normal equations (the MSE gradient is zero)', () => {
    const data = BUILTIN_DATASETS.crops15();
    const fit = leastSquares(data);
    expect(relativeGradient(data, fit)).toBeLessThan(1e-10);
    // A nudge to any weight raises the loss.
    for (const [o, j] of [[0, 0], [0, 2], [1, 1]]) {
      for (const step of [1e-4, -1e-4]) {
        const w = fit.w.map((row) => [...row]);
        w[o][j] += step;
        expect(mseOf(data, { w, b: fit.b })).toBeGreaterThan(fit.loss);
      }
    }
  });

  it('on crops15 lies below every racer\'s loss after a long run', () => {
    const race = prepareRace(
      validateRace({
        data: 'crops15',
        epochs: 400,
        seed: 1,
        racers: [
          { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
          { id: 'adam-full', optimizer: 'adam', lr: 0.05 },
          { id: 'rmsprop', optimizer: 'rmsprop', lr: 0.01, batchSize: 4 },
          { id: 'momentum', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, batchSize: 4 },
        ],
      }),
    );
    const { optimum } = race;
    let lowest = Infinity;
    for (const record of runRace(race, { timing: false })) {
      expect(record.loss).not.toBeNull();
      expect(record.loss!).toBeGreaterThanOrEqual(optimum.loss);
      lowest = Math.min(lowest, record.loss!);
    }
    // The race gets close, so the line is not trivially below (say, 0).
    expect(lowest).toBeLessThan(optimum.loss * 1.5);
    // crops15's residual error is far from 0: the data are not exactly linear.
    expect(optimum.loss).toBeGreaterThan(0.1);
  });

  it('reports the hold-out loss at the optimum', () => {
    const data = BUILTIN_DATASETS.crops15();
    const holdout = datasetFromRows([[70, 70, 50]], [[60, 80]]);
    const fit = leastSquares(data, holdout);
    expect(fit.holdoutLoss).toBe(mseOf(holdout, fit));
  });

  it('gives the minimum-norm answer for a duplicated column', () => {
    // inputs [x, x] with y = 2x + 1: any w1 + w2 = 2 fits; the shortest is w = [1, 1].
    const inputs = [[0, 0], [1, 1], [2, 2], [3, 3]];
    const fit = leastSquares(datasetFromRows(inputs, inputs.map(([x]) => [2 * x + 1])));
    expect(fit.w[0][0]).toBeCloseTo(1, 12);
    expect(fit.w[0][1]).toBeCloseTo(1, 12);
    expect(fit.b[0]).toBeCloseTo(1, 12);
    expect(fit.loss).toBeLessThan(1e-24);
  });

  it('gives the minimum-norm answer with fewer rows than inputs', () => {
    // Two rows, three inputs: x = [1, 2, 2] → 3 and x = [0, 0, 0] → 0. After centring the only
    // direction seen is d = [1, 2, 2] (|d|² = 9) and w·d must be 3, so the shortest w is
    // 3·d/9 = [1/3, 2/3, 2/3], and b = 0 − w·0 = 0.
    const fit = leastSquares(datasetFromRows([[1, 2, 2], [0, 0, 0]], [[3], [0]]));
    [1 / 3, 2 / 3, 2 / 3].forEach((v, j) => expect(fit.w[0][j]).toBeCloseTo(v, 12));
    expect(fit.b[0]).toBeCloseTo(0, 12);
    expect(fit.loss).toBeLessThan(1e-24);
  });

  it('stays finite when a column is constant (collinear with the intercept)', () => {
    // y = 3·x1 + 4; x2 is always 5, so it cannot be told from b: minimum norm gives w2 = 0.
    const inputs = [[0, 5], [1, 5], [2, 5], [4, 5]];
    const fit = leastSquares(datasetFromRows(inputs, inputs.map(([x1]) => [3 * x1 + 4])));
    expect(fit.w[0][0]).toBeCloseTo(3, 12);
    expect(fit.w[0][1]).toBeCloseTo(0, 12);
    expect(fit.b[0]).toBeCloseTo(4, 12);
  });

  it('stays finite on a noisy rank-deficient set and still zeroes the gradient', () => {
    const base = syntheticDataset({ n: 30, features: 3, outputs: 2, noise: 0.5, seed: 9 });
    // Append a fourth column equal to x1 + x2: the Gram matrix is singular.
    const rows = Array.from({ length: 30 }, (_, r) => {
      const [a, b, c] = base.x.slice(3 * r, 3 * r + 3);
      return [a, b, c, a + b];
    });
    const targets = Array.from({ length: 30 }, (_, r) => [base.y[2 * r], base.y[2 * r + 1]]);
    const data = datasetFromRows(rows, targets);
    const fit = leastSquares(data);
    expect(fit.w.flat().every(Number.isFinite)).toBe(true);
    expect(relativeGradient(data, fit)).toBeLessThan(1e-10);
    // Same loss as the full-rank fit on the first three columns.
    expect(fit.loss).toBeCloseTo(leastSquares(base).loss, 12);
    // Minimum norm: the weight along the null direction [1, 1, 0, −1] is zero.
    for (const w of fit.w) expect(w[0] + w[1] - w[3]).toBeCloseTo(0, 10);
  });

  it('keeps an input whose units are far smaller than another\'s (not mistaken for collinear)', () => {
    // A count in the hundreds of thousands beside a rate in thousandths: raw Gram-matrix
    // eigenvalues 1e10·n and 1e-6·n, a ratio of 1e-16, yet the columns are independent.
    // y = 1e-5·count + 2000·rate + 1, noise-free → the fit is exact.
    const rng = new Rng(3);
    const inputs = Array.from({ length: 40 }, () => [5e5 + 1e5 * rng.normal(), 3e-3 + 1e-3 * rng.normal()]);
    const data = datasetFromRows(inputs, inputs.map(([count, rate]) => [1e-5 * count + 2000 * rate + 1]));
    const fit = leastSquares(data);
    expect(fit.w[0][0]).toBeCloseTo(1e-5, 12);
    expect(fit.w[0][1] / 2000).toBeCloseTo(1, 8);
    expect(fit.b[0]).toBeCloseTo(1, 6);
    expect(fit.loss).toBeLessThan(1e-16);
  });

  it('recovers synthetic data with no noise', () => {
    const fit = leastSquares(syntheticDataset({ n: 200, features: 8, outputs: 3, noise: 0, seed: 2 }));
    expect(fit.loss).toBeLessThan(1e-24);
  });

  it('gives the same loss with and without normalize (an affine change of inputs does not change the fit)', () => {
    const losses = [false, true].map((normalize) =>
      prepareRace(validateRace({ data: 'crops15', normalize, holdout: { fraction: 0.2 }, epochs: 1, racers: [{ id: 'a', optimizer: 'adam' }] })).optimum,
    );
    expect(losses[1].loss).toBeCloseTo(losses[0].loss, 10);
    expect(losses[1].holdoutLoss!).toBeCloseTo(losses[0].holdoutLoss!, 8);
    // …but the weights themselves are in other units.
    expect(losses[1].w[0][0]).not.toBeCloseTo(losses[0].w[0][0], 3);
  });
});

describe('nearOptimum: within 1% of the finish line', () => {
  const cases: { name: string; input: { loss: number; optimum: number; initial: number }; expected: boolean }[] = [
    { name: 'at the optimum', input: { loss: 2, optimum: 2, initial: 100 }, expected: true },
    { name: '1% above (2 × 1.01 = 2.02)', input: { loss: 2.02, optimum: 2, initial: 100 }, expected: true },
    { name: 'just over 1% above', input: { loss: 2.0201, optimum: 2, initial: 100 }, expected: false },
    // A perfect fit: 1% of 0 is 0, so the margin is 1e-10 × the initial loss (1e-8 here).
    { name: 'perfect fit, within 1e-10 of the initial loss', input: { loss: 1e-9, optimum: 0, initial: 100 }, expected: true },
    { name: 'perfect fit, not yet there', input: { loss: 1e-7, optimum: 0, initial: 100 }, expected: false },
  ];

  it.each(cases)('$name → $expected', ({ input, expected }) => {
    expect(nearOptimum(input.loss, input.optimum, input.initial)).toBe(expected);
  });
});
