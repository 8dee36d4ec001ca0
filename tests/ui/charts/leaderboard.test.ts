// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { distanceToOptimum } from '../../../src/ui/charts/distance-to-optimum.ts';
import { formatNumber } from '../../../src/ui/charts/format-number.ts';
import Leaderboard from '../../../src/ui/charts/Leaderboard.svelte';
import { makeRace, RACERS } from './fixture.ts';

const race = makeRace({ failed: true }); // GD, SGD, Adam, Boom (diverged), Broken (failed); 20 epochs
// 300 epochs: GD, SGD and Adam at different epochs within 50% of the optimum.
const long = makeRace({ failed: true, epochs: 300 });
const cells = (container: HTMLElement) => [...container.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
const column = (container: HTMLElement, name: string) => {
  const headers = [...container.querySelectorAll('th[scope="col"]')].map((th) => th.textContent);
  const j = headers.indexOf(name);
  return (label: string) => cells(container).find((r) => r[1] === label)![j];
};

describe('Leaderboard', () => {
  it('is a real table with a caption naming the finish, and scoped headers', () => {
    const { getByRole, container } = render(Leaderboard, { race });
    const table = getByRole('table');
    expect(table.querySelector('caption')!.textContent).toBe(
      `Leaderboard: first within 25% of the optimum's loss (≤ ${formatNumber(race.optimum.loss * 1.25, 3)}), then by best loss`,
    );
    expect([...container.querySelectorAll('th[scope="col"]')].map((th) => th.textContent)).toEqual(['rank', 'racer', 'loss', 'best', '25% at epoch', 'distance', 'status']);
    expect(container.querySelectorAll('tbody th[scope="row"]')).toHaveLength(5);
  });

  it('names the finish line beside the table', () => {
    const { container } = render(Leaderboard, { race });
    expect(container.querySelector('.note')!.textContent).toContain(`the closed-form least-squares optimum, is a loss of ${formatNumber(race.optimum.loss)}`);
  });

  it('ranks the racers that reached the finish by when, then the rest by best loss, diverged and failed last', () => {
    const { container } = render(Leaderboard, { race: long, gap: 0.5 });
    const labels = cells(container).map((row) => row[1]);
    expect(labels.slice(-2)).toEqual(['Boom', 'Broken']);
    const at = column(container, '50% at epoch');
    const reached = labels.filter((l) => at(l) !== '—' && l !== 'Boom' && l !== 'Broken');
    expect(reached.length).toBeGreaterThan(0);
    // Reached racers come first, in order of the epoch they got there.
    expect(labels.slice(0, reached.length)).toEqual(reached);
    const epochs = reached.map((l) => Number(at(l).replace(/,/g, '')));
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    expect(cells(container).map((row) => row[0]).slice(-2)).toEqual(['—', '—']);
  });

  it('a 1% finish no racer reached shows dashes, and changes the ranking to best loss', async () => {
    const { container } = render(Leaderboard, { race });
    await fireEvent.change(container.querySelector('select')!, { target: { value: '0.01' } });
    const at = column(container, '1% at epoch');
    expect(['GD', 'SGD', 'Adam'].map(at)).toEqual(['—', '—', '—']);
    const best = column(container, 'best');
    const running = cells(container).slice(0, 3).map((r) => Number(best(r[1])));
    expect(running).toEqual([...running].sort((a, b) => a - b));
  });

  it('shows loss and distance to the optimum', () => {
    const { container } = render(Leaderboard, { race });
    const gd = race.racers[0];
    expect(column(container, 'loss')('GD')).toBe(formatNumber(gd.latest!.loss, 4));
    expect(column(container, 'distance')('GD')).toBe(formatNumber(distanceToOptimum(gd.latest!, race.optimum), 3));
  });

  it('badges a diverged racer with its epoch and a failed one with its error', () => {
    const { container } = render(Leaderboard, { race });
    const badges = [...container.querySelectorAll('.badge.diverged .words, .badge.failed .words')].map((b) => b.textContent);
    expect(badges).toContain('diverged at epoch 4');
    expect(badges).toContain('failed: worker crashed');
  });

  it('badges a stopped range test with why it stopped, not as finished', () => {
    const stopped = { ...race, racers: race.racers.map((r) => (r.id === 'sgd' ? { ...r, status: 'stopped' as const, stoppedAt: 12 } : r)) };
    const { container } = render(Leaderboard, { race: stopped });
    const row = container.querySelector('tr[data-racer="sgd"]')!;
    expect(row.getAttribute('data-status')).toBe('stopped');
    expect(row.querySelector('.badge.stopped .words')!.textContent).toBe('stopped: loss passed 4× its minimum at epoch 12');
  });
});

describe('Leaderboard with many racers', () => {
  // Fifteen racers: GD, SGD and Adam five times over (20 epochs).
  const many = makeRace({ racers: [0, 1, 2, 3, 4].flatMap((k) => RACERS.slice(0, 3).map((r) => ({ ...r, id: `${r.id}${k}`, label: `${r.label} ${k}` }))) });

  it('lists the first eight ranks and the other seven on request', async () => {
    const { container, getByRole } = render(Leaderboard, { race: many });
    const names = () => cells(container).map((r) => r[1]);
    const first = names();
    expect(first).toHaveLength(8);
    await fireEvent.click(getByRole('button', { name: 'Show all 15 racers' }));
    // The eight shown were the top of the whole ranking (equal racers tie, so ranks repeat).
    expect(names()).toHaveLength(15);
    expect(names().slice(0, 8)).toEqual(first);
    expect(cells(container).map((r) => Number(r[0]))).toEqual([...cells(container).map((r) => Number(r[0]))].sort((a, b) => a - b));
    expect(getByRole('button', { name: 'Show the first 8 only' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('lists a six-racer race whole, with no button', () => {
    const { container, queryByRole } = render(Leaderboard, { race });
    expect(cells(container)).toHaveLength(5);
    expect(queryByRole('button', { name: /^Show/ })).toBeNull();
  });
});
