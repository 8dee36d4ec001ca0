/**
 * Raw kernels over 2-D strided float64 ndarray views. They take the output first, never
 * allocate, and know nothing of autograd (ndarray-ops style). Broadcasting is done by the
 * caller with zero strides, so `addeq(gradOfBias, rowsOfGrad)` through a zero-stride view
 * sums over the broadcast rows: that is the whole of broadcast backward.
 *
 * Loops hoist every property read into locals: on the tiny matrices of the seed lesson the
 * cost of a step is dominated by overhead, not by arithmetic.
 */
import type { NdArray } from 'ndarray';

export type View = NdArray<Float64Array>;

export function fill(out: View, value: number): void {
  const o = out.data;
  const rows = out.shape[0], cols = out.shape[1];
  const s0 = out.stride[0], s1 = out.stride[1];
  let base = out.offset;
  for (let i = 0; i < rows; i++, base += s0) {
    for (let j = 0, p = base; j < cols; j++, p += s1) o[p] = value;
  }
}

/** out = a + b (elementwise, same shape). */
export function add(out: View, a: View, b: View): void {
  const o = out.data, x = a.data, y = b.data;
  const rows = out.shape[0], cols = out.shape[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  const bs0 = b.stride[0], bs1 = b.stride[1];
  let ob = out.offset, ab = a.offset, bb = b.offset;
  for (let i = 0; i < rows; i++, ob += os0, ab += as0, bb += bs0) {
    for (let j = 0, p = ob, q = ab, r = bb; j < cols; j++, p += os1, q += as1, r += bs1) o[p] = x[q] + y[r];
  }
}

/** out = a - b. */
export function sub(out: View, a: View, b: View): void {
  const o = out.data, x = a.data, y = b.data;
  const rows = out.shape[0], cols = out.shape[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  const bs0 = b.stride[0], bs1 = b.stride[1];
  let ob = out.offset, ab = a.offset, bb = b.offset;
  for (let i = 0; i < rows; i++, ob += os0, ab += as0, bb += bs0) {
    for (let j = 0, p = ob, q = ab, r = bb; j < cols; j++, p += os1, q += as1, r += bs1) o[p] = x[q] - y[r];
  }
}

/** out = a * b (elementwise). */
export function mul(out: View, a: View, b: View): void {
  const o = out.data, x = a.data, y = b.data;
  const rows = out.shape[0], cols = out.shape[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  const bs0 = b.stride[0], bs1 = b.stride[1];
  let ob = out.offset, ab = a.offset, bb = b.offset;
  for (let i = 0; i < rows; i++, ob += os0, ab += as0, bb += bs0) {
    for (let j = 0, p = ob, q = ab, r = bb; j < cols; j++, p += os1, q += as1, r += bs1) o[p] = x[q] * y[r];
  }
}

/** out += alpha * a. Through a zero-stride `out` this also reduces over broadcast dimensions. */
export function axpy(out: View, alpha: number, a: View): void {
  const o = out.data, x = a.data;
  const rows = a.shape[0], cols = a.shape[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  let ob = out.offset, ab = a.offset;
  for (let i = 0; i < rows; i++, ob += os0, ab += as0) {
    for (let j = 0, p = ob, q = ab; j < cols; j++, p += os1, q += as1) o[p] += alpha * x[q];
  }
}

/** out += alpha * a * b (elementwise). Backward of mul and of square. */
export function addProduct(out: View, alpha: number, a: View, b: View): void {
  const o = out.data, x = a.data, y = b.data;
  const rows = a.shape[0], cols = a.shape[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  const bs0 = b.stride[0], bs1 = b.stride[1];
  let ob = out.offset, ab = a.offset, bb = b.offset;
  for (let i = 0; i < rows; i++, ob += os0, ab += as0, bb += bs0) {
    for (let j = 0, p = ob, q = ab, r = bb; j < cols; j++, p += os1, q += as1, r += bs1) o[p] += alpha * x[q] * y[r];
  }
}

/** out = alpha * a + beta. The scalar ops. */
export function affine(out: View, a: View, alpha: number, beta: number): void {
  const o = out.data, x = a.data;
  const rows = out.shape[0], cols = out.shape[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  let ob = out.offset, ab = a.offset;
  for (let i = 0; i < rows; i++, ob += os0, ab += as0) {
    for (let j = 0, p = ob, q = ab; j < cols; j++, p += os1, q += as1) o[p] = alpha * x[q] + beta;
  }
}

/** out = a². */
export function square(out: View, a: View): void {
  const o = out.data, x = a.data;
  const rows = out.shape[0], cols = out.shape[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  let ob = out.offset, ab = a.offset;
  for (let i = 0; i < rows; i++, ob += os0, ab += as0) {
    for (let j = 0, p = ob, q = ab; j < cols; j++, p += os1, q += as1) {
      const v = x[q];
      o[p] = v * v;
    }
  }
}

/** The sum of every element. */
export function sum(a: View): number {
  const x = a.data;
  const rows = a.shape[0], cols = a.shape[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  let s = 0;
  let ab = a.offset;
  for (let i = 0; i < rows; i++, ab += as0) {
    for (let j = 0, q = ab; j < cols; j++, q += as1) s += x[q];
  }
  return s;
}

/**
 * out = a · b, or out += a · b with `accumulate`. The i-k-j loop order walks `b` and `out`
 * along rows when they are row-major; with a transposed `b` (the model's Wᵀ) the i-j-k
 * order walks both operands contiguously instead, so pick by strides.
 */
export function matmul(out: View, a: View, b: View, accumulate = false): void {
  const o = out.data, x = a.data, y = b.data;
  const n = a.shape[0], k = a.shape[1], m = b.shape[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  const bs0 = b.stride[0], bs1 = b.stride[1];
  const oo = out.offset, ao = a.offset, bo = b.offset;
  if (Math.abs(bs0) <= Math.abs(bs1) || m === 1) {
    // dot products: a's row i against b's column j, both contiguous along k.
    for (let i = 0; i < n; i++) {
      const arow = ao + i * as0;
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let t = 0, p = arow, q = bo + j * bs1; t < k; t++, p += as1, q += bs0) s += x[p] * y[q];
        const dst = oo + i * os0 + j * os1;
        o[dst] = accumulate ? o[dst] + s : s;
      }
    }
    return;
  }
  // saxpy form: out's row i += a[i, t] * b's row t.
  for (let i = 0; i < n; i++) {
    const orow = oo + i * os0;
    if (!accumulate) for (let j = 0, p = orow; j < m; j++, p += os1) o[p] = 0;
    const arow = ao + i * as0;
    for (let t = 0; t < k; t++) {
      const av = x[arow + t * as1];
      for (let j = 0, p = orow, q = bo + t * bs0; j < m; j++, p += os1, q += bs1) o[p] += av * y[q];
    }
  }
}
