import { matmul as matmulKernel, type View } from '../kernels.ts';
import { Tensor, ShapeError, gradInto, op, shapeString, view2d } from '../tensor.ts';

/**
 * A closure computing dst += a · b. A destination stored column-major (the grad of a
 * transposed view, such as the model's Wᵀ) is computed as dstᵀ += bᵀ · aᵀ instead, so the
 * kernel's inner loop writes contiguously; the transposed views are made here, once.
 */
export function accumulateProduct(dst: View, a: View, b: View): () => void {
  if (Math.abs(dst.stride[0]) < Math.abs(dst.stride[1])) {
    const dstT = dst.transpose(1, 0), aT = a.transpose(1, 0), bT = b.transpose(1, 0);
    return () => matmulKernel(dstT, bT, aT, true);
  }
  return () => matmulKernel(dst, a, b, true);
}

/** a · b for 2-D a [n, k] and b [k, m]. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.shape.length !== 2 || b.shape.length !== 2 || a.shape[1] !== b.shape[0]) {
    throw new ShapeError('matmul', `cannot multiply ${shapeString(a.shape)} by ${shapeString(b.shape)}`);
  }
  const [n, k] = a.shape;
  const m = b.shape[1];
  return op('matmul', [n, m], [a, b], (out) => {
    // Backward uses transposed views, never copies: dA += dY · Bᵀ, dB += Aᵀ · dY.
    const dA = gradInto('matmul', a, [n, k]);
    const dB = gradInto('matmul', b, [k, m]);
    const dY = out.grad ? view2d(out.grad)! : null;
    const backA = dA ? accumulateProduct(dA, dY!, b.value.transpose(1, 0)) : null;
    const backB = dB ? accumulateProduct(dB, a.value.transpose(1, 0), dY!) : null;
    return {
      forward: () => matmulKernel(out.value, a.value, b.value),
      backward: () => {
        if (backA) backA();
        if (backB) backB();
      },
    };
  });
}
