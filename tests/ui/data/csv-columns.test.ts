import { expect, test } from 'vitest';
import { defaultColumns, headerOf, setInput, setTarget } from '../../../src/ui/data/csv-columns.ts';

const header = ['a', 'b', 'y1', 'y2'];

test.each([
  { text: 'a,b,y\n1,2,3', expected: ['a', 'b', 'y'] },
  { text: 'a;b\n1;2', expected: ['a', 'b'] },
  { text: '', expected: [] },
  { text: '"a,b\n1', expected: [] }, // an unclosed quote while pasting: no header yet
])('headerOf($text)', ({ text, expected }) => {
  expect(headerOf(text)).toEqual(expected);
});

test.each([
  { name: 'the last column is the target, every other an input', kept: undefined, expected: { targets: ['y2'], inputs: ['a', 'b', 'y1'] } },
  { name: 'the loaded choice when it fits', kept: { targets: ['y1', 'y2'] }, expected: { targets: ['y1', 'y2'], inputs: ['a', 'b'] } },
  { name: 'the loaded inputs too', kept: { targets: ['y1'], inputs: ['b'] }, expected: { targets: ['y1'], inputs: ['b'] } },
  { name: 'not a choice whose target is gone', kept: { targets: ['z'] }, expected: { targets: ['y2'], inputs: ['a', 'b', 'y1'] } },
])('defaultColumns: $name', ({ kept, expected }) => {
  expect(defaultColumns(header, kept)).toEqual(expected);
});

test.each([
  {
    name: 'ticking a target takes it out of the inputs',
    edit: () => setTarget(header, { targets: ['y2'], inputs: ['a', 'b', 'y1'] }, 'y1', true),
    expected: { targets: ['y1', 'y2'], inputs: ['a', 'b'] },
  },
  {
    name: 'unticking a target puts it back among the inputs, in header order',
    edit: () => setTarget(header, { targets: ['b', 'y2'], inputs: ['a', 'y1'] }, 'b', false),
    expected: { targets: ['y2'], inputs: ['a', 'b', 'y1'] },
  },
  {
    name: 'unticking an input',
    edit: () => setInput(header, { targets: ['y2'], inputs: ['a', 'b', 'y1'] }, 'y1', false),
    expected: { targets: ['y2'], inputs: ['a', 'b'] },
  },
  {
    name: 'a target cannot be ticked as an input',
    edit: () => setInput(header, { targets: ['y2'], inputs: ['a'] }, 'y2', true),
    expected: { targets: ['y2'], inputs: ['a'] },
  },
])('$name', ({ edit, expected }) => {
  expect(edit()).toEqual(expected);
});
