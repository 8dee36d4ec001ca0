/**
 * The race config validator: what it refuses (with a message naming the field) and what it
 * fills in (PyTorch 1.13's defaults). Row indices in messages are 0-based, like racers[2].
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/config/errors.ts';
import { parseRace, validateRace } from '../../src/core/config/validate.ts';

type Config = Record<string, unknown>;

/** A small valid race: crops5 (5 rows, 3 inputs, 2 targets), one sgd racer. */
function base(): Config {
  return { data: 'crops5', epochs: 3, racers: [{ id: 'a', optimizer: 'sgd', lr: 0.01 }] };
}

function withConfig(changes: Config): Config {
  return { ...base(), ...changes };
}

function withRacers(...racers: Config[]): Config {
  return withConfig({ racers });
}

const X5 = [[1, 2, 3], [4, 5, 6], [7, 8, 10], [1, 0, 1], [2, 2, 0]];
const Y5 = [[1], [2], [3], [4], [5]];

describe('validateRace refuses a bad config with a message naming the field', () => {
  const cases: { name: string; input: Config; expected: string | RegExp }[] = [
    { name: 'unknown top-level field', input: withConfig({ speed: 1 }), expected: /^unknown field "speed" \(expected "name", "data"/ },
    { name: 'missing data', input: { epochs: 3, racers: base().racers }, expected: /^data is required/ },
    { name: 'unknown built-in data set', input: withConfig({ data: 'crops7' }), expected: 'data must be "crops5", "crops15" or an object, got "crops7"' },
    {
      name: 'inline column names, one too few',
      input: withConfig({ data: { inputs: [[1, 2], [3, 4]], targets: [[1], [2]], inputNames: ['a'] } }),
      expected: 'data.inputNames must be 2 column names, got an array of 1',
    },
    {
      name: 'data.inputs row 4 with 2 values (row 0 sets the width to 3)',
      input: withConfig({ data: { inputs: [...X5.slice(0, 4), [2, 2]], targets: Y5 } }),
      expected: 'data.inputs row 4 has 2 values, expected 3',
    },
    {
      name: 'inputs and targets with different row counts',
      input: withConfig({ data: { inputs: X5, targets: Y5.slice(0, 4) } }),
      expected: 'data.inputs has 5 rows but data.targets has 4',
    },
    {
      name: 'non-finite number in inputs (possible from the embed API, not from JSON)',
      input: withConfig({ data: { inputs: [X5[0], [4, Infinity, 6], ...X5.slice(2)], targets: Y5 } }),
      expected: 'data.inputs row 1 value 1 must be a finite number, got Infinity',
    },
    {
      name: 'null in targets',
      input: withConfig({ data: { inputs: X5, targets: [[1], [2], [null], [4], [5]] } }),
      expected: 'data.targets row 2 value 0 must be a finite number, got null',
    },
    { name: 'one data row', input: withConfig({ data: { inputs: [[1]], targets: [[1]] } }), expected: 'data must have at least 2 rows, got 1' },
    {
      name: 'negative learning rate',
      input: withRacers(
        { id: 'a', optimizer: 'sgd', lr: 0.1 },
        { id: 'b', optimizer: 'adam' },
        { id: 'c', optimizer: 'sgd', lr: -1 },
      ),
      expected: /^racers\[2\]\.lr must be a non-negative number, got -1$/,
    },
    { name: 'learning rate as a string', input: withRacers({ id: 'a', optimizer: 'sgd', lr: '0.1' }), expected: 'racers[0].lr must be a non-negative number, got "0.1"' },
    // torch.optim.SGD(params) raises "required parameter lr not specified".
    { name: 'sgd without lr', input: withRacers({ id: 'a', optimizer: 'sgd' }), expected: 'racers[0].lr is required' },
    {
      name: 'unknown optimizer',
      input: withRacers({ id: 'a', optimizer: 'lbfgs', lr: 1 }),
      expected: 'racers[0].optimizer must be one of sgd, adam, adamw, rmsprop, adagrad, got "lbfgs"',
    },
    { name: 'missing optimizer', input: withRacers({ id: 'a', lr: 1 }), expected: /^racers\[0\]\.optimizer must be one of .*, got nothing$/ },
    {
      name: 'unknown hyperparameter "beta" on adam',
      input: withRacers({ id: 'a', optimizer: 'adam', beta: 0.9 }),
      expected: 'racers[0]: unknown hyperparameter "beta" for adam (torch.optim.Adam takes lr, betas, eps, weightDecay, amsgrad)',
    },
    { name: 'momentum on adam', input: withRacers({ id: 'a', optimizer: 'adam', momentum: 0.9 }), expected: 'racers[0]: unknown hyperparameter "momentum" for adam' },
    { name: 'snake_case hyperparameter', input: withRacers({ id: 'a', optimizer: 'sgd', lr: 1, weight_decay: 0.1 }), expected: 'unknown hyperparameter "weight_decay" for sgd' },
    {
      name: 'nesterov without momentum',
      input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, nesterov: true }),
      expected: 'racers[0]: Nesterov momentum requires a momentum and zero dampening (got momentum 0, dampening 0)',
    },
    {
      name: 'nesterov with dampening',
      input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, nesterov: true, momentum: 0.9, dampening: 0.1 }),
      expected: 'racers[0]: Nesterov momentum requires a momentum and zero dampening (got momentum 0.9, dampening 0.1)',
    },
    { name: 'nesterov not a boolean', input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, nesterov: 1 }), expected: 'racers[0].nesterov must be true or false, got 1' },
    { name: 'negative momentum', input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, momentum: -0.5 }), expected: 'racers[0].momentum must be a non-negative number, got -0.5' },
    { name: 'beta2 equal to 1', input: withRacers({ id: 'a', optimizer: 'adam', betas: [0.9, 1] }), expected: 'racers[0].betas[1] must be a number from 0 to below 1, got 1' },
    { name: 'negative beta1', input: withRacers({ id: 'a', optimizer: 'adamw', betas: [-0.1, 0.999] }), expected: 'racers[0].betas[0] must be a number from 0 to below 1, got -0.1' },
    { name: 'betas with one value', input: withRacers({ id: 'a', optimizer: 'adam', betas: [0.9] }), expected: 'racers[0].betas must be a pair [beta1, beta2], got an array of 1' },
    { name: 'negative eps', input: withRacers({ id: 'a', optimizer: 'rmsprop', eps: -1e-8 }), expected: 'racers[0].eps must be a non-negative number, got -1e-8' },
    { name: 'negative rmsprop alpha', input: withRacers({ id: 'a', optimizer: 'rmsprop', alpha: -0.1 }), expected: 'racers[0].alpha must be a non-negative number, got -0.1' },
    { name: 'negative adagrad lrDecay', input: withRacers({ id: 'a', optimizer: 'adagrad', lrDecay: -1 }), expected: 'racers[0].lrDecay must be a non-negative number, got -1' },
    { name: 'negative weightDecay', input: withRacers({ id: 'a', optimizer: 'adamw', weightDecay: -0.01 }), expected: 'racers[0].weightDecay must be a non-negative number, got -0.01' },
    {
      name: 'duplicate racer ids',
      input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1 }, { id: 'b', optimizer: 'adam' }, { id: 'a', optimizer: 'adam' }),
      expected: 'racers[2].id "a" is already used by racers[0]; racer ids must be unique',
    },
    { name: 'empty racer id', input: withRacers({ id: ' ', optimizer: 'adam' }), expected: 'racers[0].id must not be empty' },
    { name: 'racer that is not an object', input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1 }, 'adam' as unknown as Config), expected: 'racers[1] must be an object, got "adam"' },
    {
      name: 'init.w with 1 row for 2 targets',
      input: withConfig({ init: { w: [[1, 2, 3]], b: [0, 0] } }),
      expected: 'init.w has 1 rows, expected 2 (one per target: apples, oranges)',
    },
    {
      name: 'init.w row with 2 values for 3 inputs',
      input: withConfig({ init: { w: [[1, 2, 3], [1, 2]], b: [0, 0] } }),
      expected: 'init.w row 1 has 2 values, expected 3 (one per input: temperature, rainfall, humidity)',
    },
    { name: 'init.b with 3 values for 2 targets', input: withConfig({ init: { w: [[1, 2, 3], [4, 5, 6]], b: [0, 0, 0] } }), expected: 'init.b must be an array of 2 numbers (one per target), got an array of 3' },
    { name: 'init with both a seed and weights', input: withConfig({ init: { seed: 1, w: [[1, 2, 3], [4, 5, 6]] } }), expected: 'init: unknown field "w" (expected "seed")' },
    { name: 'batchSize 0', input: withRacers({ id: 'a', optimizer: 'adam', batchSize: 0 }), expected: /^racers\[0\]\.batchSize must be "full" or an integer .* from 1 to 5, got 0$/ },
    { name: 'batchSize 1.5', input: withRacers({ id: 'a', optimizer: 'adam', batchSize: 1.5 }), expected: /^racers\[0\]\.batchSize .* got 1\.5$/ },
    { name: 'batchSize above the 5 rows', input: withRacers({ id: 'a', optimizer: 'adam', batchSize: 6 }), expected: /^racers\[0\]\.batchSize .*the training set has 5\) from 1 to 5, got 6$/ },
    { name: 'batchSize "half"', input: withRacers({ id: 'a', optimizer: 'adam', batchSize: 'half' }), expected: /^racers\[0\]\.batchSize .* got "half"$/ },
    {
      // crops15 with 20% held out: round(0.2 · 15) = 3 rows held out, 12 left to train on.
      name: 'batchSize 13 after a hold-out split leaves 12 training rows',
      input: withConfig({ data: 'crops15', holdout: { fraction: 0.2 }, racers: [{ id: 'a', optimizer: 'adam', batchSize: 13 }] }),
      expected: /^racers\[0\]\.batchSize .*the training set has 12\) from 1 to 12, got 13$/,
    },
    { name: 'epochs 0', input: withConfig({ epochs: 0 }), expected: 'epochs must be an integer from 1 to 1000000, got 0' },
    { name: 'epochs 1.5', input: withConfig({ epochs: 1.5 }), expected: 'epochs must be an integer from 1 to 1000000, got 1.5' },
    { name: 'epochs 1e7', input: withConfig({ epochs: 1e7 }), expected: 'epochs must be an integer from 1 to 1000000, got 10000000' },
    { name: 'epochs missing', input: { data: 'crops5', racers: base().racers }, expected: 'epochs must be an integer from 1 to 1000000, got nothing' },
    { name: 'no racers', input: withConfig({ racers: [] }), expected: 'racers must have from 1 to 100 racers, got 0' },
    { name: 'racers missing', input: { data: 'crops5', epochs: 3 }, expected: 'racers must be an array of racers, got nothing' },
    { name: 'seed -1', input: withConfig({ seed: -1 }), expected: 'seed must be an integer from 0 to 4294967295, got -1' },
    { name: 'shuffle "yes"', input: withConfig({ shuffle: 'yes' }), expected: 'shuffle must be true or false, got "yes"' },
    { name: 'holdout fraction 0', input: withConfig({ holdout: { fraction: 0 } }), expected: 'holdout.fraction must be between 0 and 1 (exclusive), got 0' },
    { name: 'holdout fraction 1', input: withConfig({ holdout: { fraction: 1 } }), expected: 'holdout.fraction must be between 0 and 1 (exclusive), got 1' },
    {
      // round(0.05 · 5) = 0 rows would be held out.
      name: 'holdout fraction that holds out no row',
      input: withConfig({ holdout: { fraction: 0.05 } }),
      expected: 'holdout.fraction 0.05 of 5 rows leaves 0 for hold-out and 5 for training; both need at least 1',
    },
    {
      // round(0.95 · 5) = 5 rows held out, none left to train on.
      name: 'holdout fraction that leaves no training row',
      input: withConfig({ holdout: { fraction: 0.95 } }),
      expected: 'holdout.fraction 0.95 of 5 rows leaves 5 for hold-out and 0 for training; both need at least 1',
    },
    {
      name: 'inline holdout whose inputs are 2 wide for 3-input data',
      input: withConfig({ holdout: { inputs: [[1, 2]], targets: [[1, 2]] } }),
      expected: 'holdout.inputs row 0 has 2 values, expected 3 (one per input of the training data)',
    },
    {
      name: 'inline holdout whose targets are 1 wide for 2-target data',
      input: withConfig({ holdout: { inputs: [[1, 2, 3]], targets: [[1]] } }),
      expected: 'holdout.targets row 0 has 1 values, expected 2 (one per target of the training data)',
    },
    { name: 'holdout with neither rows nor fraction', input: withConfig({ holdout: {} }), expected: 'holdout must have "inputs" and "targets", or "fraction"' },
    { name: 'synthetic n 1', input: withConfig({ data: { synthetic: { n: 1, features: 2, outputs: 1 } } }), expected: 'data.synthetic.n must be an integer from 2 to 1000000, got 1' },
    { name: 'synthetic features 0', input: withConfig({ data: { synthetic: { n: 10, features: 0, outputs: 1 } } }), expected: 'data.synthetic.features must be an integer from 1 to 256, got 0' },
    { name: 'synthetic features 257', input: withConfig({ data: { synthetic: { n: 10, features: 257, outputs: 1 } } }), expected: 'data.synthetic.features must be an integer from 1 to 256, got 257' },
    { name: 'synthetic outputs 65', input: withConfig({ data: { synthetic: { n: 10, features: 2, outputs: 65 } } }), expected: 'data.synthetic.outputs must be an integer from 1 to 64, got 65' },
    { name: 'synthetic negative noise', input: withConfig({ data: { synthetic: { n: 10, features: 2, outputs: 1, noise: -1 } } }), expected: 'data.synthetic.noise must be a non-negative number, got -1' },
    {
      // 1,000,000 rows × (256 + 64) values is 320 million, above the 20 million bound.
      name: 'synthetic data set too large for memory',
      input: withConfig({ data: { synthetic: { n: 1_000_000, features: 256, outputs: 64 } } }),
      expected: 'data.synthetic has 320000000 values; at most 20000000 are supported',
    },
    { name: 'synthetic unknown field', input: withConfig({ data: { synthetic: { n: 10, features: 2, outputs: 1, rows: 3 } } }), expected: /^data\.synthetic: unknown field "rows"/ },
    { name: 'csv whose target is not a column', input: withConfig({ data: { csv: 'a,b\n1,2\n3,4\n', targets: ['c'] } }), expected: 'data.targets: column "c" is not in the CSV header (columns: a, b)' },
    { name: 'the config is not an object', input: [] as unknown as Config, expected: 'the race config must be an object, got an array of 0' },
    { name: 'unknown clock', input: withConfig({ clock: 'wall' }), expected: /^clock must be "epochs" .* or "compute" .*, got "wall"$/ },
    { name: 'changes not an array', input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, changes: { epoch: 2, lr: 1 } }), expected: /^racers\[0\]\.changes must be an array of changes like/ },
    { name: 'change at epoch 0 (epoch 0 is the start, before any step)', input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, changes: [{ epoch: 0, lr: 1 }] }), expected: 'racers[0].changes[0].epoch must be an epoch from 1 to 3, got 0' },
    { name: 'change after the last epoch', input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, changes: [{ epoch: 4, lr: 1 }] }), expected: 'racers[0].changes[0].epoch must be an epoch from 1 to 3, got 4' },
    {
      name: 'changes out of order',
      input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, changes: [{ epoch: 2, lr: 1 }, { epoch: 2, lr: 2 }] }),
      expected: "racers[0].changes[1].epoch must come after the previous change's epoch 2, got 2",
    },
    { name: 'change that changes nothing', input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, changes: [{ epoch: 2 }] }), expected: 'racers[0].changes[0] changes nothing: give lr, momentum, weightDecay or some of them' },
    { name: 'negative lr in a change', input: withRacers({ id: 'a', optimizer: 'sgd', lr: 0.1, changes: [{ epoch: 2, lr: -1 }] }), expected: 'racers[0].changes[0].lr must be a non-negative number, got -1' },
    {
      // torch's RMSprop has no momentum buffer unless it started with momentum: a change would fail there.
      name: 'momentum change for rmsprop',
      input: withRacers({ id: 'a', optimizer: 'rmsprop', changes: [{ epoch: 2, momentum: 0.9 }] }),
      expected: 'racers[0].changes[0]: "momentum" cannot change during a race for rmsprop (it can change lr, weightDecay)',
    },
    { name: 'betas change for adam', input: withRacers({ id: 'a', optimizer: 'adam', changes: [{ epoch: 1, betas: [0.5, 0.5] }] }), expected: /^racers\[0\]\.changes\[0\]: "betas" cannot change during a race for adam/ },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    expect(() => validateRace(input)).toThrow(ConfigError);
    expect(() => validateRace(input)).toThrow(expected);
  });

  it('every message is one line (the CLI prints it as one)', () => {
    for (const { input } of cases) {
      try {
        validateRace(input);
      } catch (e) {
        expect((e as Error).message).not.toMatch(/[\r\n]/);
      }
    }
  });
});

describe('parseRace', () => {
  it('turns a JSON syntax error into a one-line ConfigError', () => {
    const text = '{\n  "data": "crops5",\n  "epochs": ,\n  "racers": []\n}';
    expect(() => parseRace(text)).toThrow(ConfigError);
    expect(() => parseRace(text)).toThrow(/^the race config is not valid JSON: /);
    // The JSON engine quotes the text around the mistake, newlines included: still one line.
    expect(() => parseRace(text)).not.toThrow(/\n/);
  });

  it('refuses empty text', () => {
    expect(() => parseRace('')).toThrow(/^the race config is not valid JSON/);
  });

  it('names an unknown key that holds a newline on one line', () => {
    expect(() => parseRace('{"a\\nb": 1}')).toThrow('unknown field "a\\nb"');
  });

  it('validates what it parsed', () => {
    expect(parseRace(JSON.stringify(base())).config.epochs).toBe(3);
    expect(() => parseRace(JSON.stringify(withConfig({ epochs: 0 })))).toThrow('epochs must be an integer');
  });
});

describe('validateRace fills in defaults', () => {
  it('shuffle true, normalize false, seed 0, no init, no holdout', () => {
    const { config, holdout } = validateRace(base());
    expect(config).toMatchObject({ shuffle: true, normalize: false, seed: 0, epochs: 3 });
    expect(config.init).toBeUndefined();
    expect(config.holdout).toBeUndefined();
    expect(holdout).toBeNull();
  });

  it('clock "epochs", no changes', () => {
    const { config } = validateRace(base());
    expect(config.clock).toBe('epochs');
    expect(config.racers[0].changes).toEqual([]);
  });

  it('keeps a change schedule as given', () => {
    const changes = [{ epoch: 1, lr: 0.5 }, { epoch: 3, momentum: 0.9, weightDecay: 0.1 }];
    const { config } = validateRace(withConfig({ clock: 'compute', racers: [{ id: 'a', optimizer: 'sgd', lr: 0.1, changes }] }));
    expect(config.clock).toBe('compute');
    expect(config.racers[0].changes).toEqual(changes);
  });

  it('label defaults to the id, batchSize to "full"', () => {
    const { config } = validateRace(withRacers({ id: 'a', optimizer: 'adam' }, { id: 'b', label: 'Bee', optimizer: 'adam', batchSize: 2 }));
    expect(config.racers.map((r) => [r.label, r.batchSize])).toEqual([['a', 'full'], ['Bee', 2]]);
  });

  // torch.optim 1.13 signatures:
  //   SGD(params, lr=required, momentum=0, dampening=0, weight_decay=0, nesterov=False)
  //   Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False)
  //   AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False)
  //   RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False)
  //   Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10)
  const defaults: { name: string; input: Config; expected: Record<string, unknown> }[] = [
    { name: 'sgd', input: { id: 'r', optimizer: 'sgd', lr: 0.1 }, expected: { lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 } },
    { name: 'adam', input: { id: 'r', optimizer: 'adam' }, expected: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false } },
    { name: 'adamw', input: { id: 'r', optimizer: 'adamw' }, expected: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, amsgrad: false } },
    { name: 'rmsprop', input: { id: 'r', optimizer: 'rmsprop' }, expected: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false } },
    { name: 'adagrad', input: { id: 'r', optimizer: 'adagrad' }, expected: { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10 } },
  ];

  it.each(defaults)('$name gets exactly PyTorch 1.13 defaults', ({ input, expected }) => {
    expect(validateRace(withRacers(input)).config.racers[0].options).toStrictEqual(expected);
  });

  it('keeps given hyperparameters and fills only the missing ones', () => {
    const { config } = validateRace(withRacers({ id: 'r', optimizer: 'adam', lr: 0.1, betas: [0.8, 0.99], amsgrad: true }));
    expect(config.racers[0].options).toStrictEqual({ lr: 0.1, betas: [0.8, 0.99], eps: 1e-8, weightDecay: 0, amsgrad: true });
  });

  it('gives each racer its own copy of the default betas', () => {
    const first = validateRace(withRacers({ id: 'a', optimizer: 'adam' }, { id: 'b', optimizer: 'adam' })).config.racers;
    const [a, b] = first.map((r) => r.options as unknown as { betas: number[] });
    a.betas[0] = 0.5; // a UI editing one racer's betas in place
    expect(b.betas).toEqual([0.9, 0.999]);
    const again = validateRace(withRacers({ id: 'c', optimizer: 'adam' })).config.racers[0].options as unknown as { betas: number[] };
    expect(again.betas).toEqual([0.9, 0.999]);
  });

  it('accepts the limits PyTorch accepts', () => {
    // lr 0, nesterov with momentum and no dampening, betas of 0, batch of every row, "full".
    const { config } = validateRace(
      withRacers(
        { id: 'zero', optimizer: 'sgd', lr: 0 },
        { id: 'nesterov', optimizer: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true },
        { id: 'betas0', optimizer: 'adam', betas: [0, 0] },
        { id: 'all', optimizer: 'adam', batchSize: 5 },
        { id: 'full', optimizer: 'adam', batchSize: 'full' },
        { id: 'one', optimizer: 'adam', batchSize: 1 },
      ),
    );
    expect(config.racers.map((r) => r.batchSize)).toEqual(['full', 'full', 'full', 5, 'full', 1]);
  });

  it('splits a hold-out and sizes batches by the training rows', () => {
    const { train, holdout, config } = validateRace(withConfig({ data: 'crops15', holdout: { fraction: 0.2 }, racers: [{ id: 'a', optimizer: 'adam', batchSize: 12 }] }));
    expect([train.rows, holdout?.rows]).toEqual([12, 3]);
    expect(config.holdout).toEqual({ fraction: 0.2 });
  });

  it('keeps an inline hold-out and names its columns like the training data', () => {
    const { train, holdout } = validateRace(withConfig({ holdout: { inputs: [[1, 2, 3]], targets: [[4, 5]] } }));
    expect(train.rows).toBe(5);
    expect(holdout).toMatchObject({ rows: 1, inputs: 3, outputs: 2, inputNames: train.inputNames, targetNames: train.targetNames });
    expect([...holdout!.x, ...holdout!.y]).toEqual([1, 2, 3, 4, 5]);
  });

  it('fills synthetic noise 0.1 and seed 0', () => {
    const { config, train } = validateRace(withConfig({ data: { synthetic: { n: 10, features: 2, outputs: 1 } } }));
    expect(config.data).toEqual({ synthetic: { n: 10, features: 2, outputs: 1, noise: 0.1, seed: 0 } });
    expect([train.rows, train.inputs, train.outputs]).toEqual([10, 2, 1]);
  });

  it('keeps init weights as given', () => {
    const init = { w: [[1, 2, 3], [4, 5, 6]], b: [7, 8] };
    expect(validateRace(withConfig({ init })).config.init).toEqual(init);
    expect(validateRace(withConfig({ init: { seed: 9 } })).config.init).toEqual({ seed: 9 });
  });
});

describe('validateRace refuses holes in arrays (a sparse array can arrive by postMessage)', () => {
  const hole = <T>(items: T[], at: number): T[] => { const a = [...items]; delete a[at]; return a; };
  it.each([
    { name: 'a missing value in a row', input: withConfig({ data: { inputs: [hole([1, 2, 3], 1), ...X5.slice(1)], targets: Y5 } }), expected: 'data.inputs row 0 value 1 is missing' },
    { name: 'a missing row', input: withConfig({ data: { inputs: hole(X5, 2), targets: Y5 } }), expected: 'data.inputs row 2 is missing' },
    { name: 'a missing racer', input: withConfig({ racers: hole([{ id: 'x', optimizer: 'adam' }, { id: 'a', optimizer: 'adam' }], 0) }), expected: 'racers[0] is missing' },
    { name: 'a missing bias', input: withConfig({ init: { w: [[1, 2, 3], [4, 5, 6]], b: hole([0, 0], 1) } }), expected: 'init.b[1] is missing' },
    { name: 'a missing beta', input: withRacers({ id: 'a', optimizer: 'adam', betas: hole([0.9, 0.99], 0) }), expected: 'racers[0].betas[0] is missing' },
    { name: 'a missing column name', input: withConfig({ data: { csv: 'a,b\n1,2\n3,4\n', targets: hole(['b', 'a'], 0) } }), expected: 'data.targets[0] is missing' },
    { name: 'a hold-out row with a missing value', input: withConfig({ holdout: { inputs: [[1, 2, 3]], targets: [hole([1, 2], 1)] } }), expected: 'holdout.targets row 0 value 1 is missing' },
  ])('$name: $expected', ({ input, expected }) => {
    expect(() => validateRace(input)).toThrow(ConfigError);
    expect(() => validateRace(input)).toThrow(expected);
  });
});

describe('validateRace refuses what is not JSON data, by its kind', () => {
  class Spec { data = 'crops5'; epochs = 3; racers = base().racers; }
  it.each([
    { name: 'a Map as data', input: withConfig({ data: new Map([['inputs', X5]]) }), expected: /got a Map$/ },
    { name: 'a class instance as the config', input: new Spec(), expected: 'the race config must be an object, got a Spec' },
    { name: 'a BigInt epoch count', input: withConfig({ epochs: 3n }), expected: 'epochs must be an integer from 1 to 1000000, got a BigInt' },
    { name: 'a boxed number', input: withConfig({ epochs: Object(3) }), expected: 'epochs must be an integer from 1 to 1000000, got a Number' },
    { name: 'a symbol as a name', input: withConfig({ name: Symbol('x') }), expected: 'name must be a string, got a symbol' },
    { name: 'an own __proto__ key', input: withConfig(JSON.parse('{"__proto__": {"epochs": 1}}')), expected: /^unknown field "__proto__"/ },
  ])('$name', ({ input, expected }) => {
    expect(() => validateRace(input)).toThrow(ConfigError);
    expect(() => validateRace(input)).toThrow(expected);
  });

  it('accepts a null-prototype object (what some parsers make)', () => {
    expect(validateRace(Object.assign(Object.create(null), base())).config.epochs).toBe(3);
  });
});

describe('size limits come before the walk over the data', () => {
  it('an inline table of 1,000,001 rows is refused by its row count, before its first row is checked', () => {
    const rows = new Array(1_000_001).fill(['not a number']);
    expect(() => validateRace(withConfig({ data: { inputs: rows, targets: rows } }))).toThrow('data.inputs has 1000001 rows; at most 1000000 are supported');
  });
});
