import { matmul as matmulKernel } from '../kernels.ts';
import { Tensor, ShapeError, gradInto, op, shapeString, view2d } from '../tensor.ts';

/** a · b for 2-D a [n, k] and b [k, m]. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.shape.length !== 2 || b.shape.length !== 2 || a.shape[1] !== b.shape[0]) {
    throw new ShapeError('matmul', `cannot multiply ${shapeString(a.shape)} by ${shapeString(b.shape)}`);
  }
  const [n, k] = a.shape;
  const m = b.shape[1];
  return op('matmul', [n, m], [a, b], (out) => {
    // Backward uses transposed views, never copies: dA = dY · Bᵀ, dB = Aᵀ · dY.
    const dA = gradInto('matmul', a, [n, k]);
    const dB = gradInto('matmul', b, [k, m]);
    const aT = a.value.transpose(1, 0);
    const bT = b.value.transpose(1, 0);
    const dY = out.grad ? view2d(out.grad)! : null;
    return {
      forward: () => matmulKernel(out.value, a.value, b.value),
      backward: () => {
        if (dA) matmulKernel(dA, dY!, bT, true);
        if (dB) matmulKernel(dB, aT, dY!, true);
      },
    };
  });
}
