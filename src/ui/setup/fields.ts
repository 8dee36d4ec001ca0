/**
 * The config paths of the setup panel's fields, as the validator writes them in messages
 * (`racers[1].lr`, `racers[0].betas[1]`), so a message can be shown beside its field.
 */
import { OPTIMIZERS, type RacerSpec } from '../../core/config/schema.ts';

export const RACE_FIELDS = ['epochs', 'seed', 'shuffle'] as const;

export function racerFieldPaths(racer: RacerSpec, index: number): string[] {
  const at = `racers[${index}]`;
  const hyperparameters = Object.entries(OPTIMIZERS[racer.optimizer]?.hyperparameters ?? {}).flatMap(([name, spec]) =>
    spec.kind === 'betas' ? [`${at}.${name}[0]`, `${at}.${name}[1]`] : [`${at}.${name}`],
  );
  return [`${at}.label`, `${at}.optimizer`, `${at}.color`, `${at}.batchSize`, ...hyperparameters];
}

/** Batch size text: "full" (any case), a number, nothing (the default, full), or text the validator will name. */
export function parseBatchSize(text: string): unknown {
  if (text.trim().toLowerCase() === 'full') return 'full';
  const t = text.trim();
  if (t === '') return undefined;
  return /^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(t) ? Number(t) : text;
}
