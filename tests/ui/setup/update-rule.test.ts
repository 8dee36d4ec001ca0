import { describe, expect, test } from 'vitest';
import type { RacerSpec } from '../../../src/core/config/schema.ts';
import { mathText, scientific, updateRule } from '../../../src/ui/setup/update-rule.ts';

/** The rule's lines as plain text, notes left out. */
const lines = (racer: Omit<RacerSpec, 'id'>) => updateRule({ id: 'r', ...racer } as RacerSpec).lines.map((l) => mathText(l.math));

describe('update rules with live hyperparameters (src/core/optim doc comments)', () => {
  test.each([
    {
      name: 'SGD: plain gradient step with the live lr',
      racer: { optimizer: 'sgd', lr: 1e-5 },
      expected: ['g ← ∇L(θ)', 'θ ← θ − 0.00001·g'],
    },
    {
      name: 'SGD with weight decay: λ·θ joins the gradient',
      racer: { optimizer: 'sgd', lr: 0.1, weightDecay: 0.01 },
      expected: ['g ← ∇L(θ) + 0.01·θ', 'θ ← θ − 0.1·g'],
    },
    {
      name: 'SGD momentum: the buffer replaces the gradient',
      racer: { optimizer: 'sgd', lr: 1e-5, momentum: 0.9 },
      expected: ['g ← ∇L(θ)', 'b ← 0.9·b + g', 'g ← b', 'θ ← θ − 0.00001·g'],
    },
    {
      name: 'SGD momentum with dampening: (1 − τ) weighs the new gradient',
      racer: { optimizer: 'sgd', lr: 1e-5, momentum: 0.9, dampening: 0.5 },
      expected: ['g ← ∇L(θ)', 'b ← 0.9·b + (1 − 0.5)·g', 'g ← b', 'θ ← θ − 0.00001·g'],
    },
    {
      name: 'SGD Nesterov: the gradient plus μ·b',
      racer: { optimizer: 'sgd', lr: 1e-5, momentum: 0.9, nesterov: true },
      expected: ['g ← ∇L(θ)', 'b ← 0.9·b + g', 'g ← g + 0.9·b', 'θ ← θ − 0.00001·g'],
    },
    {
      name: 'Adam at its defaults: bias-corrected step',
      racer: { optimizer: 'adam' },
      expected: ['g ← ∇L(θ)', 'm ← 0.9·m + (1 − 0.9)·g', 'v ← 0.999·v + (1 − 0.999)·g²', 'θ ← θ − 0.001/(1 − 0.9^t)·m/(√v/√(1 − 0.999^t) + 1e−8)'],
    },
    {
      name: 'Adam with L2 weight decay and AMSGrad: the max of v is the denominator',
      racer: { optimizer: 'adam', lr: 0.1, betas: [0.8, 0.99], weightDecay: 0.5, amsgrad: true },
      expected: [
        'g ← ∇L(θ) + 0.5·θ',
        'm ← 0.8·m + (1 − 0.8)·g',
        'v ← 0.99·v + (1 − 0.99)·g²',
        'v_max ← max(v_max, v)',
        'θ ← θ − 0.1/(1 − 0.8^t)·m/(√v_max/√(1 − 0.99^t) + 1e−8)',
      ],
    },
    {
      name: 'AdamW: decoupled decay θ(1 − lr·λ) after the gradient, which stays plain',
      racer: { optimizer: 'adamw', lr: 0.1 },
      expected: [
        'g ← ∇L(θ)',
        'θ ← θ(1 − 0.1·0.01)',
        'm ← 0.9·m + (1 − 0.9)·g',
        'v ← 0.999·v + (1 − 0.999)·g²',
        'θ ← θ − 0.1/(1 − 0.9^t)·m/(√v/√(1 − 0.999^t) + 1e−8)',
      ],
    },
    {
      name: 'AdamW with weight decay 0: no decay line',
      racer: { optimizer: 'adamw', weightDecay: 0 },
      expected: ['g ← ∇L(θ)', 'm ← 0.9·m + (1 − 0.9)·g', 'v ← 0.999·v + (1 − 0.999)·g²', 'θ ← θ − 0.001/(1 − 0.9^t)·m/(√v/√(1 − 0.999^t) + 1e−8)'],
    },
    {
      name: 'RMSprop at its defaults',
      racer: { optimizer: 'rmsprop' },
      expected: ['g ← ∇L(θ)', 'v ← 0.99·v + (1 − 0.99)·g²', 'θ ← θ − 0.01·g/(√v + 1e−8)'],
    },
    {
      name: 'RMSprop centered with momentum',
      racer: { optimizer: 'rmsprop', lr: 0.001, centered: true, momentum: 0.5 },
      expected: ['g ← ∇L(θ)', 'v ← 0.99·v + (1 − 0.99)·g²', 'm ← 0.99·m + (1 − 0.99)·g', 'b ← 0.5·b + g/(√(v − m²) + 1e−8)', 'θ ← θ − 0.001·b'],
    },
    {
      name: 'Adagrad: the accumulator divides the step',
      racer: { optimizer: 'adagrad', lr: 0.5 },
      expected: ['g ← ∇L(θ)', 's ← s + g²', 'θ ← θ − 0.5·g/(√s + 1e−10)'],
    },
    {
      name: 'Adagrad with lr decay: γ_t shrinks with the step count',
      racer: { optimizer: 'adagrad', lrDecay: 0.1, weightDecay: 0.2 },
      expected: ['g ← ∇L(θ) + 0.2·θ', 'γ_t ← 0.01/(1 + (t − 1)·0.1)', 's ← s + g²', 'θ ← θ − γ_t·g/(√s + 1e−10)'],
    },
  ])('$name', ({ racer, expected }) => {
    expect(lines(racer as Omit<RacerSpec, 'id'>)).toEqual(expected);
  });

  test.each([
    { racer: { optimizer: 'sgd', lr: 1, momentum: 0.9 }, note: 'on the first step: b ← g' },
    { racer: { optimizer: 'adagrad', initialAccumulatorValue: 0.1 }, note: 's starts at 0.1.' },
    { racer: { optimizer: 'rmsprop', centered: true }, note: 'v and m start at 0.' },
    { racer: { optimizer: 'adam', amsgrad: true }, note: 't = 1, 2, … counts steps; m, v and v_max start at 0.' },
  ])('says where the state starts: $note', ({ racer, note }) => {
    const rule = updateRule({ id: 'r', ...racer } as RacerSpec);
    expect([...rule.lines.map((l) => l.note), ...rule.notes]).toContain(note);
  });
});

test.each([
  { value: 0.001, expected: { mantissa: '0.001', exponent: null } },
  { value: 1e-8, expected: { mantissa: '1', exponent: '−8' } },
  { value: 2.5e-10, expected: { mantissa: '2.5', exponent: '−10' } },
  { value: -0.5, expected: { mantissa: '−0.5', exponent: null } },
  { value: 3e21, expected: { mantissa: '3', exponent: '21' } },
])('scientific($value)', ({ value, expected }) => {
  expect(scientific(value)).toEqual(expected);
});
