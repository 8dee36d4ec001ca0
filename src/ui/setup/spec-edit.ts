/**
 * Racer-list edits, each a pure function from a spec to a new spec (the prop is never
 * mutated; objects are spread, not cloned, so Svelte state proxies pass through unharmed).
 */
import { OPTIMIZERS, type OptimizerName, type RaceConfigSpec, type RacerSpec } from '../../core/config/schema.ts';
import { PALETTE, racerColor } from '../palette.ts';
import { PRESETS, type Preset } from '../presets.ts';

const MAX_ID = 60;

/** A racer id from `base` (a preset name or another id) not in `taken`: `adam`, `adam-2`, `adam-3`, … */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const slug =
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/-\d+$/, '')
      .slice(0, MAX_ID) || 'racer';
  if (!used.has(slug)) return slug;
  for (let k = 2; ; k++) if (!used.has(`${slug}-${k}`)) return `${slug}-${k}`;
}

/** A label from `base` not in `taken`: `Adam`, `Adam 2`, `Adam 3`, … (so button names stay unique). */
export function uniqueLabel(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const stem = base.replace(/ \d+$/, '') || 'Racer';
  if (!used.has(stem)) return stem;
  for (let k = 2; ; k++) if (!used.has(`${stem} ${k}`)) return `${stem} ${k}`;
}

/** What a racer is called on screen and in button names. */
export function racerName(racer: RacerSpec): string {
  return typeof racer.label === 'string' && racer.label !== '' ? racer.label : racer.id;
}

/** The first palette colour no racer shows yet (the palette wraps when all are taken). */
export function nextColor(racers: readonly RacerSpec[]): string {
  const shown = new Set(racers.map((r, i) => racerColor(i, r.color).toLowerCase()));
  return PALETTE.find((c) => !shown.has(c.toLowerCase())) ?? racerColor(racers.length);
}

/**
 * Every racer with the colour it shows now written down, so that removing or reordering
 * racers does not repaint the others (an unset colour follows the racer's position).
 */
export function pinColors(racers: readonly RacerSpec[]): RacerSpec[] {
  return racers.map((r, i) => (typeof r.color === 'string' ? r : { ...r, color: racerColor(i) }));
}

/** Appends a racer made from a preset, with a fresh id, a unique label and an unused palette colour. */
export function addRacer(spec: RaceConfigSpec, preset: Preset): RaceConfigSpec {
  // Omit<RacerSpec, 'id'> keeps only RacerSpec's index signature, so the fields are read back as a racer.
  const from = preset.racer as Partial<RacerSpec> & Pick<RacerSpec, 'optimizer'>;
  const racer: RacerSpec = {
    ...from,
    id: uniqueId(preset.name, spec.racers.map((r) => r.id)),
    label: uniqueLabel(typeof from.label === 'string' ? from.label : preset.name, spec.racers.map(racerName)),
    color: nextColor(spec.racers),
  };
  return { ...spec, racers: [...spec.racers, racer] };
}

export function removeRacer(spec: RaceConfigSpec, index: number): RaceConfigSpec {
  if (index < 0 || index >= spec.racers.length) return spec;
  return { ...spec, racers: pinColors(spec.racers).filter((_, i) => i !== index) };
}

/** A copy right after the original, with a new id, label and colour. */
export function duplicateRacer(spec: RaceConfigSpec, index: number): RaceConfigSpec {
  const original = spec.racers[index];
  if (original === undefined) return spec;
  const racers = pinColors(spec.racers);
  const copy: RacerSpec = {
    ...original,
    id: uniqueId(original.id, spec.racers.map((r) => r.id)),
    label: uniqueLabel(racerName(original), spec.racers.map(racerName)),
    color: nextColor(racers),
  };
  return { ...spec, racers: [...racers.slice(0, index + 1), copy, ...racers.slice(index + 1)] };
}

/** Moves racer `index` by `delta` places (−1 up, +1 down); a move past either end changes nothing. */
export function moveRacer(spec: RaceConfigSpec, index: number, delta: number): RaceConfigSpec {
  const to = index + delta;
  if (index < 0 || index >= spec.racers.length || to < 0 || to >= spec.racers.length || delta === 0) return spec;
  const racers = pinColors(spec.racers);
  const [moved] = racers.splice(index, 1);
  racers.splice(to, 0, moved);
  return { ...spec, racers };
}

/**
 * The learning rate to keep when the optimizer changes: the racer's own when valid, the
 * default it ran with when it had none, and none when its own was refused.
 */
function keptLr(racer: RacerSpec): number | undefined {
  const own = racer.lr;
  if (own === undefined) {
    const spec = OPTIMIZERS[racer.optimizer]?.hyperparameters.lr;
    return spec?.kind === 'number' ? spec.default : undefined;
  }
  return typeof own === 'number' && Number.isFinite(own) && own >= 0 ? own : undefined;
}

/**
 * The racer with another optimizer: id, and label, colour, batch size and learning rate where
 * valid, are kept; every other hyperparameter goes back to PyTorch's default (left out of the spec,
 * which means the default). A refused lr goes back to the new optimizer's default; SGD has
 * none (lr is required), so it takes its presets' 1e-5.
 */
export function changeOptimizer(racer: RacerSpec, optimizer: OptimizerName): RacerSpec {
  if (racer.optimizer === optimizer) return racer;
  const fallback = optimizer === 'sgd' ? PRESETS.find((p) => p.racer.optimizer === 'sgd')?.racer.lr : undefined;
  const lr = keptLr(racer) ?? fallback;
  const { label, batchSize, color } = racer;
  const validBatch = batchSize === 'full' || (typeof batchSize === 'number' && Number.isInteger(batchSize) && batchSize >= 1);
  return {
    id: racer.id,
    ...(typeof label === 'string' ? { label } : {}),
    optimizer,
    ...(lr !== undefined ? { lr } : {}),
    ...(validBatch ? { batchSize } : {}),
    ...(typeof color === 'string' ? { color } : {}),
  };
}

/** The racer with `key` set to `value`, or removed when `value` is undefined (its default). */
export function setRacerField(racer: RacerSpec, key: string, value: unknown): RacerSpec {
  const next: RacerSpec = { ...racer };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** The spec with racer `index` replaced. */
export function replaceRacer(spec: RaceConfigSpec, index: number, racer: RacerSpec): RaceConfigSpec {
  return { ...spec, racers: spec.racers.map((r, i) => (i === index ? racer : r)) };
}

/**
 * The spec with a top-level field set, or removed when `value` is undefined. The value is
 * whatever was typed (text that is not a number stays text): the validator judges it.
 */
export function setSpecField(spec: RaceConfigSpec, key: keyof RaceConfigSpec, value: unknown): RaceConfigSpec {
  const next: Record<string, unknown> = { ...spec };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as unknown as RaceConfigSpec;
}
