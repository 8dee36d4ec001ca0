/** The heatmap's own viridis table is d3's, colour for colour. */
import { interpolateViridis } from 'd3';
import { describe, expect, it } from 'vitest';
import { VIRIDIS } from '../../../src/ui/sweep/viridis.ts';

describe('VIRIDIS', () => {
  it.each([
    { i: 0, color: '#440154' },
    { i: 128, color: '#21918c' },
    { i: 255, color: '#fde725' },
  ])('colour $i is $color', ({ i, color }) => expect(VIRIDIS[i]).toBe(color));

  it('is d3’s interpolateViridis at 256 even steps', () => {
    expect(VIRIDIS).toEqual(Array.from({ length: 256 }, (_, i) => interpolateViridis(i / 255)));
  });
});
