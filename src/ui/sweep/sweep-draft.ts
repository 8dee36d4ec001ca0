/**
 * The Sweep form's fields and the `sweeps` entry they make. The form only turns its text
 * into numbers; the validator checks the sweep (one home for every rule), and its message
 * comes back with the field's label (`sweepFieldLabel`).
 */
import type { AxisSpec, RaceConfigSpec, SweepSpec } from '../../core/config/schema.ts';

export interface AxisDraft {
  name: string;
  mode: 'range' | 'values';
  from: string;
  to: string;
  points: string;
  scale: 'log' | 'linear';
  /** Values separated by commas or spaces ("full" for a full batch). */
  values: string;
}

export interface SweepDraft {
  racer: string;
  axes: AxisDraft[];
  /** Set for a learning-rate range test (one run, lr from → to over the race), which takes no axes. */
  rangeTest?: { from: string; to: string };
}

/** How the form and the field labels name a range test. */
export const RANGE_TEST_LABEL = 'Learning-rate range test';

/** The hyperparameters the form offers, with their labels (the optimizer's numeric ones and the batch size). */
export const SWEEPABLE: Record<string, string> = {
  lr: 'Learning rate',
  momentum: 'Momentum',
  dampening: 'Dampening',
  weightDecay: 'Weight decay',
  batchSize: 'Batch size',
  eps: 'Eps',
  alpha: 'Alpha',
  lrDecay: 'Learning-rate decay',
  initialAccumulatorValue: 'Initial accumulator value',
};

/** A field's text as the config value: a number when it reads as one, else the text (the validator names it). */
function numberOf(text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (t === 'full') return t;
  const x = Number(t);
  return Number.isNaN(x) ? t : x;
}

export function axisSpec(a: AxisDraft): AxisSpec {
  if (a.mode === 'values') {
    const values = a.values.split(/[\s,]+/).filter(Boolean).map(numberOf) as (number | 'full')[];
    return { values };
  }
  return { from: numberOf(a.from), to: numberOf(a.to), points: numberOf(a.points), scale: a.scale } as AxisSpec;
}

export function sweepSpec(draft: SweepDraft): SweepSpec {
  if (draft.rangeTest) return { racer: draft.racer, rangeTest: { from: numberOf(draft.rangeTest.from), to: numberOf(draft.rangeTest.to) } as { from: number; to: number } };
  return { racer: draft.racer, ...Object.fromEntries(draft.axes.map((a) => [a.name, axisSpec(a)])) };
}

/** The config with one more sweep, at the end (its index is the old count). */
export function withSweep(spec: RaceConfigSpec, sweep: SweepSpec): RaceConfigSpec {
  return { ...spec, sweeps: [...(spec.sweeps ?? []), sweep] };
}

/** The config without sweep `index`; without `sweeps` at all when none is left. */
export function withoutSweep(spec: RaceConfigSpec, index: number): RaceConfigSpec {
  const sweeps = (spec.sweeps ?? []).filter((_, i) => i !== index);
  const { sweeps: _dropped, ...rest } = spec;
  return sweeps.length > 0 ? { ...rest, sweeps } : rest;
}

const AXIS_FIELDS: Record<string, string> = { from: 'From', to: 'To', points: 'Points', scale: 'Scale', values: 'Values' };

/**
 * The label of a path inside `sweeps` ("From (Learning rate) of sweep 1"), or null. The
 * sweep's number is 1-based, as the panel lists them.
 */
export function sweepFieldLabel(path: string): string | null {
  const m = /^sweeps\[(\d+)\](?:\.(\w+)(?:\.(\w+)(?:\[(\d+)\])?)?)?$/.exec(path);
  if (!m) return null;
  const of = `sweep ${Number(m[1]) + 1}`;
  if (m[2] === undefined) return `Sweep ${Number(m[1]) + 1}`;
  if (m[2] === 'racer') return `Base racer of ${of}`;
  const name = m[2] === 'rangeTest' ? RANGE_TEST_LABEL : (SWEEPABLE[m[2]] ?? m[2]);
  if (m[3] === undefined) return `${name} of ${of}`;
  const field = AXIS_FIELDS[m[3]];
  if (!field) return null;
  if (m[4] !== undefined) return `Value ${Number(m[4]) + 1} of ${name.toLowerCase()} of ${of}`;
  return `${field} (${name.toLowerCase()}) of ${of}`;
}
