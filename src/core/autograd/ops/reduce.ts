/** Reductions of every element to a scalar (shape []), as `torch.sum` and `torch.mean`. */
import { axpy, sum as sumKernel } from '../kernels.ts';
import { Tensor, gradInto, op, view2d } from '../tensor.ts';

function reduceAll(name: string, a: Tensor, divisor: number): Tensor {
  return op(name, [], [a], (out) => {
    const A = view2d(a.value)!;
    const result = out.value.data;
    // The scalar grad broadcast (stride 0) over a's shape: every element gets the same share.
    const dY = out.grad ? view2d(out.grad, a.shape)! : null;
    const dA = gradInto(name, a, a.shape);
    return {
      forward: () => {
        result[0] = sumKernel(A) / divisor;
      },
      backward: () => {
        if (dA) axpy(dA, 1 / divisor, dY!);
      },
    };
  });
}

export const sum = (a: Tensor): Tensor => reduceAll('sum', a, 1);
export const mean = (a: Tensor): Tensor => reduceAll('mean', a, a.value.size);
