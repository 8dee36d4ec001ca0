import { describe, expect, it } from 'vitest';
import { foldRows } from '../../../src/ui/charts/fold-rows.ts';

const list = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('foldRows (keep 8, hide at least 3)', () => {
  it.each([
    { name: 'the seed race (6 racers): all shown, no button', rows: 6, open: false, shown: 6, hidden: 0, foldable: false },
    { name: '10 racers: all shown rather than a button for 2', rows: 10, open: false, shown: 10, hidden: 0, foldable: false },
    { name: '11 racers: the first 8, 3 behind the button', rows: 11, open: false, shown: 8, hidden: 3, foldable: true },
    { name: '30 racers: the first 8', rows: 30, open: false, shown: 8, hidden: 22, foldable: true },
    { name: '30 racers, opened: all 30', rows: 30, open: true, shown: 30, hidden: 0, foldable: true },
  ])('$name', ({ rows, open, shown, hidden, foldable }) => {
    const folded = foldRows(list(rows), open);
    expect(folded.shown).toEqual(list(shown));
    expect(folded.hidden).toBe(hidden);
    expect(folded.foldable).toBe(foldable);
  });
});
