/**
 * The validator as a gate, over generated configs: near-valid ones with fields swapped for
 * holes, `__proto__` keys and values JSON has no word for. Whatever comes in, validateRace
 * returns or throws a ConfigError (never a TypeError); what it accepts, a worker accepts too
 * (it gets the config as JSON text), and every racer of it can start and run an epoch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/config/errors.ts';
import { parseRace, validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { RacerRun } from '../../src/core/race/racer-run.ts';
import { epochOrder } from '../../src/core/race/run-race.ts';

/** Values no JSON text holds, or that JSON.stringify changes. */
const strange = fc.constantFrom<unknown>(
  undefined, null, NaN, Infinity, -Infinity, -0, 1e300, 10n, Symbol('s'), () => 1,
  new Map([['a', 1]]), new Set([1]), new Date(0), Object(3), Object('crops5'), new Float64Array(2),
  Object.create(null), JSON.parse('{"__proto__": {"epochs": 2}}'), [], {}, '', 'full', true,
);

/**
 * Race configs of crops-shaped data (3 inputs, 2 targets). Clean ones are mostly valid;
 * noisy ones put a hole, an own `__proto__` key or a strange value here and there.
 */
function configs(noisy: boolean) {
  /** Usually the valid value, sometimes something strange in its place. */
  const mostly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => (noisy ? fc.oneof({ weight: 15, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: strange }) : valid);

  /** An array that may have holes (`[1, , 3]`) or a strange item. */
  const items = <T>(item: fc.Arbitrary<T>, min: number, max: number): fc.Arbitrary<unknown[]> =>
    !noisy
      ? fc.array(item, { minLength: min, maxLength: max })
      : fc.oneof(
          { weight: 12, arbitrary: fc.array(mostly(item), { minLength: min, maxLength: max }) },
          { weight: 1, arbitrary: fc.sparseArray(mostly(item), { minNumElements: Math.max(0, min - 1), maxLength: max }) },
        );

  /** Column names in one of these orders, or (noisy) any names with holes. */
  const names = (orders: string[][]) => (noisy ? fc.oneof(fc.constantFrom(...orders), items(fc.constantFrom(...orders[0]), orders[0].length, orders[0].length)) : fc.constantFrom(...orders));

  const number = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -10, max: 10, noNaN: true }));
  const matrix = (rows: number, width: number) => items(items(number, width, width), rows, rows);

  /** An object whose keys may include an own `__proto__` (as JSON.parse makes it). */
  const withProto = <T extends object>(o: fc.Arbitrary<T>) =>
    fc.tuple(o, noisy ? fc.oneof({ weight: 10, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: strange }) : fc.constant(undefined)).map(([value, proto]) =>
      proto === undefined ? value : Object.defineProperty({ ...value }, '__proto__', { value: proto, enumerable: true, configurable: true, writable: true }),
    );

  // Every data set has 3 inputs and 2 targets, like crops5 and crops15, so that a hold-out
  // set or init weights of that shape fit whichever data was drawn.
  const data = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom('crops5', 'crops15') },
    { weight: 2, arbitrary: fc.integer({ min: 2, max: 6 }).chain((n) => withProto(fc.record({ inputs: matrix(n, 3), targets: matrix(n, 2) }))) },
    {
      weight: 2,
      arbitrary: withProto(
        fc.record(
          { csv: mostly(fc.constantFrom('a,b,c,y,z\n1,2,3,4,5\n4,5,7,1,0\n0,1,1,2,2\n', 'a;b;c;y;z\n1;2;3;4;5\n3;4;0;1;1\n')), targets: names([['y', 'z'], ['z', 'y']]), inputs: names([['a', 'b', 'c'], ['c', 'a', 'b']]) },
          { requiredKeys: ['csv', 'targets'] },
        ),
      ),
    },
    { weight: 2, arbitrary: withProto(fc.record({ synthetic: withProto(fc.record({ n: mostly(fc.integer({ min: 2, max: 12 })), features: mostly(fc.constant(3)), outputs: mostly(fc.constant(2)) })) })) },
    ...(noisy ? [{ weight: 1, arbitrary: strange }] : []),
  );

  /** Each optimizer with hyperparameters of its own (another's would be refused every time). */
  const hyperparameters = fc.oneof(
    fc.record({ optimizer: fc.constant('sgd'), lr: mostly(fc.constantFrom(0, 1e-3, 0.1, 10)), momentum: mostly(fc.constantFrom(0, 0.9)) }, { requiredKeys: ['optimizer', 'lr'] }),
    fc.record({ optimizer: fc.constantFrom('adam', 'adamw'), lr: mostly(fc.constantFrom(1e-3, 0.1)), betas: items(fc.constantFrom(0, 0.5, 0.9), 2, 2) }, { requiredKeys: ['optimizer'] }),
    fc.record({ optimizer: fc.constantFrom('rmsprop', 'adagrad'), lr: mostly(fc.constantFrom(1e-3, 0.1)) }, { requiredKeys: ['optimizer'] }),
    ...(noisy ? [fc.record({ optimizer: strange })] : []),
  );

  const racer = withProto(
    fc
      .tuple(
        fc.record(
          { id: mostly(fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor')), batchSize: mostly(fc.constantFrom<unknown>('full', 1, 2, 3)), label: mostly(fc.string({ maxLength: 5 })) },
          { requiredKeys: ['id'] },
        ),
        hyperparameters,
      )
      .map(([common, hyper]) => ({ ...common, ...hyper })),
  );

  return withProto(
    fc.record(
      {
        name: mostly(fc.string({ maxLength: 5 })),
        data,
        holdout: mostly(fc.oneof(fc.record({ fraction: mostly(fc.constantFrom(0.2, 0.5)) }), fc.record({ inputs: matrix(1, 3), targets: matrix(1, 2) }))),
        normalize: mostly(fc.boolean()),
        init: mostly(fc.oneof(fc.record({ seed: mostly(fc.nat(9)) }), fc.record({ w: matrix(2, 3), b: items(number, 2, 2) }))),
        epochs: mostly(fc.integer({ min: 1, max: 3 })),
        shuffle: mostly(fc.boolean()),
        seed: mostly(fc.nat(9)),
        racers: items(racer, 1, 3),
      },
      { requiredKeys: ['data', 'epochs', 'racers'] },
    ),
  );
}

const config = fc.oneof(configs(false), configs(true));

describe('validateRace over generated configs', () => {
  it('returns or throws a ConfigError; what it accepts a worker accepts, and every racer runs an epoch', () => {
    let accepted = 0;
    fc.assert(
      fc.property(config, (raw) => {
        let valid;
        try {
          valid = validateRace(raw);
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          return;
        }
        accepted++;
        // The worker gets JSON text: it must read the same race, not refuse it.
        expect(JSON.stringify(parseRace(JSON.stringify(raw)).config)).toBe(JSON.stringify(valid.config));
        const race = prepareRace(valid);
        for (const r of race.config.racers) {
          const run = new RacerRun(race, r, false);
          run.start();
          if (!run.done) run.next(epochOrder(race, 1));
        }
      }),
      { numRuns: 600, seed: 7 },
    );
    // The generator must reach the accepting side often enough for the second half to mean something.
    expect(accepted).toBeGreaterThan(30);
  }, 30_000); // about a second alone, several on a loaded machine
});
