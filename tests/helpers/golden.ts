/** Reads the PyTorch reference fixtures in tests/fixtures/golden/. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'fixtures', 'golden');

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
  const files = readdirSync(GOLDEN_DIR);
  return files
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((name) => files.includes(`${name}.f32.ndjson`) && files.includes(`${name}.f64.ndjson`))
    .sort();
}

export function goldenConfig(name: string): unknown {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, `${name}.json`), 'utf8'));
}

/**
 * PyTorch's trajectories. Python writes Infinity and NaN, which strict JSON rejects: they are
 * read as the numbers they are.
 */
export function goldenRecords(name: string, precision: 'f32' | 'f64'): GoldenRecord[] {
  const text = readFileSync(join(GOLDEN_DIR, `${name}.${precision}.ndjson`), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      JSON.parse(line.replace(/-?Infinity|NaN/g, (token) => `"${token}"`), (_key, value) =>
        value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value === 'NaN' ? NaN : value,
      ),
    );
}
