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

  it('says in its caption that it lists every epoch, when it does', () => {
    const table = lossTable({ racers: [handRacer('a', [9, 5, 2]), handRacer('b', [9, 4])], holdout: null });
    expect(table.caption).toBe('Training loss (MSE) per epoch: every epoch, 0 to 2; blank where a racer has no record (it stopped).');
    expect(table.action).toBeUndefined();
  });

  it('says when the history is thinned, how many epochs it lists, and offers the full export', () => {
    const a = handRacer('a', [9, 8, 7, 6, 5, 4]);
    const thinned = { ...a, history: a.history.filter((h) => h.epoch !== 2 && h.epoch !== 3) };
    const exportAll = () => {};
    const table = lossTable({ racers: [thinned], holdout: null }, 6, exportAll);
    expect(table.rows.map((r) => r[0])).toEqual(['0', '1', '4', '5']);
    expect(table.caption).toBe(
      'Training loss (MSE) per epoch, thinned: 4 of the 6 epochs 0 to 5 are listed (for each stretch the chart keeps the lowest, highest and last loss). The records export has every epoch.',
    );
    expect(table.action).toEqual({ label: 'Download every epoch (CSV)', run: exportAll });
  });
});
