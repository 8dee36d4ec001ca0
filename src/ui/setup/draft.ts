/**
 * An edit that the validator refused. The panels are controlled (spec in, onchange out), yet an
 * invalid edit must stay in its input with its message beside it: the draft holds that
 * candidate, and is shown only while the spec it was made from is still the one in force.
 */
import type { RaceConfigSpec } from '../../core/config/schema.ts';
import { configError } from './field-error.ts';

export interface Draft {
  /** The spec in force when the edit was made. */
  base: RaceConfigSpec;
  /** The spec with the refused edit in it. */
  candidate: RaceConfigSpec;
  /** The validator's message. */
  error: string;
  /** The path of the field that was edited, e.g. `racers[1].lr`. */
  field: string;
}

/** What to show: the draft while it belongs to the spec in force, else the spec. */
export function shownSpec(spec: RaceConfigSpec, draft: Draft | null): RaceConfigSpec {
  return draft !== null && draft.base === spec ? draft.candidate : spec;
}

/**
 * Validates `candidate`: a valid one is passed to `commit` and no draft remains; an invalid one
 * comes back as the draft to show (nothing is committed).
 */
export function propose(spec: RaceConfigSpec, candidate: RaceConfigSpec, field: string, commit: (spec: RaceConfigSpec) => void): Draft | null {
  const error = configError(candidate);
  if (error === null) {
    commit(candidate);
    return null;
  }
  return { base: spec, candidate, error, field };
}
