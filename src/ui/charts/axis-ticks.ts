/**
 * Tick positions and labels for an axis, from a d3 scale. A log scale over few decades
 * asks for every 2…9 multiple as well; past twice the wanted count they are thinned to
 * the powers of ten, or to every k-th tick when there are not two of those.
 */
import { formatNumber } from './format-number.ts';

export interface Tick {
  value: number;
  /** Pixel position along the axis. */
  position: number;
  label: string;
}

export interface TickScale {
  (value: number): number | undefined;
  ticks(count?: number): number[];
}

export function axisTicks(scale: TickScale, count: number, format: (value: number) => string = (v) => formatNumber(v)): Tick[] {
  let values = scale.ticks(count);
  if (values.length > 2 * count) {
    const decades = values.filter((v) => Number.isInteger(Math.round(Math.log10(Math.abs(v)) * 1e9) / 1e9));
    if (decades.length >= 2) values = decades;
    else {
      const every = Math.ceil(values.length / count);
      values = values.filter((_, i) => i % every === 0);
    }
  }
  return values.map((value) => ({ value, position: scale(value) ?? 0, label: format(value) }));
}
