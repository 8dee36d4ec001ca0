/** Field checks shared by the validator's parts: each throws a ConfigError naming `path`. */
import { ConfigError, describe, quote } from './errors.ts';

export type Obj = Record<string, unknown>;

/**
 * A plain object: JSON's, a structured clone's, or a null-prototype one. A Map, Date, class
 * instance or boxed number is not, since what JSON.stringify sends a worker would differ
 * from what was checked here. (A prototype whose own prototype is null is some realm's
 * Object.prototype, so an object from another frame still counts.)
 */
export function isObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Refuses a hole in an array (`[1, , 3]`, possible by postMessage, not in JSON): forEach and
 * map skip holes, and JSON.stringify would turn one into null for the worker to refuse.
 */
export function dense(v: readonly unknown[], name: (i: number) => string): void {
  for (let i = 0; i < v.length; i++) if (!(i in v)) throw new ConfigError(`${name(i)} is missing`);
}

export function object(v: unknown, path: string): Obj {
  if (!isObject(v)) throw new ConfigError(`${path} must be an object, got ${describe(v)}`);
  return v;
}

export function onlyKeys(o: Obj, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(`${path ? `${path}: ` : ''}unknown field ${quote(key)} (expected ${allowed.map((k) => `"${k}"`).join(', ')})`);
    }
  }
}

export function integer(v: unknown, path: string, min: number, max: number, what = 'an integer'): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(`${path} must be ${what} from ${min} to ${max}, got ${describe(v)}`);
  }
  return v;
}

export function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConfigError(`${path} must be a finite number, got ${describe(v)}`);
  return v;
}

export function boolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new ConfigError(`${path} must be true or false, got ${describe(v)}`);
  return v;
}

export function string(v: unknown, path: string, maxLength: number): string {
  if (typeof v !== 'string') throw new ConfigError(`${path} must be a string, got ${describe(v)}`);
  if (v.length > maxLength) throw new ConfigError(`${path} must be at most ${maxLength} characters, got ${v.length}`);
  return v;
}

