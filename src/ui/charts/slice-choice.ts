/**
 * Which 2-D slice of parameter space the path chart shows: two principal directions of one
 * output's loss (the sharpest across, and up the one of rank `up`: 1 the second-sharpest,
 * the default, up to the flattest), or two chosen parameters with every other one at the
 * optimum. Plain data, so a parent can hold it (bind:choice) and the data table can follow it.
 */
import type { LossSurface, ParamRef, Slice } from '../../core/analysis/loss-surface.ts';

export type SliceChoice = { kind: 'principal'; output: number; up?: number } | { kind: 'params'; x: ParamRef; y: ParamRef };

export const DEFAULT_SLICE: SliceChoice = { kind: 'principal', output: 0 };

/** Every parameter of a model with `inputs` inputs and `outputs` outputs: weights, then the bias, per output. */
export function allParams(inputs: number, outputs: number): ParamRef[] {
  return Array.from({ length: outputs }, (_, output) => [
    ...Array.from({ length: inputs }, (_, input) => ({ output, input })),
    { output, input: null },
  ]).flat();
}

/** A short stable key for a parameter, for <select> values: "0:2", or "1:b" for a bias. */
export function paramKey(p: ParamRef): string {
  return `${p.output}:${p.input ?? 'b'}`;
}

export function paramFromKey(key: string): ParamRef {
  const [output, input] = key.split(':');
  return { output: Number(output), input: input === 'b' ? null : Number(input) };
}

/**
 * The choice made valid for a model of this size (the data can change under a kept
 * choice): outputs and inputs out of range fall back to the first, and the y parameter
 * moves to the next one when it would equal x (a slice needs two different parameters).
 */
export function validSliceChoice(choice: SliceChoice, inputs: number, outputs: number): SliceChoice {
  const output = (o: number) => (Number.isInteger(o) && o >= 0 && o < outputs ? o : 0);
  if (choice.kind === 'principal') {
    const up = choice.up ?? 1;
    return { kind: 'principal', output: output(choice.output), up: Number.isInteger(up) && up >= 1 && up <= inputs ? up : 1 };
  }
  const param = (p: ParamRef): ParamRef => ({ output: output(p.output), input: p.input === null || (Number.isInteger(p.input) && p.input >= 0 && p.input < inputs) ? p.input : 0 });
  const x = param(choice.x);
  let y = param(choice.y);
  if (paramKey(x) === paramKey(y)) {
    const all = allParams(inputs, outputs);
    y = all[(all.findIndex((p) => paramKey(p) === paramKey(x)) + 1) % all.length];
  }
  return { kind: 'params', x, y };
}

/** The slice for a choice; a principal slice also carries its eigenvalues and how much flatter its directions are than the sharpest. */
export function sliceFor(surface: LossSurface, choice: SliceChoice): Slice & Partial<Pick<ReturnType<LossSurface['principal']>, 'eigenvalues' | 'up' | 'condition' | 'flattest'>> {
  const valid = validSliceChoice(choice, surface.inputs, surface.outputs);
  return valid.kind === 'principal' ? surface.principal(valid.output, valid.up) : surface.slice(valid.x, valid.y);
}
