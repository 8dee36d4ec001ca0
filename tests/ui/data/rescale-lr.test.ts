import { describe, expect, it } from 'vitest';
import type { RacerSpec } from '../../../src/core/config/schema.ts';
import { applySuggestions, rescaleSuggestions } from '../../../src/ui/data/rescale-lr.ts';

const racers: RacerSpec[] = [
  { id: 'gd', label: 'GD', optimizer: 'sgd', lr: 1e-5, batchSize: 'full' },
  { id: 'mom', optimizer: 'sgd', lr: 2e-5, momentum: 0.9 },
  { id: 'adam', label: 'Adam', optimizer: 'adam', lr: 0.1 },
];

describe('rescaleSuggestions', () => {
  it.each([
    // the crop data: limit 1.1155e-4 raw → 1.0068 standardized, ratio 9025.5
    { name: 'raw to normalized: each SGD lr × the ratio of the limits', before: 1.1155e-4, after: 1.0068, expected: [['gd', 'GD', 1e-5, 0.09], ['mom', 'mom', 2e-5, 0.18]] },
    { name: 'and back', before: 1.0068, after: 1.1155e-4, expected: [['gd', 'GD', 1e-5, 1.1e-9], ['mom', 'mom', 2e-5, 2.2e-9]] },
    { name: 'no change in the limit: nothing to suggest', before: 1, after: 1.05, expected: [] },
    { name: 'no limit (no curvature): nothing', before: Infinity, after: 1, expected: [] },
  ])('$name', ({ before, after, expected }) => {
    expect(rescaleSuggestions(racers, before, after).map((s) => [s.id, s.label, s.from, s.to])).toEqual(expected);
  });

  it('applies the suggestions to the SGD racers only', () => {
    const next = applySuggestions(racers, rescaleSuggestions(racers, 1.1155e-4, 1.0068));
    expect(next.map((r) => r.lr)).toEqual([0.09, 0.18, 0.1]);
    expect(next[1]).toMatchObject({ momentum: 0.9 });
  });
});
