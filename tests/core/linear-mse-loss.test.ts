/**
 * The fused training loss linearMseLoss(x, w, b, y): hand-derived values, finite differences,
 * and the same numbers as mseLoss(linear(x, w, b), y), the pair it replaces in the trainer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Graph, Tensor, linear, linearMseLoss, mseLoss } from '../../src/core/autograd/index.ts';
import { gradcheck } from '../helpers/gradcheck.ts';

const leaf = (values: number[] | number[][]) => Tensor.from(values, true);

describe('linearMseLoss', () => {
  it('hand-derived: two rows, one output', () => {
    // x = [[1, 2], [0, 1]], w = [[3, 4]], b = [5], y = [[20], [8]]
    // predictions 16 and 9, residuals −4 and 1, loss (16 + 1) / 2 = 8.5
    // dloss/dr = 2r/2 = [−4, 1]: dw = −4·[1, 2] + 1·[0, 1] = [−4, −7], db = −4 + 1 = −3
    const w = leaf([[3, 4]]);
    const b = leaf([5]);
    const loss = linearMseLoss(Tensor.from([[1, 2], [0, 1]]), w, b, Tensor.from([[20], [8]]));
    expect(loss.item()).toBe(8.5);
    loss.backward();
    expect(w.gradArray()).toEqual([[-4, -7]]);
    expect(b.gradArray()).toEqual([-3]);
  });

  it('matches finite differences over random shapes', () => {
    const dim = fc.integer({ min: 1, max: 4 });
    const value = fc.double({ min: -3, max: 3, noNaN: true });
    fc.assert(
      fc.property(
        fc.tuple(dim, dim, dim).chain(([n, d, m]) =>
          fc.tuple(fc.array(fc.array(value, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }), fc.array(fc.array(value, { minLength: d, maxLength: d }), { minLength: m, maxLength: m }), fc.array(value, { minLength: m, maxLength: m }), fc.array(fc.array(value, { minLength: m, maxLength: m }), { minLength: n, maxLength: n })),
        ),
        ([x, w, b, y]) => {
          const W = leaf(w), B = leaf(b);
          const { maxError, where } = gradcheck(linearMseLoss(Tensor.from(x), W, B, Tensor.from(y)), [W, B]);
          if (maxError > 1e-6) throw new Error(`gradient mismatch ${maxError} at ${where}`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives exactly the numbers of mseLoss(linear(…)) (same sums in the same order), replayed on new rows', () => {
    const x = [[1.5, -2, 0.25], [3, 0.5, -1], [0.1, 0.2, 0.3]];
    const y = [[1, 2], [-1, 0.5], [4, 4]];
    const w0 = [[0.2, -0.3, 0.1], [-0.4, 0.25, 0.05]];
    const b0 = [0.5, -0.5];
    const [w1, b1, w2, b2] = [leaf(w0), leaf(b0), leaf(w0), leaf(b0)];
    const [x1, x2] = [Tensor.from(x), Tensor.from(x)];
    const pair = new Graph(mseLoss(linear(x1, w1, b1), Tensor.from(y)));
    const fused = new Graph(linearMseLoss(x2, w2, b2, Tensor.from(y)));
    for (const rows of [x, [[2, 2, 2], [0, -1, 5], [1e3, 1e-3, 7]]]) {
      x1.value.data.set(rows.flat());
      x2.value.data.set(rows.flat());
      expect(fused.forward()).toBe(pair.forward());
      fused.backward();
      pair.backward();
      expect(w2.gradArray()).toEqual(w1.gradArray());
      expect(b2.gradArray()).toEqual(b1.gradArray());
    }
  });

  it.each([
    { name: 'a transposed (non-contiguous) w', run: () => linearMseLoss(Tensor.from([[1, 2]]), new Tensor(Tensor.from([[1], [2]]).value.transpose(1, 0)), leaf([0]), Tensor.from([[1]])) },
    { name: 'y of the wrong width', run: () => linearMseLoss(Tensor.from([[1, 2]]), leaf([[1, 2]]), leaf([0]), Tensor.from([[1, 2]])) },
  ])('refuses $name, naming the op', ({ run }) => {
    expect(run).toThrow(/^linearMseLoss: needs contiguous x \[n, d\], w \[m, d\], b \[m\] and y \[n, m\]/);
  });

  it('refuses data that requires grad', () => {
    expect(() => linearMseLoss(leaf([[1, 2]]), leaf([[1, 2]]), leaf([0]), Tensor.from([[1]]))).toThrow('linearMseLoss: gradients flow to w and b only');
  });
});
