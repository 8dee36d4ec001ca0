import { describe, expect, it } from 'vitest';
import { lossSummary } from '../../../src/ui/charts/loss-summary.ts';
import { lossTable } from '../../../src/ui/charts/loss-table.ts';
import { handRacer } from './fixture.ts';

describe('lossSummary', () => {
  it.each([
    { name: 'names the leader', racers: [handRacer('gd', [9, 5]), handRacer('adam', [9, 1.0234])], axis: 'epoch' as const, expected: 'Loss per epoch for 2 racers; ADAM leads at 1.02; the optimum is 0.909.' },
    { name: 'a tie at the start', racers: [handRacer('gd', [9]), handRacer('adam', [9])], axis: 'steps' as const, expected: 'Loss per optimizer step for 2 racers; 2 racers tie at 9; the optimum is 0.909.' },
    { name: 'nothing yet', racers: [handRacer('gd', [])], axis: 'ms' as const, expected: 'Loss over wall-clock training time for 1 racer; no losses yet; the optimum is 0.909.' },
  ])('$name', ({ racers, axis, expected }) => {
    expect(lossSummary(racers, axis, 0.909445)).toBe(expected);
  });
});

describe('lossTable', () => {
  it('has a row per recorded epoch and a column per racer, blank where a racer has no record', () => {
    const table = lossTable({ racers: [handRacer('a', [9, 5, 2]), handRacer('b', [9, null])], holdout: null });
    expect(table.columns).toEqual(['epoch', 'A', 'B']);
    expect(table.rows).toEqual([
      ['0', '9', '9'],
      ['1', '5', '—'],
      ['2', '2', ''],
    ]);
  });

  it('adds a hold-out column per racer when there is a hold-out set', () => {
    const a = handRacer('a', [9, 5]);
    const withHoldout = { ...a, history: a.history.map((h, i) => ({ ...h, holdoutLoss: [10, 6.5][i] })) };
    const table = lossTable({ racers: [withHoldout], holdout: {} as never });
    expect(table.columns).toEqual(['epoch', 'A', 'A hold-out']);
    expect(table.rows).toEqual([
      ['0', '9', '10'],
      ['1', '5', '6.5'],
    ]);
  });
});
