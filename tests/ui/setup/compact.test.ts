// @vitest-environment jsdom
/** The page's sidebar folds each racer card to a summary; a refused edit keeps its card open. */
import { render, screen, within } from '@testing-library/svelte';
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

test('a folded card shows what the racer is in one line, and its update rule', () => {
  setup();
  const momentum = card('4. Momentum');
  expect(momentum.getByText('SGD · batch 4 · lr 0.00001 · momentum 0.9')).toBeTruthy();
  expect(momentum.queryByLabelText('momentum')).toBeNull();
  expect(momentum.getByRole('button', { name: 'Settings of Momentum' }).getAttribute('aria-expanded')).toBe('false');
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
  expect(gd.getByText('racers[0].lr must be a non-negative number, got -1')).toBeTruthy();
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
