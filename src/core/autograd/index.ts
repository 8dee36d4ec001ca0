export { Tensor, Graph, noGrad, ShapeError } from './tensor.ts';
export { matmul } from './ops/matmul.ts';
export { transpose } from './ops/transpose.ts';
export { add, sub, mul } from './ops/elementwise.ts';
export { square, mulScalar, addScalar, neg } from './ops/unary.ts';
export { sum, mean } from './ops/reduce.ts';
export { linear } from './ops/linear.ts';
export { mseLoss } from './ops/mse-loss.ts';
export { linearMseLoss } from './ops/linear-mse-loss.ts';
