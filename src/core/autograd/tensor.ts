/**
 * The autograd tensor: a float64 scijs ndarray view plus what backward needs.
 *
 * Every op runs eagerly once when it is called (so the tensors can be used like PyTorch's),
 * and also keeps a `forward` closure that recomputes its value in place from its parents'
 * current values. A `Graph` over a loss is therefore a trace that can be replayed on new
 * batch data and new weights without building or allocating anything: that is how a
 * training step runs in the engine's hot loop.
 */
import ndarray from 'ndarray';
import { fill, type View } from './kernels.ts';

export type Shape = readonly number[];

let gradEnabled = true;

/** Runs `fn` without recording gradients, like `torch.no_grad()`. */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

export class ShapeError extends Error {
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.name = 'ShapeError';
  }
}

export function shapeString(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

function size(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A fresh zero-filled, row-major view. */
export function zeros(shape: Shape): View {
  return ndarray(new Float64Array(size(shape)), [...shape]);
}

/**
 * `view` seen as a 2-D view of `shape` (rank ≤ 2), aligning dimensions on the right and
 * giving broadcast dimensions stride 0, as NumPy and PyTorch broadcast. Kernels only ever
 * see 2-D views. Returns null when `view` cannot broadcast to `shape`.
 */
export function view2d(view: View, shape: Shape = view.shape): View | null {
  const source = view.shape;
  if (source.length > 2 || shape.length > 2) return null;
  const target = [1, 1];
  const stride = [0, 0];
  for (let k = 1; k <= 2; k++) {
    const t = shape.length - k >= 0 ? shape[shape.length - k] : 1;
    const s = source.length - k >= 0 ? source[source.length - k] : 1;
    const st = source.length - k >= 0 ? view.stride[source.length - k] : 0;
    if (s !== t && s !== 1) return null;
    target[2 - k] = t;
    stride[2 - k] = s === t ? st : 0;
  }
  return ndarray(view.data, target, stride, view.offset);
}

export interface OpKernels {
  /** Recomputes the output value in place from the parents' current values. */
  forward: () => void;
  /** Accumulates the output's grad into the parents' grads. */
  backward?: () => void;
}

export class Tensor {
  /** The values, an ndarray view over a Float64Array. */
  readonly value: View;
  /** d(output)/d(this), same shape as `value`; null when no gradient flows here. */
  readonly grad: View | null;
  readonly requiresGrad: boolean;
  /** Name of the op that made this tensor ('leaf' for inputs and parameters). */
  readonly op: string;
  readonly parents: readonly Tensor[];
  /** False when `grad` is a view of a parent's grad (transpose), so it is not zeroed twice. */
  readonly ownsGrad: boolean;
  forwardFn: (() => void) | null = null;
  backwardFn: (() => void) | null = null;
  private graph: Graph | null = null;

  constructor(value: View, options: { requiresGrad?: boolean; grad?: View | null; op?: string; parents?: readonly Tensor[] } = {}) {
    this.value = value;
    this.requiresGrad = options.requiresGrad ?? false;
    this.op = options.op ?? 'leaf';
    this.parents = options.parents ?? [];
    this.ownsGrad = options.grad === undefined;
    this.grad = options.grad !== undefined ? options.grad : this.requiresGrad ? zeros(value.shape) : null;
  }

  /** A leaf tensor from nested arrays (rank 0, 1 or 2). */
  static from(values: number | readonly number[] | readonly (readonly number[])[], requiresGrad = false): Tensor {
    let shape: number[];
    let flat: number[];
    if (typeof values === 'number') {
      shape = [];
      flat = [values];
    } else if (values.length > 0 && Array.isArray(values[0])) {
      const rows = values as readonly (readonly number[])[];
      shape = [rows.length, rows[0].length];
      if (rows.some((r) => r.length !== shape[1])) throw new ShapeError('Tensor.from', 'rows have different lengths');
      flat = rows.flat();
    } else {
      shape = [values.length];
      flat = [...(values as readonly number[])];
    }
    return new Tensor(ndarray(Float64Array.from(flat), shape), { requiresGrad });
  }

  static zeros(shape: Shape, requiresGrad = false): Tensor {
    return new Tensor(zeros(shape), { requiresGrad });
  }

  get shape(): Shape {
    return this.value.shape;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.value.size !== 1) throw new ShapeError('item', `needs one element, got shape ${shapeString(this.shape)}`);
    return this.value.data[this.value.offset];
  }

  /** Values as nested arrays (copies). */
  toArray(): number | number[] | number[][] {
    return toNested(this.value);
  }

  /** Gradient as nested arrays, or null. */
  gradArray(): number | number[] | number[][] | null {
    return this.grad ? toNested(this.grad) : null;
  }

  /** Accumulates d(this)/d(leaf) into every leaf that requires grad, like `loss.backward()`. */
  backward(): void {
    if (this.value.size !== 1) throw new ShapeError('backward', `needs a one-element output, got shape ${shapeString(this.shape)}`);
    if (!this.requiresGrad) throw new Error('backward: this tensor does not require grad (no parameter reaches it)');
    this.graph ??= new Graph(this);
    this.graph.backward();
  }
}

function toNested(v: View): number | number[] | number[][] {
  if (v.shape.length === 0) return v.data[v.offset];
  if (v.shape.length === 1) return Array.from({ length: v.shape[0] }, (_, i) => v.get(i));
  return Array.from({ length: v.shape[0] }, (_, i) => Array.from({ length: v.shape[1] }, (_, j) => v.get(i, j)));
}

/**
 * Records an op: allocates its output, lets `build` close over the views it needs, runs
 * forward once and keeps both closures for replay.
 */
export function op(name: string, shape: Shape, parents: readonly Tensor[], build: (out: Tensor) => OpKernels): Tensor {
  const requiresGrad = gradEnabled && parents.some((p) => p.requiresGrad);
  const out = new Tensor(zeros(shape), { requiresGrad, op: name, parents });
  const kernels = build(out);
  out.forwardFn = kernels.forward;
  out.backwardFn = requiresGrad ? (kernels.backward ?? null) : null;
  kernels.forward();
  return out;
}

/**
 * The one place gradient shapes are checked: the view through which op `name` accumulates
 * a gradient of shape `gradShape` into `parent.grad`. Broadcast dimensions get stride 0, so
 * accumulating through the view sums over them. Null when no gradient flows to `parent`.
 */
export function gradInto(name: string, parent: Tensor, gradShape: Shape): View | null {
  // Ops build their closures inside op(), so under noGrad nothing is wired for backward.
  if (!gradEnabled || !parent.grad) return null;
  const view = view2d(parent.grad, gradShape);
  if (!view) {
    throw new ShapeError(name, `gradient of shape ${shapeString(gradShape)} does not fit input of shape ${shapeString(parent.shape)}`);
  }
  return view;
}

/** Output shape of broadcasting `a` with `b` (rank ≤ 2), or a ShapeError naming the op. */
export function broadcastShape(name: string, a: Shape, b: Shape): number[] {
  if (a.length > 2 || b.length > 2) throw new ShapeError(name, `supports rank ≤ 2, got ${shapeString(a)} and ${shapeString(b)}`);
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = rank; k >= 1; k--) {
    const x = a.length - k >= 0 ? a[a.length - k] : 1;
    const y = b.length - k >= 0 ? b[b.length - k] : 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new ShapeError(name, `shapes ${shapeString(a)} and ${shapeString(b)} do not broadcast`);
    }
    out.push(x === 1 ? y : x);
  }
  return out;
}

/**
 * A traced computation ending in a one-element tensor, in topological order. `forward()`
 * replays every op on the current leaf values; `backward()` zeros the interior grads, seeds
 * the output with 1 and runs the backward closures in reverse. Leaf grads accumulate, as in
 * PyTorch; zeroing them is the optimizer's `zeroGrad()`.
 */
export class Graph {
  readonly nodes: readonly Tensor[];
  private readonly forwards: (() => void)[];
  private readonly backwards: (() => void)[];
  private readonly interiorGrads: View[];
  private readonly seed: View | null;

  constructor(readonly output: Tensor) {
    const order: Tensor[] = [];
    const seen = new Set<Tensor>();
    // Iterative post-order DFS: deep graphs (long chains of ops) must not overflow the stack.
    const stack: [Tensor, number][] = [[output, 0]];
    seen.add(output);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [node, next] = top;
      if (next < node.parents.length) {
        top[1]++;
        const parent = node.parents[next];
        if (!seen.has(parent)) {
          seen.add(parent);
          stack.push([parent, 0]);
        }
      } else {
        stack.pop();
        order.push(node);
      }
    }
    this.nodes = order;
    this.forwards = order.flatMap((n) => (n.forwardFn ? [n.forwardFn] : []));
    this.backwards = order.flatMap((n) => (n.backwardFn ? [n.backwardFn] : [])).reverse();
    // The output's grad is set to 1 by the seed, so it needs no zeroing of its own.
    this.interiorGrads = order.flatMap((n) => (n.grad && n.ownsGrad && n.op !== 'leaf' && n !== output ? [view2d(n.grad)!] : []));
    this.seed = output.grad ? view2d(output.grad) : null;
  }

  /** Recomputes every op in order; returns the output's value. */
  forward(): number {
    const forwards = this.forwards;
    for (let i = 0; i < forwards.length; i++) forwards[i]();
    return this.output.value.data[this.output.value.offset];
  }

  backward(): void {
    if (!this.seed) throw new Error('backward: the output does not require grad');
    const grads = this.interiorGrads;
    for (let i = 0; i < grads.length; i++) fill(grads[i], 0);
    fill(this.seed, 1);
    const backwards = this.backwards;
    for (let i = 0; i < backwards.length; i++) backwards[i]();
  }
}
