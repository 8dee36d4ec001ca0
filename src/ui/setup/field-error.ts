/**
 * Where a ConfigError belongs in a form. The validator starts every message with the path of
 * the field it is about (`racers[1].lr must be …`, `racers[0]: Nesterov momentum requires …`,
 * `csv line 7: …`), so the path is read back from the message rather than kept twice.
 */
import { ConfigError, leadingPath } from '../../core/config/errors.ts';
import type { RaceConfigSpec } from '../../core/config/schema.ts';
import { validateRace } from '../../core/config/validate.ts';

/** The leading path of a validator message: `racers[1].betas[0]`, `epochs`, `csv`, … */
export function errorPath(message: string): string {
  return leadingPath(message);
}

/**
 * The field a message is shown next to: the one it names when that field is on screen,
 * otherwise the field being edited (a rule across fields, such as Nesterov needing momentum,
 * names only the racer).
 */
export function errorField(message: string, edited: string, fields: ReadonlySet<string>): string {
  const path = errorPath(message);
  return fields.has(path) ? path : edited;
}

/** The validator's message for a candidate config, or null when it is valid. */
export function configError(candidate: RaceConfigSpec): string | null {
  try {
    validateRace(candidate);
    return null;
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
}
