import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/config/errors.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { defaultRace } from '../../src/default-race.ts';
import { labelledMessage } from '../../src/ui/field-labels.ts';

/** The validator's message for a config, as the CLI prints it. */
function messageOf(spec: unknown): string {
  try {
    validateRace(spec);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('valid');
}

const racer0 = (fields: object) => ({ ...defaultRace, racers: [{ ...defaultRace.racers[0], ...fields }, ...defaultRace.racers.slice(1)] });

describe('labelledMessage: the field by its visible label, the CLI message otherwise unchanged', () => {
  it.each([
    { name: 'a racer\'s learning rate', spec: racer0({ lr: -1 }), cli: 'racers[0].lr must be a non-negative number, got -1', ui: 'Learning rate of GD must be a non-negative number, got -1' },
    { name: 'a beta', spec: { ...defaultRace, racers: [{ id: 'a', label: 'Adam', optimizer: 'adam', betas: [0.9, 1] }] }, cli: 'racers[0].betas[1] must be a number from 0 to below 1, got 1', ui: 'β₂ of Adam must be a number from 0 to below 1, got 1' },
    { name: 'a rule across a racer\'s fields', spec: racer0({ nesterov: true }), cli: /^racers\[0\]: /, ui: /^GD: / },
    {
      name: 'the synthetic generator\'s rows',
      spec: { ...defaultRace, data: { synthetic: { n: 1.5, features: 2, outputs: 1 } } },
      cli: /^data\.synthetic\.n must be an integer/,
      ui: /^Rows of the synthetic data must be an integer/,
    },
    { name: 'epochs', spec: { ...defaultRace, epochs: 0 }, cli: /^epochs must be/, ui: /^Epochs must be/ },
    { name: 'a CSV line stays a CSV line', spec: { ...defaultRace, data: { csv: 'x,y\n1,2\n3,abc\n', targets: ['y'] } }, cli: 'csv line 3: "abc" is not a number (column "y")', ui: 'CSV line 3: "abc" is not a number (column "y")' },
  ])('$name', ({ spec, cli, ui }) => {
    const message = messageOf(spec);
    if (typeof cli === 'string') expect(message).toBe(cli);
    else expect(message).toMatch(cli);
    const shown = labelledMessage(message, spec as typeof defaultRace);
    if (typeof ui === 'string') expect(shown).toBe(ui);
    else expect(shown).toMatch(ui);
  });

  it('keeps the path on the error for the UI to map', () => {
    expect(new ConfigError('racers[2].lr must be a non-negative number, got -1').path).toBe('racers[2].lr');
    expect(new ConfigError('something about the data', 'data.csv').path).toBe('data.csv');
  });
});
