/** One-input elementwise ops: square and the scalar ops. */
import { addProduct, affine, axpy, square as squareKernel } from '../kernels.ts';
import { Tensor, gradInto, op, view2d } from '../tensor.ts';

export function square(a: Tensor): Tensor {
  return op('square', a.shape, [a], (out) => {
    const A = view2d(a.value)!;
    const Y = view2d(out.value)!;
    const dY = out.grad ? view2d(out.grad)! : null;
    const dA = gradInto('square', a, a.shape);
    return {
      forward: () => squareKernel(Y, A),
      backward: () => {
        // d(a²)/da = 2a
        if (dA) addProduct(dA, 2, A, dY!);
      },
    };
  });
}

/** alpha · a + beta: `mulScalar`, `addScalar` and `neg` are this with one of them fixed. */
function affineOp(name: string, a: Tensor, alpha: number, beta: number): Tensor {
  return op(name, a.shape, [a], (out) => {
    const A = view2d(a.value)!;
    const Y = view2d(out.value)!;
    const dY = out.grad ? view2d(out.grad)! : null;
    const dA = gradInto(name, a, a.shape);
    return {
      forward: () => affine(Y, A, alpha, beta),
      backward: () => {
        if (dA) axpy(dA, alpha, dY!);
      },
    };
  });
}

export const mulScalar = (a: Tensor, s: number): Tensor => affineOp('mulScalar', a, s, 0);
export const addScalar = (a: Tensor, s: number): Tensor => affineOp('addScalar', a, 1, s);
export const neg = (a: Tensor): Tensor => affineOp('neg', a, -1, 0);
