import { Tensor, ShapeError, shapeString } from '../tensor.ts';

/**
 * The transpose of a 2-D tensor as a view: no copy, and its grad is the transposed view of
 * the parent's grad, so whatever accumulates into it lands in the parent. Nothing to replay.
 */
export function transpose(a: Tensor): Tensor {
  if (a.shape.length !== 2) throw new ShapeError('transpose', `needs a 2-D tensor, got ${shapeString(a.shape)}`);
  return new Tensor(a.value.transpose(1, 0), {
    requiresGrad: a.requiresGrad,
    grad: a.grad ? a.grad.transpose(1, 0) : null,
    op: 'transpose',
    parents: [a],
  });
}
