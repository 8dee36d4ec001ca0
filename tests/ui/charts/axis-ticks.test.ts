import { scaleLinear, scaleLog } from 'd3';
import { describe, expect, it } from 'vitest';
import { axisTicks } from '../../../src/ui/charts/axis-ticks.ts';

describe('axisTicks', () => {
  it.each([
    { name: 'linear: d3 ticks, positioned and labelled', scale: scaleLinear().domain([0, 20]).range([0, 200]), count: 4, values: [0, 5, 10, 15, 20], labels: ['0', '5', '10', '15', '20'] },
    // d3 asks for 10, 20, …, 90, 100, 200, …, 1000: 19 > 2·3, thinned to the decades
    { name: 'log over two decades: thinned to powers of ten', scale: scaleLog().domain([10, 1000]).range([0, 100]), count: 3, values: [10, 100, 1000], labels: ['10', '100', '1000'] },
    // 0.1 … 1e5: seven decades, kept
    { name: 'log over many decades: every decade', scale: scaleLog().domain([0.1, 1e5]).range([0, 100]), count: 5, values: [0.1, 1, 10, 100, 1000, 1e4, 1e5], labels: ['0.1', '1', '10', '100', '1000', '10000', '100000'] },
    // 20 … 90 has no power of ten; 8 ticks > 2·2: every 4th
    { name: 'log within a decade: every k-th', scale: scaleLog().domain([20, 90]).range([0, 100]), count: 2, values: [20, 60], labels: ['20', '60'] },
  ])('$name', ({ scale, count, values, labels }) => {
    const ticks = axisTicks(scale, count);
    expect(ticks.map((t) => t.value)).toEqual(values);
    expect(ticks.map((t) => t.label)).toEqual(labels);
    ticks.forEach((t) => expect(t.position).toBeCloseTo(scale(t.value), 9));
  });
});
