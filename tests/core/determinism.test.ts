/**
 * Determinism and fairness: the same config and seed give byte-identical output, another
 * seed gives another batch order, and every racer starts from the same weights.
 */
import { describe, expect, it } from 'vitest';
import { validateRace } from '../../src/core/config/validate.ts';
import { ndjsonLine } from '../../src/core/race/format.ts';
import { prepareRace, randomInit } from '../../src/core/race/prepare.ts';
import type { EpochRecord } from '../../src/core/race/record.ts';
import { epochOrder, runRace } from '../../src/core/race/run-race.ts';

type Config = Record<string, unknown>;

const RACERS = [
  { id: 'gd', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' },
  { id: 'mini', optimizer: 'sgd', lr: 1e-5, batchSize: 4 },
  { id: 'sgd', optimizer: 'sgd', lr: 1e-5, batchSize: 1 },
  { id: 'adam', optimizer: 'adam', lr: 0.1, batchSize: 4 },
  { id: 'adam-full', optimizer: 'adam', lr: 0.1 },
];
const INIT = { w: [[0.2, -0.3, 0.1], [-0.4, 0.25, 0.05]], b: [0.5, -0.5] };

function race(changes: Config = {}): Config {
  return { data: 'crops15', epochs: 20, seed: 1, racers: RACERS, ...changes };
}

function records(config: Config): EpochRecord[] {
  return [...runRace(prepareRace(validateRace(config)), { timing: false })];
}

function ndjson(config: Config): string {
  return records(config).map(ndjsonLine).join('');
}

/** One racer's records as NDJSON text, for exact comparison. */
function trajectory(all: readonly EpochRecord[], racer: string): string {
  return all.filter((r) => r.racer === racer).map(ndjsonLine).join('');
}

describe('the same config gives byte-identical output', () => {
  const cases: { name: string; input: Config }[] = [
    { name: 'shuffled mini-batches', input: race() },
    { name: 'no shuffle', input: race({ shuffle: false }) },
    { name: 'hold-out split and normalize', input: race({ holdout: { fraction: 0.2 }, normalize: true }) },
    { name: 'synthetic data', input: race({ data: { synthetic: { n: 40, features: 3, outputs: 2, seed: 3 } } }) },
  ];

  it.each(cases)('$name', ({ input }) => {
    const first = ndjson(input);
    expect(first.split('\n')).toHaveLength(RACERS.length * 21 + 1);
    expect(ndjson(structuredClone(input))).toBe(first);
  });

  it('has no "ms" with timing off', () => {
    expect(ndjson(race())).not.toContain('"ms"');
  });
});

describe('another seed gives another batch order', () => {
  // Same explicit init for both seeds, so only the batch order can differ.
  const seed1 = records(race({ seed: 1, init: INIT }));
  const seed2 = records(race({ seed: 2, init: INIT }));

  it('changes the row order of every epoch', () => {
    const a = prepareRace(validateRace(race({ seed: 1 })));
    const b = prepareRace(validateRace(race({ seed: 2 })));
    for (let epoch = 1; epoch <= 3; epoch++) expect(epochOrder(a, epoch)).not.toEqual(epochOrder(b, epoch));
  });

  it('gives every epoch its own order', () => {
    const a = prepareRace(validateRace(race()));
    expect(epochOrder(a, 1)).not.toEqual(epochOrder(a, 2));
  });

  it.each(['mini', 'sgd', 'adam'])('changes the trajectory of shuffled mini-batch racer %s', (racer) => {
    const [a, b] = [seed1, seed2].map((all) => all.filter((r) => r.racer === racer));
    expect(a[0]).toEqual(b[0]); // same start
    expect(a[1].loss).not.toBe(b[1].loss); // different batches from the first epoch on
  });

  it.each(['gd', 'adam-full'])('leaves full-batch racer %s identical (its gradient ignores row order)', (racer) => {
    expect(trajectory(seed2, racer)).toBe(trajectory(seed1, racer));
  });

  it('does not matter without shuffling', () => {
    expect(ndjson(race({ seed: 2, init: INIT, shuffle: false }))).toBe(ndjson(race({ seed: 1, init: INIT, shuffle: false })));
  });

  it('gives no row order without shuffling', () => {
    expect(epochOrder(prepareRace(validateRace(race({ shuffle: false }))), 1)).toBeNull();
  });
});

describe('fairness: every racer starts from the same weights', () => {
  it('with the default seeded init', () => {
    const starts = records(race()).filter((r) => r.epoch === 0);
    expect(starts.map((r) => r.racer)).toEqual(RACERS.map((r) => r.id));
    for (const r of starts) {
      expect({ w: r.w, b: r.b, loss: r.loss, steps: r.steps }).toEqual({ w: starts[0].w, b: starts[0].b, loss: starts[0].loss, steps: 0 });
    }
  });

  it('with an explicit init, which is used as given', () => {
    const starts = records(race({ init: INIT })).filter((r) => r.epoch === 0);
    for (const r of starts) expect({ w: r.w, b: r.b }).toEqual(INIT);
  });

  it('a racer\'s trajectory does not depend on the other racers', () => {
    const alone = records(race({ racers: [RACERS[1]] }));
    expect(trajectory(alone, 'mini')).toBe(trajectory(records(race()), 'mini'));
  });
});

describe('the default init is seeded', () => {
  const initOf = (config: Config) => prepareRace(validateRace(config)).init;

  it('is the same for the same seed', () => {
    expect(initOf(race({ seed: 3 }))).toEqual(initOf(race({ seed: 3 })));
  });

  it('is another for another seed', () => {
    const a = initOf(race({ seed: 3 }));
    const b = initOf(race({ seed: 4 }));
    expect(a.w.flat().filter((v, i) => v === b.w.flat()[i])).toEqual([]);
    expect(a.b).not.toEqual(b.b);
  });

  it('is standard normal, shaped outputs × inputs, like torch.randn', () => {
    const { w, b } = randomInit(7, 100, 50);
    expect([w.length, w[0].length, b.length]).toEqual([50, 100, 50]);
    const v = w.flat();
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
    // 5000 draws: standard error of the mean ≈ 0.014.
    expect(Math.abs(mean)).toBeLessThan(0.06);
    expect(Math.abs(sd - 1)).toBeLessThan(0.05);
  });

  it('follows init.seed over the race seed', () => {
    expect(initOf(race({ seed: 1, init: { seed: 5 } }))).toEqual(initOf(race({ seed: 2, init: { seed: 5 } })));
    expect(initOf(race({ seed: 5, init: { seed: 5 } }))).toEqual(initOf(race({ seed: 5 })));
  });

  it('does not change when the hold-out split does', () => {
    // Separate streams: holding out rows must not move the starting point.
    expect(initOf(race({ seed: 6, holdout: { fraction: 0.2, seed: 1 } }))).toEqual(initOf(race({ seed: 6, holdout: { fraction: 0.2, seed: 2 } })));
  });
});
