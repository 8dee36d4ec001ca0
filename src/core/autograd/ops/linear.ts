import { axpy, linear as linearKernel } from '../kernels.ts';
import { Tensor, ShapeError, gradInto, op, shapeString, view2d } from '../tensor.ts';
import { accumulateProduct } from './matmul.ts';

/**
 * x · wᵀ + b as one op, like torch.nn.functional.linear: x [n, d], w [m, d], b [m].
 * The same result as add(matmul(x, transpose(w)), b) with one node instead of three, which
 * is most of the cost of a step on a small batch.
 *   dx += dY · w,  dw += dYᵀ · x,  db += column sums of dY
 */
export function linear(x: Tensor, w: Tensor, b: Tensor): Tensor {
  if (x.shape.length !== 2 || w.shape.length !== 2 || b.shape.length !== 1 || x.shape[1] !== w.shape[1] || b.shape[0] !== w.shape[0]) {
    throw new ShapeError('linear', `needs x [n, d], w [m, d] and b [m], got ${shapeString(x.shape)}, ${shapeString(w.shape)} and ${shapeString(b.shape)}`);
  }
  const [n, d] = x.shape;
  const m = w.shape[0];
  return op('linear', [n, m], [x, w, b], (out) => {
    const bias = view2d(b.value)!;
    const dY = out.grad ? view2d(out.grad)! : null;
    const dX = gradInto('linear', x, [n, d]);
    const dW = gradInto('linear', w, [m, d]);
    const dB = gradInto('linear', b, [n, m]);
    const backX = dX ? accumulateProduct(dX, dY!, w.value) : null;
    const backW = dW ? accumulateProduct(dW, dY!.transpose(1, 0), x.value) : null;
    return {
      forward: () => linearKernel(out.value, x.value, w.value, bias),
      backward: () => {
        if (backX) backX();
        if (backW) backW();
        if (dB) axpy(dB, 1, dY!);
      },
    };
  });
}
