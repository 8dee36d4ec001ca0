/**
 * The exact loss landscape of a race, for the parameter-space chart.
 *
 * The MSE of a linear model is quadratic in the parameters. With θₒ = [wₒ, bₒ] the weights
 * of output o and A = [X 1] the inputs with a column of ones:
 *   L(θ) = L* + 1/(n·m) · Σₒ (θₒ − θₒ*)ᵀ G (θₒ − θₒ*),   G = AᵀA
 * so on any 2-D slice through the optimum θ* the contours are exact ellipses, and the
 * outputs do not interact (the Hessian is block-diagonal with one G per output).
 */
import type { Dataset } from '../data/dataset.ts';
import { symmetricEigen } from '../linalg/symmetric-eigen.ts';
import type { Optimum, Weights } from '../race/optimum.ts';

/** A parameter: output `output`'s weight for input `input`, or its bias when input is null. */
export interface ParamRef {
  output: number;
  input: number | null;
}

/** A 2-D view of parameter space: coordinates of a point and the exact loss there. */
export interface Slice {
  labels: [string, string];
  /** Coordinates of the optimum in this slice. */
  center: [number, number];
  /** L(center + δ) = optimumLoss + δᵀ H δ (symmetric 2×2). */
  hessian: [[number, number], [number, number]];
  optimumLoss: number;
  /** The slice coordinates of a racer's weights (its projection onto the slice). */
  project(weights: Weights): [number, number];
  /** The weights moved within the slice so that they project to (x, y); every other direction unchanged. */
  moveTo(weights: Weights, x: number, y: number): Weights;
  /** The exact loss at slice coordinates (x, y), every other parameter at the optimum. */
  lossAt(x: number, y: number): number;
}

export class LossSurface {
  readonly inputs: number;
  readonly outputs: number;
  /** (d+1)×(d+1) row-major AᵀA, bias last. */
  private readonly gram: Float64Array;
  private readonly scale: number;

  constructor(private readonly train: Dataset, private readonly optimum: Optimum) {
    const { rows: n, inputs: d, outputs: m, x } = train;
    this.inputs = d;
    this.outputs = m;
    const k = d + 1;
    const g = new Float64Array(k * k);
    const a = new Float64Array(k);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < d; j++) a[j] = x[r * d + j];
      a[d] = 1;
      for (let i = 0; i < k; i++) for (let j = i; j < k; j++) g[i * k + j] += a[i] * a[j];
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) g[i * k + j] = g[j * k + i];
    this.gram = g;
    this.scale = 1 / (n * m);
  }

  label(p: ParamRef): string {
    const names = this.train.inputNames;
    const out = this.train.targetNames[p.output] ?? `y${p.output + 1}`;
    return p.input === null ? `b (${out})` : `w ${out} ← ${names[p.input] ?? `x${p.input + 1}`}`;
  }

  private value(weights: Weights, p: ParamRef): number {
    return p.input === null ? weights.b[p.output] : weights.w[p.output][p.input];
  }

  private index(p: ParamRef): number {
    return p.input === null ? this.inputs : p.input;
  }

  /** The slice over two parameters, every other one held at the optimum. */
  slice(p: ParamRef, q: ParamRef): Slice {
    const k = this.inputs + 1;
    const i = this.index(p);
    const j = this.index(q);
    const s = this.scale;
    const cross = p.output === q.output ? this.gram[i * k + j] * s : 0;
    const hessian: [[number, number], [number, number]] = [
      [this.gram[i * k + i] * s, cross],
      [cross, this.gram[j * k + j] * s],
    ];
    const center: [number, number] = [this.value(this.optimum, p), this.value(this.optimum, q)];
    const set = (weights: Weights, r: ParamRef, v: number): Weights => ({
      w: weights.w.map((row, o) => (r.input !== null && o === r.output ? row.map((x, j) => (j === r.input ? v : x)) : [...row])),
      b: weights.b.map((x, o) => (r.input === null && o === r.output ? v : x)),
    });
    return this.makeSlice([this.label(p), this.label(q)], center, hessian, (w) => [this.value(w, p), this.value(w, q)], (w, x, y) => set(set(w, p, x), q, y));
  }

  /**
   * The slice along principal directions of output `output`'s loss (eigenvectors of G):
   * the sharpest (largest eigenvalue) across, and up the one of rank `up` (1 the
   * second-sharpest, `inputs` the flattest). Coordinates are distances from the optimum
   * along each direction.
   *
   * Why the second-sharpest by default: full-batch GD's lr must stay below 2/λ₁, so along a
   * direction λ₁/λ times flatter it shrinks its distance by at most a factor (1 − 2λ/λ₁)
   * an epoch: the crawl. On the raw crop data the second direction is 28× flatter than the
   * first, and GD's crawl along it is what the loss chart shows over 300 epochs; the
   * flattest is 2.2 million times flatter, and at that lr no racer moves along it visibly
   * in a race, so against it every GD path is a straight line.
   */
  principal(output = 0, up = 1): Slice & { eigenvalues: number[]; up: number; condition: number; flattest: number } {
    const k = this.inputs + 1;
    const { values, vectors } = symmetricEigen(this.gram, k);
    const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
    const rank = Math.min(Math.max(1, Math.round(up)), k - 1);
    const top = order[0];
    const bottom = order[rank];
    const u = (col: number) => Array.from({ length: k }, (_, r) => vectors[r * k + col]);
    const u1 = u(top);
    const u2 = u(bottom);
    const s = this.scale;
    const eigenvalues = order.map((i) => Math.max(values[i], 0) * s);
    const lambda1 = eigenvalues[0];
    const lambda2 = eigenvalues[rank];
    const star = [...this.optimum.w[output], this.optimum.b[output]];
    // θ = [W row, b]; read in place, without building it: charts project every new epoch.
    const project = (weights: Weights): [number, number] => {
      const row = weights.w[output];
      let a = 0;
      let b = 0;
      for (let r = 0; r < k; r++) {
        const d = (r < k - 1 ? row[r] : weights.b[output]) - star[r];
        a += u1[r] * d;
        b += u2[r] * d;
      }
      return [a, b];
    };
    // Along u1 and u2 by the difference: the other principal directions keep their components.
    const moveTo = (weights: Weights, x: number, y: number): Weights => {
      const [a, b] = project(weights);
      const theta = [...weights.w[output], weights.b[output]].map((v, r) => v + (x - a) * u1[r] + (y - b) * u2[r]);
      return {
        w: weights.w.map((row, o) => (o === output ? theta.slice(0, k - 1) : [...row])),
        b: weights.b.map((v, o) => (o === output ? theta[k - 1] : v)),
      };
    };
    const out = this.train.targetNames[output] ?? `y${output + 1}`;
    const slice = this.makeSlice([`sharpest direction (${out})`, `${directionName(rank, k - 1)} direction (${out})`], [0, 0], [[lambda1, 0], [0, lambda2]], project, moveTo);
    const ratio = (l: number) => (l > 0 ? lambda1 / l : Infinity);
    return { ...slice, eigenvalues, up: rank, condition: ratio(lambda2), flattest: ratio(eigenvalues[k - 1]) };
  }

  private makeSlice(
    labels: [string, string],
    center: [number, number],
    hessian: [[number, number], [number, number]],
    project: (w: Weights) => [number, number],
    moveTo: (w: Weights, x: number, y: number) => Weights,
  ): Slice {
    const optimumLoss = this.optimum.loss;
    return {
      labels,
      center,
      hessian,
      optimumLoss,
      project,
      moveTo,
      lossAt(x, y) {
        const dx = x - center[0];
        const dy = y - center[1];
        return optimumLoss + hessian[0][0] * dx * dx + 2 * hessian[0][1] * dx * dy + hessian[1][1] * dy * dy;
      },
    };
  }
}

/** "2nd sharpest", "3rd sharpest", …, or "flattest" for the last of `last` ranks after the sharpest. */
export function directionName(rank: number, last: number): string {
  if (rank === last) return 'flattest';
  const suffix = rank + 1 === 2 ? 'nd' : rank + 1 === 3 ? 'rd' : 'th';
  return `${rank + 1}${suffix} sharpest`;
}

/**
 * Points (in slice coordinates) of the contour where the loss equals `level`: an ellipse
 * around the center, empty when the level is at or below the optimum.
 */
export function contour(slice: Slice, level: number, points = 72): [number, number][] {
  const excess = level - slice.optimumLoss;
  if (!(excess > 0)) return [];
  const [[a, b], [, c]] = slice.hessian;
  // Eigen-decomposition of the symmetric 2×2 Hessian.
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  const l1 = mean + radius;
  const l2 = mean - radius;
  const angle = 0.5 * Math.atan2(2 * b, a - c);
  if (!(l1 > 0) || !(l2 > 0)) return [];
  const r1 = Math.sqrt(excess / l1);
  const r2 = Math.sqrt(excess / l2);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return Array.from({ length: points + 1 }, (_, i) => {
    const t = (2 * Math.PI * i) / points;
    const u = r1 * Math.cos(t);
    const v = r2 * Math.sin(t);
    return [slice.center[0] + u * cos - v * sin, slice.center[1] + u * sin + v * cos];
  });
}
