/**
 * The rows a data spec stands for, loaded the way the validator loads them (same built-in
 * tables, CSV parser and synthetic generator, same defaults), for the data table and summary.
 */
import { ConfigError } from '../../core/config/errors.ts';
import type { DataSpec } from '../../core/config/schema.ts';
import { BUILTIN_DATASETS } from '../../core/data/builtin.ts';
import { datasetFromCsv } from '../../core/data/csv.ts';
import { datasetFromRows, type Dataset } from '../../core/data/dataset.ts';
import { syntheticDataset } from '../../core/data/synthetic.ts';

export function datasetOf(data: DataSpec): Dataset {
  if (typeof data === 'string') {
    const load = BUILTIN_DATASETS[data];
    if (!load) throw new ConfigError(`data must be "crops5", "crops15" or an object, got "${data}"`);
    return load();
  }
  if ('csv' in data) return datasetFromCsv(data.csv, { targets: data.targets, inputs: data.inputs });
  if ('synthetic' in data) {
    const { n, features, outputs, noise = 0.1, seed = 0 } = data.synthetic;
    return syntheticDataset({ n, features, outputs, noise, seed });
  }
  return datasetFromRows(data.inputs, data.targets, data.inputNames, data.targetNames);
}

export type DataKind = 'crops5' | 'crops15' | 'csv' | 'synthetic' | 'inline';

export function dataKind(data: DataSpec): DataKind {
  if (typeof data === 'string') return data;
  if ('csv' in data) return 'csv';
  if ('synthetic' in data) return 'synthetic';
  return 'inline';
}

/** Inline rows (a refused cell edit may hold text, hence unknown cells). */
export function isInlineData(data: DataSpec): data is { inputs: number[][]; targets: number[][]; inputNames?: string[]; targetNames?: string[] } {
  return typeof data === 'object' && 'inputs' in data && !('csv' in data);
}
