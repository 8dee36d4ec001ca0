/**
 * Relative error |a − b| / max(|a|, |b|, floor). With floor 0 this is plain relative
 * error. A weight that crosses zero during training has no meaningful relative error in
 * float32 (PyTorch's own float32 and float64 runs differ by 1% on such an entry), so against
 * float32 references the floor is a small fraction of the largest weight of the tensor.
 */
export function relativeError(a: number, b: number, floor = 0): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
}

export function vectorRelativeError(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  if (diff === 0) return 0;
  return Math.sqrt(diff) / Math.max(Math.sqrt(na), Math.sqrt(nb));
}
