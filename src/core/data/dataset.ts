/** A table of inputs and targets, row-major in flat arrays (what every kernel reads). */
export interface Dataset {
  readonly rows: number;
  readonly inputs: number;
  readonly outputs: number;
  /** rows × inputs, row-major. */
  readonly x: Float64Array;
  /** rows × outputs, row-major. */
  readonly y: Float64Array;
  readonly inputNames: readonly string[];
  readonly targetNames: readonly string[];
}

export function datasetFromRows(
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
  inputNames?: readonly string[],
  targetNames?: readonly string[],
): Dataset {
  const d = inputs[0]?.length ?? 0;
  const m = targets[0]?.length ?? 0;
  return {
    rows: inputs.length,
    inputs: d,
    outputs: m,
    x: Float64Array.from(inputs.flat()),
    y: Float64Array.from(targets.flat()),
    inputNames: inputNames ?? Array.from({ length: d }, (_, j) => `x${j + 1}`),
    targetNames: targetNames ?? Array.from({ length: m }, (_, j) => `y${j + 1}`),
  };
}

/** The rows at `indices`, in that order. */
export function selectRows(data: Dataset, indices: ArrayLike<number>): Dataset {
  const n = indices.length;
  const x = new Float64Array(n * data.inputs);
  const y = new Float64Array(n * data.outputs);
  for (let r = 0; r < n; r++) {
    const i = indices[r];
    x.set(data.x.subarray(i * data.inputs, (i + 1) * data.inputs), r * data.inputs);
    y.set(data.y.subarray(i * data.outputs, (i + 1) * data.outputs), r * data.outputs);
  }
  return { ...data, rows: n, x, y };
}

export interface Standardization {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * Per-input mean and population standard deviation (as scikit-learn's StandardScaler);
 * a constant column keeps std 1 so it is only centred, not divided by zero. Constant is
 * tested exactly: the float mean of [0.1, 0.1, 0.1] is not 0.1, and dividing its 1e-17
 * spread would turn the column into −1s.
 */
export function fitStandardization(data: Dataset): Standardization {
  const d = data.inputs;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  const constant = new Array<boolean>(d).fill(true);
  for (let r = 0; r < data.rows; r++) {
    for (let j = 0; j < d; j++) {
      mean[j] += data.x[r * d + j];
      if (data.x[r * d + j] !== data.x[j]) constant[j] = false;
    }
  }
  for (let j = 0; j < d; j++) mean[j] = constant[j] ? data.x[j] : mean[j] / data.rows;
  for (let r = 0; r < data.rows; r++) {
    for (let j = 0; j < d; j++) {
      const c = data.x[r * d + j] - mean[j];
      std[j] += c * c;
    }
  }
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(std[j] / data.rows);
    std[j] = s > 0 ? s : 1;
  }
  return { mean, std };
}

export function standardize(data: Dataset, s: Standardization): Dataset {
  const d = data.inputs;
  const x = new Float64Array(data.x.length);
  for (let r = 0; r < data.rows; r++) for (let j = 0; j < d; j++) x[r * d + j] = (data.x[r * d + j] - s.mean[j]) / s.std[j];
  return { ...data, x };
}
