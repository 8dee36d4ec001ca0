import { describe, expect, test } from 'vitest';
import type { RaceConfigSpec, RacerSpec } from '../../../src/core/config/schema.ts';
import { PALETTE } from '../../../src/ui/palette.ts';
import { PRESETS } from '../../../src/ui/presets.ts';
import {
  addRacer,
  changeOptimizer,
  duplicateRacer,
  moveRacer,
  nextColor,
  pinColors,
  removeRacer,
  setRacerField,
  uniqueId,
  uniqueLabel,
} from '../../../src/ui/setup/spec-edit.ts';

const preset = (name: string) => PRESETS.find((p) => p.name === name)!;

/** Three racers; the second has its own colour, the others take the palette's for their place. */
const three: RaceConfigSpec = {
  data: 'crops15',
  epochs: 10,
  racers: [
    { id: 'gd', label: 'GD', optimizer: 'sgd', lr: 1e-5 },
    { id: 'adam', label: 'Adam', optimizer: 'adam', lr: 0.1, batchSize: 4, color: '#123456' },
    { id: 'rms', optimizer: 'rmsprop' },
  ],
};

describe('uniqueId', () => {
  test.each([
    { name: 'a free slug is used as is', base: 'Adam', taken: ['gd'], expected: 'adam' },
    { name: 'a taken slug gets the first free counter', base: 'Adam', taken: ['adam', 'adam-2'], expected: 'adam-3' },
    { name: 'punctuation and case become one dash', base: 'Mini-batch', taken: [], expected: 'mini-batch' },
    { name: 'an id with a counter is counted on from its stem', base: 'adam-2', taken: ['adam', 'adam-2'], expected: 'adam-3' },
    { name: 'nothing usable falls back to "racer"', base: '***', taken: ['racer'], expected: 'racer-2' },
  ])('$name', ({ base, taken, expected }) => {
    expect(uniqueId(base, taken)).toBe(expected);
  });
});

describe('uniqueLabel', () => {
  test.each([
    { base: 'Adam', taken: ['GD'], expected: 'Adam' },
    { base: 'Adam', taken: ['Adam'], expected: 'Adam 2' },
    { base: 'Adam 2', taken: ['Adam', 'Adam 2'], expected: 'Adam 3' },
  ])('$base among $taken → $expected', ({ base, taken, expected }) => {
    expect(uniqueLabel(base, taken)).toBe(expected);
  });
});

describe('colours', () => {
  test.each([
    // racer 0 shows PALETTE[0], racer 1 its own, racer 2 PALETTE[2]: PALETTE[1] is the first free one.
    { name: 'the first palette colour nobody shows', racers: three.racers, expected: PALETTE[1] },
    { name: 'an empty race starts the palette', racers: [], expected: PALETTE[0] },
    {
      name: 'with every colour shown the palette wraps by position',
      racers: PALETTE.map((_, i) => ({ id: `r${i}`, optimizer: 'sgd' }) as RacerSpec),
      expected: PALETTE[PALETTE.length % PALETTE.length],
    },
  ])('nextColor: $name', ({ racers, expected }) => {
    expect(nextColor(racers)).toBe(expected);
  });

  test('pinColors writes down the colour each racer shows and keeps its own', () => {
    expect(pinColors(three.racers).map((r) => r.color)).toEqual([PALETTE[0], '#123456', PALETTE[2]]);
  });
});

describe('racer list edits', () => {
  test.each([
    {
      name: 'add a preset: fresh id, unique label, first free palette colour',
      edit: (s: RaceConfigSpec) => addRacer(s, preset('Adam')),
      expected: [
        three.racers[0],
        three.racers[1],
        three.racers[2],
        { id: 'adam-2', label: 'Adam 2', optimizer: 'adam', lr: 0.1, batchSize: 4, color: PALETTE[1] },
      ],
    },
    {
      name: 'remove the first: the others keep the colours they showed',
      edit: (s: RaceConfigSpec) => removeRacer(s, 0),
      expected: [three.racers[1], { ...three.racers[2], color: PALETTE[2] }],
    },
    {
      name: 'duplicate the second: the copy follows it with a new id, label and colour',
      edit: (s: RaceConfigSpec) => duplicateRacer(s, 1),
      expected: [
        { ...three.racers[0], color: PALETTE[0] },
        three.racers[1],
        { id: 'adam-2', label: 'Adam 2', optimizer: 'adam', lr: 0.1, batchSize: 4, color: PALETTE[1] },
        { ...three.racers[2], color: PALETTE[2] },
      ],
    },
    {
      name: 'duplicate a racer without a label: the copy’s label comes from the id it is shown by',
      edit: (s: RaceConfigSpec) => duplicateRacer(s, 2),
      expected: [
        { ...three.racers[0], color: PALETTE[0] },
        three.racers[1],
        { ...three.racers[2], color: PALETTE[2] },
        { id: 'rms-2', label: 'rms 2', optimizer: 'rmsprop', color: PALETTE[1] },
      ],
    },
    {
      name: 'move the last up',
      edit: (s: RaceConfigSpec) => moveRacer(s, 2, -1),
      expected: [{ ...three.racers[0], color: PALETTE[0] }, { ...three.racers[2], color: PALETTE[2] }, three.racers[1]],
    },
    {
      name: 'move the first down',
      edit: (s: RaceConfigSpec) => moveRacer(s, 0, 1),
      expected: [three.racers[1], { ...three.racers[0], color: PALETTE[0] }, { ...three.racers[2], color: PALETTE[2] }],
    },
  ])('$name', ({ edit, expected }) => {
    const before = JSON.stringify(three);
    const after = edit(three);
    expect(after.racers).toEqual(expected);
    expect({ ...after, racers: [] }).toEqual({ ...three, racers: [] });
    expect(JSON.stringify(three)).toBe(before); // the spec passed in is never mutated
  });

  test.each([
    { name: 'move the first up', edit: (s: RaceConfigSpec) => moveRacer(s, 0, -1) },
    { name: 'move the last down', edit: (s: RaceConfigSpec) => moveRacer(s, 2, 1) },
    { name: 'remove a racer that is not there', edit: (s: RaceConfigSpec) => removeRacer(s, 3) },
    { name: 'duplicate a racer that is not there', edit: (s: RaceConfigSpec) => duplicateRacer(s, -1) },
  ])('$name changes nothing', ({ edit }) => {
    expect(edit(three)).toBe(three);
  });
});

describe('changeOptimizer', () => {
  const nesterov: RacerSpec = { id: 'nesterov', label: 'Nesterov', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, nesterov: true, batchSize: 4 };
  test.each([
    {
      name: 'SGD → Adam keeps id, label, lr and batch size; momentum and nesterov go',
      racer: nesterov,
      to: 'adam' as const,
      expected: { id: 'nesterov', label: 'Nesterov', optimizer: 'adam', lr: 1e-5, batchSize: 4 },
    },
    {
      name: 'Adam → RMSprop drops betas, eps and amsgrad and keeps the colour',
      racer: { id: 'a', optimizer: 'adam', lr: 0.1, betas: [0.8, 0.99], eps: 1e-6, amsgrad: true, color: '#123456' } as RacerSpec,
      to: 'rmsprop' as const,
      expected: { id: 'a', optimizer: 'rmsprop', lr: 0.1, color: '#123456' },
    },
    {
      name: 'an lr left at Adam’s default (1e-3) is kept as the lr it ran with',
      racer: { id: 'a', optimizer: 'adam' } as RacerSpec,
      to: 'adagrad' as const,
      expected: { id: 'a', optimizer: 'adagrad', lr: 1e-3 },
    },
    {
      name: 'a refused lr is not kept: the new optimizer’s default applies',
      racer: { id: 'a', optimizer: 'adam', lr: -1 } as RacerSpec,
      to: 'adagrad' as const,
      expected: { id: 'a', optimizer: 'adagrad' },
    },
    {
      name: 'a refused lr going to SGD (lr required, no default): the SGD presets’ 1e-5',
      racer: { id: 'a', optimizer: 'adam', lr: 'abc' } as RacerSpec,
      to: 'sgd' as const,
      expected: { id: 'a', optimizer: 'sgd', lr: 1e-5 },
    },
    {
      name: 'a refused batch size is not kept either (the default, full, applies)',
      racer: { id: 'a', label: 'A', optimizer: 'sgd', lr: 1, batchSize: 'half' } as unknown as RacerSpec,
      to: 'adam' as const,
      expected: { id: 'a', label: 'A', optimizer: 'adam', lr: 1 },
    },
  ])('$name', ({ racer, to, expected }) => {
    expect(changeOptimizer(racer, to)).toEqual(expected);
  });

  test('the same optimizer changes nothing', () => {
    expect(changeOptimizer(nesterov, 'sgd')).toBe(nesterov);
  });
});

test.each([
  { name: 'sets a field', key: 'lr', value: 0.5, expected: { id: 'a', optimizer: 'sgd', lr: 0.5, momentum: 0.9 } },
  { name: 'undefined removes it (its default applies)', key: 'momentum', value: undefined, expected: { id: 'a', optimizer: 'sgd', lr: 1 } },
  { name: 'keeps refused text for the validator to name', key: 'lr', value: '1e-', expected: { id: 'a', optimizer: 'sgd', lr: '1e-', momentum: 0.9 } },
])('setRacerField $name', ({ key, value, expected }) => {
  const racer: RacerSpec = { id: 'a', optimizer: 'sgd', lr: 1, momentum: 0.9 };
  expect(setRacerField(racer, key, value)).toEqual(expected);
  expect(racer).toEqual({ id: 'a', optimizer: 'sgd', lr: 1, momentum: 0.9 });
});
