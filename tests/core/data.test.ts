/** Data sets: the built-in crops, standardization, the hold-out split and synthetic data. */
import { describe, expect, it } from 'vitest';
import { validateRace } from '../../src/core/config/validate.ts';
import { BUILTIN_DATASETS } from '../../src/core/data/builtin.ts';
import { datasetFromRows, fitStandardization, selectRows, standardize, type Dataset } from '../../src/core/data/dataset.ts';
import { syntheticDataset, type SyntheticSpec } from '../../src/core/data/synthetic.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';

/** Column j of a data set's inputs. */
function column(data: Dataset, j: number): number[] {
  return Array.from({ length: data.rows }, (_, r) => data.x[r * data.inputs + j]);
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const populationStd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));

describe('built-in data sets', () => {
  it('crops5 is the notebook\'s first table: 5 regions, 3 inputs, 2 targets', () => {
    const d = BUILTIN_DATASETS.crops5();
    expect([d.rows, d.inputs, d.outputs]).toEqual([5, 3, 2]);
    expect(d.inputNames).toEqual(['temperature', 'rainfall', 'humidity']);
    expect(d.targetNames).toEqual(['apples', 'oranges']);
    // First row: temp 73, rain 67, humidity 43 → apples 56, oranges 70; last: 69, 96, 70 → 103, 119.
    expect([...d.x.slice(0, 3), ...d.y.slice(0, 2)]).toEqual([73, 67, 43, 56, 70]);
    expect([...d.x.slice(12), ...d.y.slice(8)]).toEqual([69, 96, 70, 103, 119]);
  });

  it('crops15 is crops5 followed by ten near-duplicate rows', () => {
    const small = BUILTIN_DATASETS.crops5();
    const d = BUILTIN_DATASETS.crops15();
    expect([d.rows, d.inputs, d.outputs]).toEqual([15, 3, 2]);
    expect([...d.x.slice(0, 15)]).toEqual([...small.x]);
    expect([...d.y.slice(0, 10)]).toEqual([...small.y]);
    // Last row: 68, 97, 70 → 102, 120.
    expect([...d.x.slice(42), ...d.y.slice(28)]).toEqual([68, 97, 70, 102, 120]);
  });

  it('each call gives a fresh copy, so a caller cannot corrupt the built-in data', () => {
    BUILTIN_DATASETS.crops5().x[0] = 0;
    expect(BUILTIN_DATASETS.crops5().x[0]).toBe(73);
  });
});

describe('standardization', () => {
  it('is hand-derivable on a small table', () => {
    // column 0: [1, 2, 3] → mean 2, population std √(2/3) → [−√1.5, 0, √1.5]
    // column 1: [10, 10, 40] → mean 20, std √((100 + 100 + 400)/3) = √200
    const d = datasetFromRows([[1, 10], [2, 10], [3, 40]], [[0], [0], [0]]);
    const s = fitStandardization(d);
    expect([...s.mean]).toEqual([2, 20]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(s.std[1]).toBeCloseTo(Math.sqrt(200), 13);
    const x = [...standardize(d, s).x];
    const expected = [-Math.sqrt(1.5), -10 / Math.sqrt(200), 0, -10 / Math.sqrt(200), Math.sqrt(1.5), 20 / Math.sqrt(200)];
    x.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
  });

  it('gives every column of crops15 mean 0 and population std 1', () => {
    const d = BUILTIN_DATASETS.crops15();
    const z = standardize(d, fitStandardization(d));
    for (let j = 0; j < z.inputs; j++) {
      expect(Math.abs(mean(column(z, j)))).toBeLessThan(1e-14);
      expect(populationStd(column(z, j))).toBeCloseTo(1, 14);
    }
  });

  it('leaves targets alone and does not modify its input', () => {
    const d = BUILTIN_DATASETS.crops5();
    const z = standardize(d, fitStandardization(d));
    expect(z.y).toEqual(d.y);
    expect(d.x[0]).toBe(73);
  });

  const constant: { name: string; input: number; expected: string }[] = [
    { name: 'integer', input: 5, expected: 'centred to 0' },
    // 0.1 · 3 / 3 is 0.10000000000000002 in float64: a naive mean leaves a 1e-17 spread.
    { name: '0.1, whose mean is not exact in float64', input: 0.1, expected: 'centred to 0' },
    { name: '1/3', input: 1 / 3, expected: 'centred to 0' },
  ];

  it.each(constant)('only centres a constant column ($name), never divides by a zero spread', ({ input }) => {
    const d = datasetFromRows([[input, 1], [input, 2], [input, 4]], [[0], [0], [0]]);
    const s = fitStandardization(d);
    expect(s.std[0]).toBe(1);
    expect(column(standardize(d, s), 0)).toEqual([0, 0, 0]);
    // The other column is standardized as usual.
    expect(populationStd(column(standardize(d, s), 1))).toBeCloseTo(1, 14);
  });

  it('standardizes the hold-out with the training set\'s statistics (no peeking)', () => {
    const race = prepareRace(validateRace({ data: 'crops15', holdout: { fraction: 0.2, seed: 1 }, normalize: true, epochs: 1, racers: [{ id: 'a', optimizer: 'adam' }] }));
    const raw = validateRace({ data: 'crops15', holdout: { fraction: 0.2, seed: 1 }, epochs: 1, racers: [{ id: 'a', optimizer: 'adam' }] });
    const s = fitStandardization(raw.train);
    expect(race.standardization).toEqual(s);
    expect(race.holdout!.x).toEqual(standardize(raw.holdout!, s).x);
    expect(Math.abs(mean(column(race.train, 0)))).toBeLessThan(1e-14);
    expect(Math.abs(mean(column(race.holdout!, 0)))).toBeGreaterThan(1e-3);
  });

  it('is off by default', () => {
    const race = prepareRace(validateRace({ data: 'crops5', epochs: 1, racers: [{ id: 'a', optimizer: 'adam' }] }));
    expect(race.standardization).toBeNull();
    expect(race.train.x[0]).toBe(73);
  });
});

describe('selectRows', () => {
  it('picks rows in the order given', () => {
    const d = datasetFromRows([[1, 2], [3, 4], [5, 6]], [[10], [20], [30]]);
    const s = selectRows(d, [2, 0]);
    expect([s.rows, [...s.x], [...s.y]]).toEqual([2, [5, 6, 1, 2], [30, 10]]);
  });
});

describe('hold-out fraction split', () => {
  // 20 rows whose only input is the row index, so a split can be read back as indices.
  const indexed = { inputs: Array.from({ length: 20 }, (_, i) => [i]), targets: Array.from({ length: 20 }, (_, i) => [2 * i]) };
  const split = (holdout: Record<string, unknown>, seed?: number) => {
    const { train, holdout: held } = validateRace({ data: indexed, holdout, ...(seed === undefined ? {} : { seed }), epochs: 1, racers: [{ id: 'a', optimizer: 'adam' }] });
    return { train: [...train.x], holdout: [...held!.x], trainY: [...train.y], holdoutY: [...held!.y] };
  };

  it('holds out round(fraction × rows) rows', () => {
    // 0.25 · 20 = 5; 0.33 · 20 = 6.6 → 7
    expect(split({ fraction: 0.25 }).holdout).toHaveLength(5);
    expect(split({ fraction: 0.33 }).holdout).toHaveLength(7);
  });

  it('is disjoint, covers every row and keeps the original row order', () => {
    const { train, holdout, trainY, holdoutY } = split({ fraction: 0.3, seed: 5 });
    expect([...train, ...holdout].sort((a, b) => a - b)).toEqual(indexed.inputs.map((r) => r[0]));
    expect(train).toEqual([...train].sort((a, b) => a - b));
    expect(holdout).toEqual([...holdout].sort((a, b) => a - b));
    // Targets travel with their rows.
    expect(trainY).toEqual(train.map((i) => 2 * i));
    expect(holdoutY).toEqual(holdout.map((i) => 2 * i));
  });

  it('is a random pick, not the last rows', () => {
    const { holdout } = split({ fraction: 0.3, seed: 5 });
    expect(holdout).not.toEqual([14, 15, 16, 17, 18, 19]);
    expect(holdout).not.toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('is the same for the same seed', () => {
    expect(split({ fraction: 0.3, seed: 5 })).toEqual(split({ fraction: 0.3, seed: 5 }));
  });

  it('differs between seeds', () => {
    const picks = new Set([1, 2, 3, 4].map((seed) => JSON.stringify(split({ fraction: 0.3, seed }).holdout)));
    expect(picks.size).toBe(4);
  });

  it('uses the race seed when it has none of its own', () => {
    expect(split({ fraction: 0.3 }, 7)).toEqual(split({ fraction: 0.3, seed: 7 }));
    expect(split({ fraction: 0.3 }, 7)).not.toEqual(split({ fraction: 0.3 }, 8));
  });
});

describe('synthetic data', () => {
  const spec: SyntheticSpec = { n: 50, features: 3, outputs: 2, noise: 0.1, seed: 4 };

  it('has the asked-for shape and names', () => {
    const d = syntheticDataset(spec);
    expect([d.rows, d.inputs, d.outputs, d.x.length, d.y.length]).toEqual([50, 3, 2, 150, 100]);
    expect([d.inputNames, d.targetNames]).toEqual([['x1', 'x2', 'x3'], ['y1', 'y2']]);
  });

  it('gives identical rows for the same spec', () => {
    const a = syntheticDataset(spec);
    const b = syntheticDataset({ ...spec });
    expect(a.x).toEqual(b.x);
    expect(a.y).toEqual(b.y);
  });

  it('makes the rows once for a spec asked for again (the page validates one config in several places)', () => {
    expect(syntheticDataset({ ...spec })).toBe(syntheticDataset({ ...spec }));
    expect(syntheticDataset({ ...spec, noise: 0.2 })).not.toBe(syntheticDataset(spec));
  });

  it('gives other rows for another seed', () => {
    const a = syntheticDataset(spec);
    const b = syntheticDataset({ ...spec, seed: 5 });
    expect(a.x).not.toEqual(b.x);
    expect(a.y).not.toEqual(b.y);
  });

  it('changes only the targets when only the noise changes', () => {
    const a = syntheticDataset(spec);
    const b = syntheticDataset({ ...spec, noise: 0.5 });
    expect(a.x).toEqual(b.x);
    expect(a.y).not.toEqual(b.y);
  });

  it('has standard normal inputs', () => {
    const d = syntheticDataset({ n: 20_000, features: 1, outputs: 1, noise: 0, seed: 1 });
    const x = column(d, 0);
    // Standard error of the mean is 1/√20000 ≈ 0.007.
    expect(Math.abs(mean(x))).toBeLessThan(0.03);
    expect(populationStd(x)).toBeCloseTo(1, 1);
  });
});
