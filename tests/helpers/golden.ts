/**
 * Reads the PyTorch reference fixtures: tests/fixtures/golden/ (made by the shared reference
 * generator; shuffle off) and tests/fixtures/exported/ (made by running optirace's own
 * "reproduce in PyTorch" export, which covers shuffled batches, random init, CSV data,
 * hold-out splits and normalization). A case is named DIR/NAME.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const DIRS = ['golden', 'exported'];

export interface GoldenRecord {
  racer: string;
  epoch: number;
  loss: number;
  holdoutLoss?: number;
  w: number[][];
  b: number[];
}

/** Case names: every NAME.json that has NAME.f32.ndjson and NAME.f64.ndjson beside it. */
export function goldenCases(): string[] {
  return DIRS.flatMap((dir) => {
    const files = readdirSync(join(FIXTURES, dir));
    return files
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .filter((name) => files.includes(`${name}.f32.ndjson`) && files.includes(`${name}.f64.ndjson`))
      .sort()
      .map((name) => `${dir}/${name}`);
  });
}

export function goldenConfig(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
}

/**
 * PyTorch's trajectories. Python writes Infinity and NaN, which strict JSON rejects: they are
 * read as the numbers they are.
 */
export function goldenRecords(name: string, precision: 'f32' | 'f64'): GoldenRecord[] {
  const text = readFileSync(join(FIXTURES, `${name}.${precision}.ndjson`), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      JSON.parse(line.replace(/-?Infinity|NaN/g, (token) => `"${token}"`), (_key, value) =>
        value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value === 'NaN' ? NaN : value,
      ),
    );
}
