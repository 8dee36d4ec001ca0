// @vitest-environment jsdom
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { distanceToOptimum } from '../../../src/ui/charts/distance-to-optimum.ts';
import { formatNumber } from '../../../src/ui/charts/format-number.ts';
import Leaderboard from '../../../src/ui/charts/Leaderboard.svelte';
import { makeRace } from './fixture.ts';

const race = makeRace({ failed: true }); // GD, SGD, Adam, Boom (diverged), Broken (failed)
const cells = (container: HTMLElement) => [...container.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));

describe('Leaderboard', () => {
  it('is a real table with a caption and scoped headers', () => {
    const { getByRole, container } = render(Leaderboard, { race });
    const table = getByRole('table');
    expect(table.querySelector('caption')!.textContent).toBe('Leaderboard: racers by current training loss');
    expect([...container.querySelectorAll('th[scope="col"]')].map((th) => th.textContent)).toEqual([
      'rank',
      'racer',
      'loss',
      'distance to optimum',
      'epochs to 1%',
      'ms to 1%',
      'status',
    ]);
    expect(container.querySelectorAll('tbody th[scope="row"]')).toHaveLength(5);
  });

  it('names the finish line beside the table', () => {
    const { container } = render(Leaderboard, { race });
    expect(container.querySelector('.note')!.textContent).toContain(`the closed-form least-squares optimum, is a loss of ${formatNumber(race.optimum.loss)}`);
  });

  it('sorts by current loss, failed racers last', () => {
    const { container } = render(Leaderboard, { race });
    const sorted = race.racers
      .filter((r) => r.latest)
      .sort((a, b) => a.latest!.loss! - b.latest!.loss!)
      .map((r) => r.label);
    expect(cells(container).map((row) => row[1])).toEqual([...sorted, 'Broken']);
    expect(cells(container).map((row) => row[0])).toEqual(['1', '2', '3', '4', '—']);
  });

  it('shows loss and distance to the optimum', () => {
    const { container } = render(Leaderboard, { race });
    const gd = race.racers[0];
    const row = cells(container).find((r) => r[1] === 'GD')!;
    expect(row[2]).toBe(formatNumber(gd.latest!.loss, 4));
    expect(row[3]).toBe(formatNumber(distanceToOptimum(gd.latest!, race.optimum), 3));
  });

  it('badges a diverged racer with its epoch and a failed one with its error', () => {
    const { container } = render(Leaderboard, { race });
    const badges = [...container.querySelectorAll('.badge')].map((b) => b.textContent);
    expect(badges).toEqual(['diverged at epoch 4', 'failed: worker crashed']);
  });

  it('shows epochs and ms to within 1%, or a dash', () => {
    const near = { ...race, racers: race.racers.map((r, i) => (i === 2 ? { ...r, epochsToOptimum: 12, msToOptimum: 0.72 } : r)) };
    const { container } = render(Leaderboard, { race: near });
    const adam = cells(container).find((r) => r[1] === 'Adam')!;
    const gd = cells(container).find((r) => r[1] === 'GD')!;
    expect(adam.slice(4, 6)).toEqual(['12', '0.72']);
    expect(gd.slice(4, 6)).toEqual(['—', '—']);
  });
});
