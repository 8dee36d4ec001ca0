/**
 * Which CSV columns are targets and which are inputs. The default is the last column as the
 * target and every other column as an input; ticking a target takes it out of the inputs,
 * unticking it puts it back.
 */
import { csvHeader } from '../../core/data/csv.ts';

export interface ColumnChoice {
  targets: string[];
  inputs: string[];
}

/** The header of CSV text, or none while it cannot be read (an unclosed quote mid-paste). */
export function headerOf(text: string): string[] {
  try {
    return csvHeader(text).filter((name) => name !== '');
  } catch {
    return [];
  }
}

/** The choice for a header: `kept` (e.g. the loaded CSV's) when it still fits, else the default. */
export function defaultColumns(header: readonly string[], kept?: { targets: readonly string[]; inputs?: readonly string[] }): ColumnChoice {
  if (kept && kept.targets.length > 0 && kept.targets.every((t) => header.includes(t))) {
    const targets = header.filter((c) => kept.targets.includes(c));
    const inputs = kept.inputs ? header.filter((c) => kept.inputs!.includes(c) && !targets.includes(c)) : header.filter((c) => !targets.includes(c));
    return { targets, inputs };
  }
  const last = header.at(-1);
  return last === undefined ? { targets: [], inputs: [] } : { targets: [last], inputs: header.slice(0, -1) };
}

/** Ticks or unticks a column as a target; columns stay in header order. */
export function setTarget(header: readonly string[], choice: ColumnChoice, name: string, on: boolean): ColumnChoice {
  const targets = header.filter((c) => (c === name ? on : choice.targets.includes(c)));
  const inputs = header.filter((c) => (c === name ? !on : choice.inputs.includes(c)));
  return { targets, inputs };
}

/** Ticks or unticks a column as an input (a target cannot also be an input). */
export function setInput(header: readonly string[], choice: ColumnChoice, name: string, on: boolean): ColumnChoice {
  if (choice.targets.includes(name)) return choice;
  return { targets: choice.targets, inputs: header.filter((c) => (c === name ? on : choice.inputs.includes(c))) };
}
