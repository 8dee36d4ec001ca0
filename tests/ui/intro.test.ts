import { describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/core/data/dataset.ts';
import { BUILTIN_DATASETS } from '../../src/core/data/builtin.ts';
import { introSentence, listWords } from '../../src/ui/intro.ts';

describe('introSentence', () => {
  it.each([
    {
      name: 'the seed lesson',
      racers: 6,
      train: BUILTIN_DATASETS.crops15(),
      expected:
        'Six optimizers race to fit the same line: apples and oranges from temperature, rainfall and humidity, 15 rows. Press Play: the first to reach the dotted finish line, the best fit there is, wins.',
    },
    {
      name: 'one racer does not race',
      racers: 1,
      train: datasetFromRows([[1], [2]], [[3], [4]], ['x'], ['y']),
      expected: 'One optimizer fits the same line: y from x, 2 rows. Press Play: the first to reach the dotted finish line, the best fit there is, wins.',
    },
    {
      name: 'many columns and racers read as counts',
      racers: 30,
      train: datasetFromRows([[1, 2, 3, 4, 5]], [[1]], ['a', 'b', 'c', 'd', 'e'], ['y']),
      expected: '30 optimizers race to fit the same line: y from 5 inputs, 1 row. Press Play: the first to reach the dotted finish line, the best fit there is, wins.',
    },
  ])('$name', ({ racers, train, expected }) => {
    expect(introSentence(racers, train)).toBe(expected);
  });

  it.each([
    { words: [], expected: '' },
    { words: ['a'], expected: 'a' },
    { words: ['a', 'b'], expected: 'a and b' },
    { words: ['a', 'b', 'c'], expected: 'a, b and c' },
  ])('listWords($words)', ({ words, expected }) => expect(listWords(words)).toBe(expected));
});
