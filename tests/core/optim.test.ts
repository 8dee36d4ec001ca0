/**
 * torch.optim update rules, step by step, on one parameter with a gradient set by hand.
 * Every expectation is worked out in the comment above it from PyTorch 1.13's documented
 * algorithm; the golden-trajectory tests check the same rules end to end.
 */
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/core/autograd/tensor.ts';
import type { Racer } from '../../src/core/config/schema.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { createOptimizer } from '../../src/core/optim/index.ts';

/** A validated racer with these hyperparameters (PyTorch's defaults for the rest). */
function racer(spec: Record<string, unknown>): Racer {
  return validateRace({ data: 'crops5', epochs: 1, racers: [{ id: 'r', ...spec }] }).config.racers[0];
}

/** Runs one step per gradient in `grads` from p = `start`, returns p after each step. */
function trajectory(spec: Record<string, unknown>, grads: number[], start = 1): number[] {
  const p = Tensor.from([start], true);
  const optimizer = createOptimizer(racer(spec), [p]);
  return grads.map((g) => {
    optimizer.zeroGrad();
    p.grad!.data[0] = g;
    optimizer.step();
    return p.value.data[0];
  });
}

const EPS = 1e-12;

describe.each([
  {
    name: 'SGD',
    spec: { optimizer: 'sgd', lr: 0.1 },
    grads: [2, 2],
    // p = 1 − 0.1·2 = 0.8; then 0.8 − 0.2 = 0.6
    expected: [0.8, 0.6],
  },
  {
    name: 'SGD with weight decay',
    spec: { optimizer: 'sgd', lr: 0.1, weightDecay: 0.5 },
    grads: [2],
    // g = 2 + 0.5·1 = 2.5 → p = 1 − 0.25 = 0.75
    expected: [0.75],
  },
  {
    name: 'SGD momentum (heavy ball)',
    spec: { optimizer: 'sgd', lr: 0.1, momentum: 0.9 },
    grads: [2, 2],
    // buf = g = 2 (first step) → p = 0.8; buf = 0.9·2 + 2 = 3.8 → p = 0.8 − 0.38 = 0.42
    expected: [0.8, 0.42],
  },
  {
    name: 'SGD momentum with dampening',
    spec: { optimizer: 'sgd', lr: 0.1, momentum: 0.9, dampening: 0.5 },
    grads: [2, 2],
    // first step is not dampened: buf = 2 → 0.8; buf = 0.9·2 + 0.5·2 = 2.8 → 0.8 − 0.28 = 0.52
    expected: [0.8, 0.52],
  },
  {
    name: 'SGD Nesterov',
    spec: { optimizer: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true },
    grads: [2, 2],
    // buf = 2, g = 2 + 0.9·2 = 3.8 → 1 − 0.38 = 0.62
    // buf = 0.9·2 + 2 = 3.8, g = 2 + 0.9·3.8 = 5.42 → 0.62 − 0.542 = 0.078
    expected: [0.62, 0.078],
  },
  {
    name: 'Adam',
    spec: { optimizer: 'adam', lr: 0.1, eps: 0 },
    grads: [2, 2],
    // t=1: m = 0.2, v = 0.004, step = 0.1/0.1 · 0.2 / (√0.004/√0.001) = 0.1 → 0.9
    // t=2: m = 0.38, v = 0.007996, 1−β1² = 0.19, 1−β2² = 0.001999: √(v/0.001999) = 2
    //      step = 0.1/0.19 · 0.38 / 2 = 0.1 → 0.8
    expected: [0.9, 0.8],
  },
  {
    name: 'Adam with L2 weight decay (coupled into the gradient)',
    spec: { optimizer: 'adam', lr: 0.1, eps: 0, weightDecay: 1 },
    grads: [-0.5],
    // g = −0.5 + 1·1 = +0.5: the decay flips the sign, and Adam's first step is lr·sign(g)
    // → p = 1 − 0.1 = 0.9 (without the decay it would be 1.1)
    expected: [0.9],
  },
  {
    name: 'AdamW decays the weight before the Adam step',
    spec: { optimizer: 'adamw', lr: 0.1, eps: 0, weightDecay: 0.5 },
    grads: [2],
    // p = 1 · (1 − 0.1·0.5) = 0.95, then the Adam step of 0.1 → 0.85
    expected: [0.85],
  },
  {
    name: 'Adam AMSGrad keeps the largest second moment',
    spec: { optimizer: 'adam', lr: 0.1, eps: 0, amsgrad: true, betas: [0, 0.5] },
    grads: [2, 0.5],
    // β1 = 0: m = g. t=1: v = 0.5·4 = 2, vmax = 2, step = 0.1 · 2 / (√2/√0.5) = 0.1 → 0.9
    // t=2: v = 0.5·2 + 0.5·0.25 = 1.125, vmax = 2, 1−β2² = 0.75:
    //      step = 0.1 · 0.5 / (√2/√0.75) = 0.05·√0.375 → 0.9 − 0.05·√0.375
    expected: [0.9, 0.9 - 0.05 * Math.sqrt(0.375)],
  },
  {
    name: 'RMSprop',
    spec: { optimizer: 'rmsprop', lr: 0.01, eps: 0 },
    grads: [2],
    // v = 0.01·4 = 0.04, avg = 0.2 → p = 1 − 0.01·2/0.2 = 0.9
    expected: [0.9],
  },
  {
    name: 'RMSprop centered',
    spec: { optimizer: 'rmsprop', lr: 0.01, eps: 0, alpha: 0.75, centered: true },
    grads: [2],
    // v = 0.25·4 = 1, m = 0.25·2 = 0.5, avg = √(1 − 0.25) = √0.75 → p = 1 − 0.02/√0.75
    expected: [1 - 0.02 / Math.sqrt(0.75)],
  },
  {
    name: 'RMSprop with momentum',
    spec: { optimizer: 'rmsprop', lr: 0.01, eps: 0, alpha: 0.75, momentum: 0.5 },
    grads: [2, 2],
    // t=1: v = 1, buf = 2/1 = 2 → p = 1 − 0.02 = 0.98
    // t=2: v = 0.75 + 1 = 1.75, buf = 0.5·2 + 2/√1.75 → p = 0.98 − 0.01·buf
    expected: [0.98, 0.98 - 0.01 * (1 + 2 / Math.sqrt(1.75))],
  },
  {
    name: 'Adagrad',
    spec: { optimizer: 'adagrad', lr: 0.5, eps: 0 },
    grads: [2, 2],
    // sum = 4 → p = 1 − 0.5·2/2 = 0.5; sum = 8 → p = 0.5 − 0.5·2/√8 = 0.5 − 1/√8
    expected: [0.5, 0.5 - 1 / Math.sqrt(8)],
  },
  {
    name: 'Adagrad with lrDecay',
    spec: { optimizer: 'adagrad', lr: 0.5, eps: 0, lrDecay: 0.5 },
    grads: [2, 2],
    // t=2: clr = 0.5 / (1 + 1·0.5) = 1/3 → p = 0.5 − (1/3)·2/√8
    expected: [0.5, 0.5 - 2 / 3 / Math.sqrt(8)],
  },
  {
    name: 'Adagrad with initialAccumulatorValue',
    spec: { optimizer: 'adagrad', lr: 0.5, eps: 0, initialAccumulatorValue: 5 },
    grads: [2],
    // sum = 5 + 4 = 9 → p = 1 − 0.5·2/3 = 2/3
    expected: [2 / 3],
  },
  {
    name: 'Adagrad with weight decay',
    spec: { optimizer: 'adagrad', lr: 0.5, eps: 0, weightDecay: 1 },
    grads: [1],
    // g = 1 + 1 = 2, sum = 4 → p = 1 − 0.5·2/2 = 0.5
    expected: [0.5],
  },
])('$name', ({ spec, grads, expected }) => {
  it(`takes ${expected.length} step(s) as torch.optim does`, () => {
    const got = trajectory(spec, grads);
    got.forEach((p, i) => {
      expect(Math.abs(p - expected[i])).toBeLessThan(EPS);
    });
  });
});

describe('hyperparameters can change mid-run, like editing param_groups[0]', () => {
  // One parameter p = 1 with a constant gradient, stepped three times; `set` runs after the first step.
  it.each([
    // sgd lr 0.1, grad 1: 1 − 0.1 = 0.9; lr 0.5: 0.9 − 0.5 = 0.4; 0.4 − 0.5 = −0.1
    { name: 'lr', spec: { optimizer: 'sgd', lr: 0.1 }, grad: 1, set: ['lr', 0.5], expected: [0.9, 0.4, -0.1] },
    // momentum switched on at step 2 starts its buffer from step 2's gradient, as torch's
    // momentum_buffer is None until then: buf = 1, p = 0.9 − 0.1 = 0.8; then
    // buf = 0.9 · 1 + (1 − 0.5) · 1 = 1.4, p = 0.8 − 0.14 = 0.66 (a zero buffer from step 1
    // would give buf = 0.5 and p = 0.85 at step 2)
    { name: 'momentum (sgd)', spec: { optimizer: 'sgd', lr: 0.1, dampening: 0.5 }, grad: 1, set: ['momentum', 0.9], expected: [0.9, 0.8, 0.66] },
    // weight decay 0.5 with a zero gradient: g = 0.5 · p; 1 → 1 → 1 − 0.1 · 0.5 = 0.95 → 0.95 · 0.95 = 0.9025
    { name: 'weightDecay (sgd)', spec: { optimizer: 'sgd', lr: 0.1 }, grad: 0, set: ['weightDecay', 0.5], expected: [1, 0.95, 0.9025] },
    // adamw decays decoupled: p · (1 − lr · wd) = 1 · (1 − 0.1 · 1) = 0.9, then 0.81 (zero gradient, so m stays 0)
    { name: 'weightDecay (adamw)', spec: { optimizer: 'adamw', lr: 0.1, weightDecay: 0 }, grad: 0, set: ['weightDecay', 1], expected: [1, 0.9, 0.81] },
  ] as const)('$name applies from the next step', ({ spec, grad, set, expected }) => {
    const p = Tensor.from([1], true);
    const optimizer = createOptimizer(racer(spec), [p]);
    const got: number[] = [];
    for (let step = 0; step < 3; step++) {
      p.grad!.data[0] = grad;
      optimizer.step();
      got.push(p.value.data[0]);
      if (step === 0) optimizer.set(set[0], set[1]);
    }
    got.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 12));
    expect(optimizer.get(set[0])).toBe(set[1]);
  });

  it('keeps its own copy: the racer it was made from is not changed', () => {
    const r = racer({ optimizer: 'sgd', lr: 0.1 });
    createOptimizer(r, [Tensor.from([1], true)]).set('lr', 0.5);
    expect(r.options.lr).toBe(0.1);
  });
});

describe('zeroGrad', () => {
  it('sets every parameter\'s grad to 0', () => {
    const a = Tensor.from([[1, 2]], true);
    const b = Tensor.from([3], true);
    a.grad!.data.set([5, 6]);
    b.grad!.data.set([7]);
    createOptimizer(racer({ optimizer: 'adam' }), [a, b]).zeroGrad();
    expect([...a.grad!.data, ...b.grad!.data]).toEqual([0, 0, 0]);
  });
});
