// @vitest-environment jsdom
/** The page's setup folds each racer to one line with its lr slider; a refused edit keeps its card open. */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import type { RaceConfigSpec } from '../../../src/core/config/schema.ts';
import { defaultRace } from '../../../src/default-race.ts';
import SetupPanel from '../../../src/ui/setup/SetupPanel.svelte';

vi.setConfig({ testTimeout: 30_000 });

function setup(spec: RaceConfigSpec = defaultRace, disabled = false) {
  const onchange = vi.fn();
  render(SetupPanel, { spec, onchange, disabled, compact: true });
  return { user: userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never }), onchange };
}

const card = (name: string) => within(screen.getByRole('group', { name }));

test('a folded card is one line: what the racer is, its lr slider, Settings; no update rule', () => {
  setup();
  const momentum = card('4. Momentum');
  expect(momentum.getByText('SGD · batch 4 · momentum 0.9')).toBeTruthy();
  expect(momentum.queryByLabelText('momentum')).toBeNull();
  expect(momentum.queryByText(/torch\.optim/)).toBeNull();
  expect((momentum.getByRole('slider', { name: 'Learning rate of Momentum' }) as HTMLInputElement).getAttribute('aria-valuetext')).toMatch(/^1e-5, GD's stability limit 1\.1e-4$/);
  expect(momentum.getByRole('button', { name: 'Settings of Momentum' }).getAttribute('aria-expanded')).toBe('false');
});

test("SGD racers show GD's stability limit 2/λmax beside the slider; Adam does not", () => {
  setup();
  expect(card('1. GD').getByText(/2\/λ/).textContent!.replace(/\s+/g, ' ').trim()).toBe('< 2/λmax = 1.1e-4');
  expect(card('6. Adam').queryByText(/2\/λ/)).toBeNull();
});

test('dragging the lr slider reports each new lr as it moves, rounded to two digits', async () => {
  const { onchange } = setup();
  const slider = card('1. GD').getByRole('slider', { name: 'Learning rate of GD' }) as HTMLInputElement;
  // The range is 1e-7 … 1e-1 (three decades either side of the limit's), 20 steps a decade.
  expect([slider.min, slider.max, slider.value]).toEqual(['0', '120', '40']);
  await fireEvent.input(slider, { target: { value: '41' } });
  expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ racers: expect.arrayContaining([expect.objectContaining({ id: 'gd', lr: 1.1e-5 })]) }));
  await fireEvent.input(slider, { target: { value: '50' } });
  expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ racers: expect.arrayContaining([expect.objectContaining({ id: 'gd', lr: 3.2e-5 })]) }));
});

test('Settings unfolds the fields, Hide settings folds them again', async () => {
  const { user } = setup();
  const adam = card('6. Adam');
  await user.click(adam.getByRole('button', { name: 'Settings of Adam' }));
  expect(adam.getByLabelText('eps')).toBeTruthy();
  await user.click(adam.getByRole('button', { name: 'Hide settings of Adam' }));
  expect(adam.queryByLabelText('eps')).toBeNull();
});

test('a refused edit keeps its card open with the message, and no change is reported', async () => {
  const { user, onchange } = setup();
  const gd = card('1. GD');
  await user.click(gd.getByRole('button', { name: 'Settings of GD' }));
  const lr = gd.getByLabelText('lr');
  await user.clear(lr);
  await user.type(lr, '-1');
  expect(gd.getByText('Learning rate of GD must be a non-negative number, got -1')).toBeTruthy();
  const toggle = gd.getByRole('button', { name: 'Hide settings of GD' }) as HTMLButtonElement;
  expect(toggle.disabled).toBe(true);
  expect(onchange).not.toHaveBeenCalledWith(expect.objectContaining({ racers: expect.arrayContaining([expect.objectContaining({ lr: -1 })]) }));
});

test('read-only shows every setting, with nothing to fold', () => {
  setup(defaultRace, true);
  const adam = card('6. Adam');
  expect(adam.getByLabelText('eps')).toBeTruthy();
  expect(adam.queryByRole('button', { name: /Settings of Adam/ })).toBeNull();
});
