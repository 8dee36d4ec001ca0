import { describe, expect, it } from 'vitest';
import { legendLayout, textWidth } from '../../../src/ui/charts/legend-layout.ts';

// Simple metrics: at a 7.8125 px font a lowercase letter (0.64 em) is 5 px, so an item of
// plain lowercase letters is 10 + 5 per character wide; items 10 apart, rows 20 high.
const metrics = { charWidth: 7.8125, swatch: 10, gap: 10, rowHeight: 20 };

describe('legendLayout', () => {
  it.each([
    // widths 30, 30, 30: x = 0, 40, 80 (ends at 110 ≤ 120)
    { name: 'one row when they fit', labels: ['abcd', 'eghk', 'nopq'], width: 120, xs: [0, 40, 80], ys: [0, 0, 0], height: 20 },
    // third would end at 110 > 100: wraps
    { name: 'wraps the item that would overflow', labels: ['abcd', 'eghk', 'nopq'], width: 100, xs: [0, 40, 0], ys: [0, 0, 20], height: 40 },
    // an item wider than the row still goes on a row of its own, never an empty row
    { name: 'an overwide item gets a row of its own', labels: ['a'.repeat(40), 'b'], width: 50, xs: [0, 0], ys: [0, 20], height: 40 },
    { name: 'no items, no height', labels: [], width: 100, xs: [], ys: [], height: 0 },
  ])('$name', ({ labels, width, xs, ys, height }) => {
    const layout = legendLayout(labels, width, metrics);
    expect(layout.positions.map((p) => p.x)).toEqual(xs);
    expect(layout.positions.map((p) => p.y)).toEqual(ys);
    expect(layout.height).toBe(height);
  });
});

describe('textWidth', () => {
  it.each([
    // DejaVu Sans at 12 px, as Chromium on Linux draws it: the estimate must not be narrower.
    { label: 'Momentum', drawn: 68.4 },
    { label: 'Mini-batch', drawn: 58.3 },
    { label: 'Nesterov', drawn: 53.5 },
    { label: 'optimum', drawn: 48.5 },
  ])('$label is estimated at least as wide as drawn ($drawn px)', ({ label, drawn }) => {
    expect(textWidth(label, 12)).toBeGreaterThanOrEqual(drawn);
    expect(textWidth(label, 12)).toBeLessThan(drawn * 1.25);
  });
});
