/**
 * Hand-written fused training loops: the baseline the engine is measured against. One loop
 * computes predictions, residuals and gradients together (no graph, no ndarray), then the
 * update, for the same data, batch order and torch.optim rule as the engine.
 */
import type { Dataset } from '../src/core/data/dataset.ts';
import type { Weights } from '../src/core/race/optimum.ts';

export type FusedRule = { kind: 'sgd'; lr: number; momentum: number } | { kind: 'adam'; lr: number; beta1: number; beta2: number; eps: number };

export class FusedLoop {
  readonly w: Float64Array;
  readonly b: Float64Array;
  private readonly gw: Float64Array;
  private readonly gb: Float64Array;
  private readonly mw: Float64Array;
  private readonly mb: Float64Array;
  private readonly vw: Float64Array;
  private readonly vb: Float64Array;
  private t = 0;

  constructor(private readonly data: Dataset, init: Weights, private readonly rule: FusedRule, private readonly batchSize: number) {
    this.w = Float64Array.from(init.w.flat());
    this.b = Float64Array.from(init.b);
    this.gw = new Float64Array(this.w.length);
    this.gb = new Float64Array(this.b.length);
    this.mw = new Float64Array(this.w.length);
    this.mb = new Float64Array(this.b.length);
    this.vw = new Float64Array(this.w.length);
    this.vb = new Float64Array(this.b.length);
  }

  epoch(order: Int32Array | null): number {
    const { rows: n, inputs: d, outputs: m, x, y } = this.data;
    const { w, b, gw, gb } = this;
    const bs = this.batchSize;
    let steps = 0;
    for (let start = 0; start < n; start += bs) {
      const rows = Math.min(bs, n - start);
      gw.fill(0);
      gb.fill(0);
      const scale = 2 / (rows * m);
      for (let r = 0; r < rows; r++) {
        const i = order ? order[start + r] : start + r;
        const xi = i * d;
        for (let o = 0; o < m; o++) {
          const wo = o * d;
          let p = b[o];
          for (let j = 0; j < d; j++) p += x[xi + j] * w[wo + j];
          const e = (p - y[i * m + o]) * scale;
          gb[o] += e;
          for (let j = 0; j < d; j++) gw[wo + j] += e * x[xi + j];
        }
      }
      this.update(w, gw, this.mw, this.vw);
      this.update(b, gb, this.mb, this.vb);
      this.t++;
      steps++;
    }
    return steps;
  }

  private update(p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array): void {
    const rule = this.rule;
    if (rule.kind === 'sgd') {
      const { lr, momentum } = rule;
      if (momentum === 0) {
        for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
      } else {
        const first = this.t === 0;
        for (let i = 0; i < p.length; i++) {
          m[i] = first ? g[i] : momentum * m[i] + g[i];
          p[i] -= lr * m[i];
        }
      }
      return;
    }
    const { lr, beta1, beta2, eps } = rule;
    const t = this.t + 1;
    const stepSize = lr / (1 - beta1 ** t);
    const bias2Sqrt = Math.sqrt(1 - beta2 ** t);
    for (let i = 0; i < p.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bias2Sqrt + eps);
    }
  }
}
