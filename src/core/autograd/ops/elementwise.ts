/** Binary elementwise ops with broadcasting (a bias row added to every row of a batch). */
import { add as addKernel, addProduct, axpy, mul as mulKernel, sub as subKernel } from '../kernels.ts';
import { Tensor, broadcastShape, gradInto, op, view2d } from '../tensor.ts';

function operands(name: string, a: Tensor, b: Tensor) {
  const shape = broadcastShape(name, a.shape, b.shape);
  return { shape, A: view2d(a.value, shape)!, B: view2d(b.value, shape)! };
}

export function add(a: Tensor, b: Tensor): Tensor {
  const { shape, A, B } = operands('add', a, b);
  return op('add', shape, [a, b], (out) => {
    const Y = view2d(out.value)!;
    const dY = out.grad ? view2d(out.grad)! : null;
    const dA = gradInto('add', a, shape);
    const dB = gradInto('add', b, shape);
    return {
      forward: () => addKernel(Y, A, B),
      backward: () => {
        if (dA) axpy(dA, 1, dY!);
        if (dB) axpy(dB, 1, dY!);
      },
    };
  });
}

export function sub(a: Tensor, b: Tensor): Tensor {
  const { shape, A, B } = operands('sub', a, b);
  return op('sub', shape, [a, b], (out) => {
    const Y = view2d(out.value)!;
    const dY = out.grad ? view2d(out.grad)! : null;
    const dA = gradInto('sub', a, shape);
    const dB = gradInto('sub', b, shape);
    return {
      forward: () => subKernel(Y, A, B),
      backward: () => {
        if (dA) axpy(dA, 1, dY!);
        if (dB) axpy(dB, -1, dY!);
      },
    };
  });
}

export function mul(a: Tensor, b: Tensor): Tensor {
  const { shape, A, B } = operands('mul', a, b);
  return op('mul', shape, [a, b], (out) => {
    const Y = view2d(out.value)!;
    const dY = out.grad ? view2d(out.grad)! : null;
    const dA = gradInto('mul', a, shape);
    const dB = gradInto('mul', b, shape);
    return {
      forward: () => mulKernel(Y, A, B),
      backward: () => {
        // d(a·b)/da = b, d(a·b)/db = a
        if (dA) addProduct(dA, 1, dY!, B);
        if (dB) addProduct(dB, 1, dY!, A);
      },
    };
  });
}
