/**
 * The autograd core: hand-derived values, finite-difference checks over random shapes and
 * values, replay, accumulation and shape errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Graph,
  Tensor,
  add,
  addScalar,
  linear,
  matmul,
  mean,
  mseLoss,
  mul,
  mulScalar,
  neg,
  noGrad,
  square,
  sub,
  sum,
  transpose,
} from '../../src/core/autograd/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';

const leaf = (values: number | number[] | number[][]) => Tensor.from(values, true);

describe('hand-derived values', () => {
  it('the seed lesson\'s loss and gradients on one row', () => {
    // x = [1, 2], w = [[3, 4]], b = [5], y = [[20]]
    // prediction = 1·3 + 2·4 + 5 = 16, residual = −4, loss = 16
    // dloss/dpred = 2 · (−4) = −8 → dw = −8 · [1, 2] = [−8, −16], db = −8
    const x = Tensor.from([[1, 2]]);
    const y = Tensor.from([[20]]);
    const w = leaf([[3, 4]]);
    const b = leaf([5]);
    const loss = mean(square(sub(add(matmul(x, transpose(w)), b), y)));
    expect(loss.item()).toBe(16);
    loss.backward();
    expect(w.gradArray()).toEqual([[-8, -16]]);
    expect(b.gradArray()).toEqual([-8]);
  });

  it.each([
    // [a] ∘ [b] elementwise, grads of sum(op(a, b))
    { name: 'add', op: add, value: [[4, 6]], da: [[1, 1]], db: [[1, 1]] },
    { name: 'sub', op: sub, value: [[-2, -2]], da: [[1, 1]], db: [[-1, -1]] },
    // d(a·b)/da = b, d(a·b)/db = a
    { name: 'mul', op: mul, value: [[3, 8]], da: [[3, 4]], db: [[1, 2]] },
  ])('$name of [[1, 2]] and [[3, 4]]', ({ op, value, da, db }) => {
    const a = leaf([[1, 2]]);
    const b = leaf([[3, 4]]);
    const out = op(a, b);
    expect(out.toArray()).toEqual(value);
    sum(out).backward();
    expect(a.gradArray()).toEqual(da);
    expect(b.gradArray()).toEqual(db);
  });

  it('a bias row broadcast over a batch receives the sum of the rows\' grads', () => {
    // out = [[1, 2], [3, 4]] + [10, 20]; sum(out) → d/dbias = [2, 2] (two rows)
    const x = leaf([[1, 2], [3, 4]]);
    const bias = leaf([10, 20]);
    const out = add(x, bias);
    expect(out.toArray()).toEqual([[11, 22], [13, 24]]);
    sum(out).backward();
    expect(bias.gradArray()).toEqual([2, 2]);
    expect(x.gradArray()).toEqual([[1, 1], [1, 1]]);
  });

  it('scalar ops: 3a + 1, −a and a + 2', () => {
    const a = leaf([1, -2]);
    expect(mulScalar(a, 3).toArray()).toEqual([3, -6]);
    expect(addScalar(a, 2).toArray()).toEqual([3, 0]);
    expect(neg(a).toArray()).toEqual([-1, 2]);
    // d/da sum(3a) + sum(−a) = 3 − 1 = 2
    const total = add(sum(mulScalar(a, 3)), sum(neg(a)));
    total.backward();
    expect(a.gradArray()).toEqual([2, 2]);
  });

  it('mean divides the gradient by the element count', () => {
    // mean of 4 elements: each gets 1/4
    const a = leaf([[1, 2], [3, 4]]);
    const m = mean(a);
    expect(m.item()).toBe(2.5);
    m.backward();
    expect(a.gradArray()).toEqual([[0.25, 0.25], [0.25, 0.25]]);
  });

  it('a tensor used twice accumulates both contributions', () => {
    // d(a·a)/da = 2a, d(a + a)/da = 2
    const a = leaf([3]);
    sum(add(mul(a, a), add(a, a))).backward();
    expect(a.gradArray()).toEqual([2 * 3 + 2]);
  });

  it('leaf grads accumulate across backward calls, as in PyTorch', () => {
    const a = leaf([2]);
    const out = sum(square(a));
    out.backward();
    out.backward();
    // 2 · (2a) = 8
    expect(a.gradArray()).toEqual([8]);
  });

  it('matmul of [2, 3] by [3, 2]', () => {
    // [[1, 2, 3], [4, 5, 6]] · [[1, 0], [0, 1], [1, 1]] = [[4, 5], [10, 11]]
    const a = leaf([[1, 2, 3], [4, 5, 6]]);
    const b = leaf([[1, 0], [0, 1], [1, 1]]);
    const out = matmul(a, b);
    expect(out.toArray()).toEqual([[4, 5], [10, 11]]);
    sum(out).backward();
    // dA = 1 · Bᵀ summed over columns: row sums of B = [1, 1, 2]; dB = column sums of A = [5, 7, 9]
    expect(a.gradArray()).toEqual([[1, 1, 2], [1, 1, 2]]);
    expect(b.gradArray()).toEqual([[5, 5], [7, 7], [9, 9]]);
  });
});

describe('transpose is a view', () => {
  it('shares memory with its parent, in values and in grads', () => {
    const w = leaf([[1, 2, 3], [4, 5, 6]]);
    const t = transpose(w);
    expect(t.shape).toEqual([3, 2]);
    expect(t.value.data).toBe(w.value.data);
    expect(t.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    w.value.data[1] = 20;
    expect(t.toArray()).toEqual([[1, 4], [20, 5], [3, 6]]);
    sum(mul(t, t)).backward();
    // d sum(wᵀ ∘ wᵀ)/dw = 2w
    expect(w.gradArray()).toEqual([[2, 40, 6], [8, 10, 12]]);
  });
});

describe('finite-difference gradient checks over random shapes and values', () => {
  const dim = fc.integer({ min: 1, max: 4 });
  const value = fc.double({ min: -3, max: 3, noNaN: true });
  const matrix = (rows: number, cols: number) => fc.array(fc.array(value, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
  const vector = (n: number) => fc.array(value, { minLength: n, maxLength: n });

  const cases: { name: string; arbitrary: fc.Arbitrary<() => { out: Tensor; leaves: Tensor[] }> }[] = [
    {
      name: 'the seed model and loss, composite ops',
      arbitrary: fc.tuple(dim, dim, dim).chain(([n, d, m]) =>
        fc.tuple(matrix(n, d), matrix(m, d), vector(m), matrix(n, m)).map(([x, w, b, y]) => () => {
          const W = leaf(w), B = leaf(b), X = leaf(x);
          return { out: mean(square(sub(add(matmul(X, transpose(W)), B), Tensor.from(y)))), leaves: [X, W, B] };
        }),
      ),
    },
    {
      name: 'linear and mseLoss, fused ops',
      arbitrary: fc.tuple(dim, dim, dim).chain(([n, d, m]) =>
        fc.tuple(matrix(n, d), matrix(m, d), vector(m), matrix(n, m)).map(([x, w, b, y]) => () => {
          const W = leaf(w), B = leaf(b), X = leaf(x), Y = leaf(y);
          return { out: mseLoss(linear(X, W, B), Y), leaves: [X, W, B, Y] };
        }),
      ),
    },
    {
      name: 'matmul then mul with a broadcast column, sum',
      arbitrary: fc.tuple(dim, dim, dim).chain(([n, k, m]) =>
        fc.tuple(matrix(n, k), matrix(k, m), matrix(n, 1)).map(([a, b, c]) => () => {
          const A = leaf(a), B = leaf(b), C = leaf(c);
          return { out: sum(mul(matmul(A, B), C)), leaves: [A, B, C] };
        }),
      ),
    },
    {
      name: 'scalar ops and a 0-d broadcast',
      arbitrary: fc.tuple(dim, dim).chain(([n, m]) =>
        fc.tuple(matrix(n, m), value, value).map(([a, s, t]) => () => {
          const A = leaf(a), S = leaf(s);
          return { out: mean(sub(mulScalar(square(A), t), addScalar(mul(A, S), t))), leaves: [A, S] };
        }),
      ),
    },
  ];

  it.each(cases)('$name', ({ arbitrary }) => {
    fc.assert(
      fc.property(arbitrary, (build) => {
        const { out, leaves } = build();
        const { maxError, where } = gradcheck(out, leaves);
        if (maxError > 1e-6) throw new Error(`gradient mismatch ${maxError} at ${where}`);
      }),
      { numRuns: 60 },
    );
  });
});

describe('fused ops equal the notebook\'s composite form', () => {
  it('linear + mseLoss give the same loss and gradients as x @ w.t() + b and (p − y)².mean()', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (n, d, m, seed) => {
        let s = seed;
        const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) / 2 ** 31) * 3;
        const x = Array.from({ length: n }, () => Array.from({ length: d }, rand));
        const y = Array.from({ length: n }, () => Array.from({ length: m }, rand));
        const w0 = Array.from({ length: m }, () => Array.from({ length: d }, rand));
        const b0 = Array.from({ length: m }, rand);
        const [w1, b1, w2, b2] = [leaf(w0), leaf(b0), leaf(w0), leaf(b0)];
        const composite = mean(square(sub(add(matmul(Tensor.from(x), transpose(w1)), b1), Tensor.from(y))));
        const fused = mseLoss(linear(Tensor.from(x), w2, b2), Tensor.from(y));
        composite.backward();
        fused.backward();
        expect(fused.item()).toBeCloseTo(composite.item(), 10);
        (w2.gradArray() as number[][]).flat().forEach((g, i) => expect(g).toBeCloseTo((w1.gradArray() as number[][]).flat()[i], 10));
        (b2.gradArray() as number[]).forEach((g, i) => expect(g).toBeCloseTo((b1.gradArray() as number[])[i], 10));
      }),
      { numRuns: 50 },
    );
  });
});

describe('a traced graph replays on new values', () => {
  it('forward() recomputes from the leaves\' current data, backward() from scratch', () => {
    const x = Tensor.from([[1, 2]]);
    const w = leaf([[3, 4]]);
    const b = leaf([5]);
    const graph = new Graph(mseLoss(linear(x, w, b), Tensor.from([[20]])));
    // as in the hand-derived case: loss 16
    expect(graph.forward()).toBe(16);
    // new batch row x = [2, 2]: prediction 2·3 + 2·4 + 5 = 19, loss 1, dloss/dpred = −2
    x.value.data.set([2, 2]);
    expect(graph.forward()).toBe(1);
    graph.backward();
    expect(w.gradArray()).toEqual([[-4, -4]]);
    expect(b.gradArray()).toEqual([-2]);
  });
});

describe('noGrad', () => {
  it('records nothing for backward', () => {
    const w = leaf([[1]]);
    const out = noGrad(() => matmul(Tensor.from([[2]]), w));
    expect(out.requiresGrad).toBe(false);
    expect(out.grad).toBeNull();
    expect(() => sum(out).backward()).toThrow(/does not require grad/);
  });
});

describe('shape errors name the op and both shapes', () => {
  it.each([
    { name: 'matmul', run: () => matmul(leaf([[1, 2, 3]]), leaf([[1, 2, 3]])), message: 'matmul: cannot multiply [1, 3] by [1, 3]' },
    { name: 'add', run: () => add(leaf([[1, 2, 3]]), leaf([1, 2])), message: 'add: shapes [1, 3] and [2] do not broadcast' },
    { name: 'linear', run: () => linear(leaf([[1, 2]]), leaf([[1, 2, 3]]), leaf([0])), message: 'linear: needs x [n, d], w [m, d] and b [m], got [1, 2], [1, 3] and [1]' },
    { name: 'mseLoss', run: () => mseLoss(leaf([[1, 2]]), leaf([[1, 2], [3, 4]])), message: 'mseLoss: target [2, 2] does not fit prediction [1, 2]' },
    { name: 'transpose', run: () => transpose(leaf([1, 2])), message: 'transpose: needs a 2-D tensor, got [2]' },
    { name: 'backward', run: () => leaf([1, 2]).backward(), message: 'backward: needs a one-element output, got shape [2]' },
  ])('$name', ({ run, message }) => {
    expect(run).toThrow(message);
  });
});
