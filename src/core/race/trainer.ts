/**
 * One racer's training: its model, its optimizer and one traced step per batch shape.
 *
 * A batch's rows are copied into buffers that the traced graph reads, then the graph is
 * replayed: zero grads, forward, backward, optimizer step, exactly PyTorch's loop, with no
 * graph building and no allocation after the first batch of each shape.
 */
import { Graph, noGrad } from '../autograd/tensor.ts';
import type { LrSchedule, Racer } from '../config/schema.ts';
import type { Dataset } from '../data/dataset.ts';
import { createOptimizer, type Optimizer } from '../optim/index.ts';
import { LinearRegression, matrixInput } from './model.ts';
import type { Weights } from './optimum.ts';

interface TracedStep {
  rows: number;
  x: Float64Array;
  y: Float64Array;
  graph: Graph;
}

/** Copies rows order[start .. start+count) of `src` (width `width`) into `dest`. */
function gatherRows(dest: Float64Array, src: Float64Array, width: number, order: Int32Array, start: number, count: number): void {
  for (let r = 0; r < count; r++) {
    const from = order[start + r] * width;
    const to = r * width;
    for (let j = 0; j < width; j++) dest[to + j] = src[from + j];
  }
}

/** The lr of step `step` (0-based) of an exponential schedule: from at the first step, to at the last. */
export function scheduledLr(schedule: LrSchedule, step: number): number {
  const { from, to, steps } = schedule;
  if (steps <= 1) return from;
  return from * (to / from) ** (Math.min(step, steps - 1) / (steps - 1));
}

export class Trainer {
  readonly model: LinearRegression;
  readonly optimizer: Optimizer;
  readonly batchSize: number;
  /** Optimizer steps taken so far. */
  steps = 0;
  private readonly traced = new Map<number, TracedStep>();
  private lastStep: TracedStep | null = null;
  private readonly trainLoss: Graph;
  private readonly holdoutLoss: Graph | null;
  private readonly lrSchedule: LrSchedule | null;

  constructor(private readonly train: Dataset, holdout: Dataset | null, init: Weights, racer: Racer) {
    this.model = new LinearRegression(init);
    this.optimizer = createOptimizer(racer, this.model.parameters());
    this.batchSize = racer.batchSize === 'full' ? train.rows : racer.batchSize;
    this.trainLoss = this.evaluation(train);
    this.holdoutLoss = holdout ? this.evaluation(holdout) : null;
    this.lrSchedule = racer.lrSchedule ?? null;
  }

  private evaluation(data: Dataset): Graph {
    return noGrad(() => new Graph(this.model.loss(matrixInput(data.x, data.rows, data.inputs), matrixInput(data.y, data.rows, data.outputs))));
  }

  /** The traced step for batches of `rows` rows (an epoch has at most two batch shapes). */
  private stepFor(rows: number): TracedStep {
    if (this.lastStep && this.lastStep.rows === rows) return this.lastStep;
    let step = this.traced.get(rows);
    if (!step) {
      const { inputs: d, outputs: m } = this.train;
      // A full batch reads the training set itself: its row order does not change the gradient.
      const full = rows === this.train.rows;
      const x = full ? this.train.x : new Float64Array(rows * d);
      const y = full ? this.train.y : new Float64Array(rows * m);
      step = { rows, x, y, graph: new Graph(this.model.loss(matrixInput(x, rows, d), matrixInput(y, rows, m))) };
      this.traced.set(rows, step);
    }
    this.lastStep = step;
    return step;
  }

  /**
   * One pass over the training set in batches of `batchSize` rows, in `order` (a permutation
   * of the rows) or in row order when null; the last batch may be smaller, like a PyTorch
   * DataLoader with drop_last=False. A scheduled lr is set before each step, as a
   * per-step `param_groups[0]['lr'] = …`. Returns the number of optimizer steps taken.
   */
  trainEpoch(order: Int32Array | null): number {
    const { rows: n, inputs: d, outputs: m, x, y } = this.train;
    const bs = this.batchSize;
    const optimizer = this.optimizer;
    const schedule = this.lrSchedule;
    let steps = 0;
    for (let start = 0; start < n; start += bs) {
      const rows = Math.min(bs, n - start);
      const step = this.stepFor(rows);
      if (rows !== n) {
        if (order) {
          gatherRows(step.x, x, d, order, start, rows);
          gatherRows(step.y, y, m, order, start, rows);
        } else {
          step.x.set(x.subarray(start * d, (start + rows) * d));
          step.y.set(y.subarray(start * m, (start + rows) * m));
        }
      }
      if (schedule) optimizer.set('lr', scheduledLr(schedule, this.steps));
      optimizer.zeroGrad();
      step.graph.forward();
      step.graph.backward();
      optimizer.step();
      steps++;
      this.steps++;
    }
    return steps;
  }

  /** Full training-set MSE at the current weights (not a running average of batch losses). */
  loss(): number {
    return this.trainLoss.forward();
  }

  holdout(): number | null {
    return this.holdoutLoss ? this.holdoutLoss.forward() : null;
  }
}
