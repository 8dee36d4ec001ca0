import { expect, test } from 'vitest';
import { errorField, errorPath } from '../../../src/ui/setup/field-error.ts';
import { parseBatchSize } from '../../../src/ui/setup/fields.ts';
import { formatNumberText, parseNumberText } from '../../../src/ui/setup/number-text.ts';

test.each([
  { text: '0.001', expected: 0.001 },
  { text: '1e-5', expected: 1e-5 },
  { text: ' 2E3 ', expected: 2000 },
  { text: '-1', expected: -1 },
  { text: '.5', expected: 0.5 },
  { text: '', expected: undefined },
  { text: '   ', expected: undefined },
  { text: '1e-', expected: '1e-' },
  { text: 'abc', expected: 'abc' },
  { text: 'Infinity', expected: 'Infinity' },
])('parseNumberText($text)', ({ text, expected }) => {
  expect(parseNumberText(text)).toBe(expected);
});

test.each([
  { value: 1e-5, expected: '0.00001' },
  { value: 1e-8, expected: '1e-8' },
  { value: undefined, expected: '' },
  { value: '1e-', expected: '1e-' },
])('formatNumberText($value)', ({ value, expected }) => {
  expect(formatNumberText(value)).toBe(expected);
});

test.each([
  { text: 'full', expected: 'full' },
  { text: 'Full ', expected: 'full' },
  { text: '4', expected: 4 },
  { text: '2.5', expected: 2.5 },
  { text: '', expected: undefined },
  { text: 'half', expected: 'half' },
])('parseBatchSize($text)', ({ text, expected }) => {
  expect(parseBatchSize(text)).toBe(expected);
});

test.each([
  { message: 'racers[2].lr must be a non-negative number, got -1', expected: 'racers[2].lr' },
  { message: 'racers[0].betas[1] must be a number from 0 to below 1, got 1', expected: 'racers[0].betas[1]' },
  { message: 'racers[4]: Nesterov momentum requires a momentum and zero dampening', expected: 'racers[4]' },
  { message: 'epochs must be an integer from 1 to 1000000, got 0', expected: 'epochs' },
  { message: 'csv line 7: "abc" is not a number (column "rainfall")', expected: 'csv' },
  { message: 'data.synthetic.n must be an integer from 2 to 1000000, got 1', expected: 'data.synthetic.n' },
])('errorPath: $expected', ({ message, expected }) => {
  expect(errorPath(message)).toBe(expected);
});

test.each([
  { name: 'a message naming a field on screen goes there', message: 'racers[1].lr must be …', edited: 'racers[1].lr', expected: 'racers[1].lr' },
  { name: 'even when another field was edited', message: 'racers[1].batchSize must be …', edited: 'epochs', expected: 'racers[1].batchSize' },
  { name: 'a rule across fields goes to the edited one', message: 'racers[0]: Nesterov momentum requires …', edited: 'racers[0].nesterov', expected: 'racers[0].nesterov' },
  { name: 'a path with no field of its own goes to the edited one', message: 'racers[0].betas must be a pair', edited: 'racers[0].betas[1]', expected: 'racers[0].betas[1]' },
])('errorField: $name', ({ message, edited, expected }) => {
  const fields = new Set(['epochs', 'racers[1].lr', 'racers[1].batchSize', 'racers[0].nesterov', 'racers[0].betas[0]', 'racers[0].betas[1]']);
  expect(errorField(message, edited, fields)).toBe(expected);
});
