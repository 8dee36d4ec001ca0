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
 * out = a · b, or out += a · b with `accumulate`. Loop order follows b's strides so the
 * innermost loop walks memory contiguously: a column-major `b` (Wᵀ itself) gets dot
 * products; otherwise rows of `b` are added into rows of `out` (saxpy form). An output
 * stored transposed is best computed as outᵀ = bᵀ · aᵀ, which the caller arranges once.
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
  if (!accumulate) fill(out, 0);
  if (n * m <= 4096) {
    // Outer-product form for a small `out` (a weight gradient): one pass over b's rows,
    // out stays in L1 cache. This is dW += dYᵀ · X over a batch.
    for (let t = 0; t < k; t++) {
      const brow = bo + t * bs0;
      for (let i = 0, ap = ao + t * as1; i < n; i++, ap += as0) {
        const av = x[ap];
        for (let j = 0, p = oo + i * os0, q = brow; j < m; j++, p += os1, q += bs1) o[p] += av * y[q];
      }
    }
    return;
  }
  // saxpy form: out's row i += a[i, t] * b's row t.
  for (let i = 0; i < n; i++) {
    const orow = oo + i * os0;
    const arow = ao + i * as0;
    for (let t = 0; t < k; t++) {
      const av = x[arow + t * as1];
      for (let j = 0, p = orow, q = bo + t * bs0; j < m; j++, p += os1, q += bs1) o[p] += av * y[q];
    }
  }
}

/**
 * out = x · wᵀ + bias, the fused affine map of torch.nn.functional.linear: x [n, d],
 * w [m, d], bias a [1, m] view, out [n, m]. Each output is one dot product along d.
 */
export function linear(out: View, x: View, w: View, bias: View): void {
  const o = out.data, xd = x.data, wd = w.data, bd = bias.data;
  const n = x.shape[0], d = x.shape[1], m = w.shape[0];
  const os0 = out.stride[0], os1 = out.stride[1];
  const xs0 = x.stride[0], xs1 = x.stride[1];
  const ws0 = w.stride[0], ws1 = w.stride[1];
  const bs1 = bias.stride[1];
  const oo = out.offset, xo = x.offset, wo = w.offset, bo = bias.offset;
  for (let i = 0; i < n; i++) {
    const xrow = xo + i * xs0;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = 0, p = xrow, q = wo + j * ws0; t < d; t++, p += xs1, q += ws1) s += xd[p] * wd[q];
      o[oo + i * os0 + j * os1] = s + bd[bo + j * bs1];
    }
  }
}

/** The sum of (a − b)² over every element. */
export function sumSquaredDifference(a: View, b: View): number {
  const x = a.data, y = b.data;
  const rows = a.shape[0], cols = a.shape[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  const bs0 = b.stride[0], bs1 = b.stride[1];
  let s = 0;
  let ab = a.offset, bb = b.offset;
  for (let i = 0; i < rows; i++, ab += as0, bb += bs0) {
    for (let j = 0, q = ab, r = bb; j < cols; j++, q += as1, r += bs1) {
      const e = x[q] - y[r];
      s += e * e;
    }
  }
  return s;
}

/** out += alpha · (a − b). Backward of a squared difference. */
export function addScaledDifference(out: View, alpha: number, a: View, b: View): void {
  const o = out.data, x = a.data, y = b.data;
  const rows = a.shape[0], cols = a.shape[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const as0 = a.stride[0], as1 = a.stride[1];
  const bs0 = b.stride[0], bs1 = b.stride[1];
  let ob = out.offset, ab = a.offset, bb = b.offset;
  for (let i = 0; i < rows; i++, ob += os0, ab += as0, bb += bs0) {
    for (let j = 0, p = ob, q = ab, r = bb; j < cols; j++, p += os1, q += as1, r += bs1) o[p] += alpha * (x[q] - y[r]);
  }
}
