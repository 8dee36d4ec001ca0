import { addScaledDifference, sumSquaredDifference } from '../kernels.ts';
import { Tensor, broadcastShape, gradInto, op, shapeString, ShapeError, view2d } from '../tensor.ts';

/**
 * Mean of (prediction − target)² over all elements as one op, like
 * torch.nn.functional.mse_loss with reduction 'mean'; the same value as
 * mean(square(sub(p, t))).
 *   dp += 2 (p − t) / N · g,  dt −= 2 (p − t) / N · g
 */
export function mseLoss(prediction: Tensor, target: Tensor): Tensor {
  const shape = broadcastShape('mseLoss', prediction.shape, target.shape);
  if (shape.some((d, i) => d !== prediction.shape[i]) || shape.length !== prediction.shape.length) {
    throw new ShapeError('mseLoss', `target ${shapeString(target.shape)} does not fit prediction ${shapeString(prediction.shape)}`);
  }
  const count = prediction.value.size;
  return op('mseLoss', [], [prediction, target], (out) => {
    const P = view2d(prediction.value)!;
    const T = view2d(target.value, shape)!;
    const result = out.value.data;
    const grad = out.grad ? out.grad.data : null;
    const dP = gradInto('mseLoss', prediction, shape);
    const dT = gradInto('mseLoss', target, shape);
    return {
      forward: () => {
        result[0] = sumSquaredDifference(P, T) / count;
      },
      backward: () => {
        const g = (2 * grad![0]) / count;
        if (dP) addScaledDifference(dP, g, P, T);
        if (dT) addScaledDifference(dT, -g, P, T);
      },
    };
  });
}
