/**
 * The seed lesson's crop yields: temperature, rainfall and humidity of a region against its
 * apple and orange yields. crops5 is the first table of the notebook, crops15 its "new
 * dataset" with ten near-duplicate rows added.
 */
import { datasetFromRows, type Dataset } from './dataset.ts';

const CROPS5_X = [[73, 67, 43], [91, 88, 64], [87, 134, 58], [102, 43, 37], [69, 96, 70]];
const CROPS5_Y = [[56, 70], [81, 101], [119, 133], [22, 37], [103, 119]];
const CROPS15_X = [...CROPS5_X, [74, 66, 43], [91, 87, 65], [88, 134, 59], [101, 44, 37], [68, 96, 71], [73, 66, 44], [92, 87, 64], [87, 135, 57], [103, 43, 36], [68, 97, 70]];
const CROPS15_Y = [...CROPS5_Y, [57, 69], [80, 102], [118, 132], [21, 38], [104, 118], [57, 69], [82, 100], [118, 134], [20, 38], [102, 120]];

const INPUT_NAMES = ['temperature', 'rainfall', 'humidity'];
const TARGET_NAMES = ['apples', 'oranges'];

export const BUILTIN_DATASETS = {
  crops5: () => datasetFromRows(CROPS5_X, CROPS5_Y, INPUT_NAMES, TARGET_NAMES),
  crops15: () => datasetFromRows(CROPS15_X, CROPS15_Y, INPUT_NAMES, TARGET_NAMES),
} as const satisfies Record<string, () => Dataset>;

export type BuiltinName = keyof typeof BUILTIN_DATASETS;

export function isBuiltinName(name: string): name is BuiltinName {
  return Object.hasOwn(BUILTIN_DATASETS, name);
}
