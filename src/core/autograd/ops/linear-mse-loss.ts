import { addResidualGrads, linearResidual } from '../fused-kernels.ts';
import { Tensor, ShapeError, gradInto, op, shapeString, type Shape } from '../tensor.ts';
import type { View } from '../kernels.ts';

function contiguous(v: View, shape: Shape): boolean {
  return v.offset === 0 && v.shape.length === shape.length && v.shape.every((s, k) => s === shape[k]) && (shape.length === 1 || (v.stride[1] === 1 && v.stride[0] === shape[1])) && (shape.length !== 1 || v.stride[0] === 1);
}

/**
 * mseLoss(linear(x, w, b), y) as one op: the seed lesson's whole loss in one node, the
 * residuals kept from forward for backward. Same value and gradients as the pair (tested),
 * at the cost of one node instead of two, which is most of a one-row step's cost.
 * Gradients flow to w and b only: the data never needs one.
 *   r = x · wᵀ + b − y,  loss = Σ r² / N,  dw += (2g / N) · rᵀ · x,  db += (2g / N) · Σ_rows r
 */
export function linearMseLoss(x: Tensor, w: Tensor, b: Tensor, y: Tensor): Tensor {
  const [n, d] = x.shape;
  const m = w.shape[0];
  if (x.shape.length !== 2 || !contiguous(x.value, [n, d]) || !contiguous(w.value, [m, d]) || !contiguous(b.value, [m]) || !contiguous(y.value, [n, m])) {
    throw new ShapeError('linearMseLoss', `needs contiguous x [n, d], w [m, d], b [m] and y [n, m], got ${shapeString(x.shape)}, ${shapeString(w.shape)}, ${shapeString(b.shape)} and ${shapeString(y.shape)}`);
  }
  if (x.requiresGrad || y.requiresGrad) throw new ShapeError('linearMseLoss', 'gradients flow to w and b only; use linear and mseLoss for gradients of the data');
  const count = n * m;
  const residual = new Float64Array(count);
  return op('linearMseLoss', [], [x, w, b, y], (out) => {
    const X = x.value.data, W = w.value.data, B = b.value.data, Y = y.value.data;
    const result = out.value.data;
    const grad = out.grad ? out.grad.data : null;
    // The leaves' own contiguous grads (gradInto checks their shapes); a parameter that
    // needs no grad gets a scratch one, so backward has one loop.
    const dW = gradInto('linearMseLoss', w, [m, d])?.data ?? new Float64Array(m * d);
    const dB = gradInto('linearMseLoss', b, [m])?.data ?? new Float64Array(m);
    return {
      forward: () => {
        result[0] = linearResidual(residual, X, W, B, Y, n, d, m) / count;
      },
      backward: () => addResidualGrads(dW, dB, (2 * grad![0]) / count, residual, X, n, d, m),
    };
  });
}
