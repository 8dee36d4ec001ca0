/**
 * A cache of one value per racer, for a chart's per-racer work (a line's path string, a
 * projected path). The page keeps a racer's view object while its history and status are
 * unchanged, so during a race only the racers still running are drawn again; the others
 * keep their lines until something they depend on (a scale, the slice) changes.
 *
 *   const lineOf = perRacerMemo<RacerView, string>();
 *   const d = lineOf(racer, [x, y], () => line(racer.history));
 */
export type PerRacerMemo<K extends object, T> = (key: K, deps: readonly unknown[], make: () => T) => T;

export function perRacerMemo<K extends object, T>(): PerRacerMemo<K, T> {
  const cache = new WeakMap<K, { deps: readonly unknown[]; value: T }>();
  return (key, deps, make) => {
    const hit = cache.get(key);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => Object.is(d, deps[i]))) return hit.value;
    const value = make();
    cache.set(key, { deps, value });
    return value;
  };
}
