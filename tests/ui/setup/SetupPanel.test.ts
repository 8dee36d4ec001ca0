// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import type { RaceConfigSpec, RacerSpec } from '../../../src/core/config/schema.ts';
import { defaultRace } from '../../../src/default-race.ts';
import { PALETTE } from '../../../src/ui/palette.ts';
import SetupPanel from '../../../src/ui/setup/SetupPanel.svelte';

// jsdom is slow to answer the first query after the DOM changes; a test here does a dozen.
vi.setConfig({ testTimeout: 30_000 });

/**
 * Renders the panel as the app would: every spec it reports is passed back in as the new
 * prop. `changes` holds what it reported.
 */
function setup(spec: RaceConfigSpec = defaultRace, disabled = false) {
  const changes: RaceConfigSpec[] = [];
  const onchange = vi.fn((next: RaceConfigSpec) => {
    changes.push(next);
    void view.rerender({ spec: next });
  });
  const view = render(SetupPanel, { spec, onchange, disabled });
  // jsdom's getComputedStyle takes a quarter of a second; these components never set pointer-events.
  return { user: userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never }), onchange, changes, view };
}

/** A racer's card, found by its legend ("3. Mini-batch"). */
const card = (name: string | RegExp) => within(screen.getByRole('group', { name }));

/** The text of the elements an input's aria-describedby points to. */
function description(el: HTMLElement): string {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

const ids = (spec: RaceConfigSpec) => spec.racers.map((r) => r.id);

describe('racer list', () => {
  test('adding a preset reports a spec with it: unique id and label, the first unused palette colour', async () => {
    const { user, onchange } = setup();
    await user.click(screen.getByRole('button', { name: 'Add Adam' }));
    expect(onchange).toHaveBeenCalledTimes(1);
    const racers = onchange.mock.calls[0][0].racers;
    expect(racers.slice(0, 6)).toEqual(defaultRace.racers);
    // The six default racers show PALETTE[0..5]; "adam" is taken.
    expect(racers[6]).toEqual({ id: 'adam-2', label: 'Adam 2', optimizer: 'adam', lr: 0.1, batchSize: 4, color: PALETTE[6] });
    expect(screen.getByRole('group', { name: '7. Adam 2' })).toBeTruthy();
  });

  test.each([
    { button: 'Remove SGD', expected: ['gd', 'mini', 'momentum', 'nesterov', 'adam'] },
    { button: 'Duplicate Momentum', expected: ['gd', 'sgd', 'mini', 'momentum', 'momentum-2', 'nesterov', 'adam'] },
    { button: 'Move Adam up', expected: ['gd', 'sgd', 'mini', 'momentum', 'adam', 'nesterov'] },
    { button: 'Move GD down', expected: ['sgd', 'gd', 'mini', 'momentum', 'nesterov', 'adam'] },
  ])('$button', async ({ button, expected }) => {
    const { user, onchange } = setup();
    await user.click(screen.getByRole('button', { name: button }));
    expect(onchange).toHaveBeenCalledTimes(1);
    const spec = onchange.mock.calls[0][0];
    expect(ids(spec)).toEqual(expected);
    // Every racer keeps the colour it showed before the list changed.
    for (const r of spec.racers) {
      const before = defaultRace.racers.findIndex((d) => d.id === r.id);
      if (before >= 0) expect(r.color).toBe(PALETTE[before]);
    }
    expect([...document.querySelectorAll('fieldset > legend')].map((l) => l.textContent?.trim().replace(/^\d+\. /, ''))).toEqual(
      expected.map((id) => spec.racers.find((r: RacerSpec) => r.id === id)!.label),
    );
  });

  test('the duplicate is a copy with its own id, label and colour', async () => {
    const { user, onchange } = setup();
    await user.click(screen.getByRole('button', { name: 'Duplicate Nesterov' }));
    expect(onchange.mock.calls[0][0].racers[5]).toEqual({
      id: 'nesterov-2',
      label: 'Nesterov 2',
      optimizer: 'sgd',
      lr: 1e-5,
      momentum: 0.9,
      nesterov: true,
      batchSize: 4,
      color: PALETTE[6],
    });
  });

  test.each([{ button: 'Move GD up' }, { button: 'Move Adam down' }])('$button at the end of the list does nothing', async ({ button }) => {
    const { user, onchange } = setup();
    const el = screen.getByRole('button', { name: button });
    expect(el.getAttribute('aria-disabled')).toBe('true');
    await user.click(el);
    expect(onchange).not.toHaveBeenCalled();
  });

  test('the last racer cannot be removed', () => {
    setup({ ...defaultRace, racers: [defaultRace.racers[0]] });
    expect((screen.getByRole('button', { name: 'Remove GD' }) as HTMLButtonElement).disabled).toBe(true);
  });

  test('ids are never shown as editable fields', () => {
    setup();
    for (const input of screen.getAllByRole('textbox')) expect(defaultRace.racers.map((r) => r.id)).not.toContain((input as HTMLInputElement).value);
  });
});

describe('optimizer and hyperparameters', () => {
  test('changing the optimizer keeps label, lr and batch size and resets the rest to PyTorch defaults', async () => {
    const { user, onchange } = setup();
    await user.selectOptions(card('5. Nesterov').getByLabelText('optimizer'), 'adam');
    expect(onchange.mock.calls[0][0].racers[4]).toEqual({ id: 'nesterov', label: 'Nesterov', optimizer: 'adam', lr: 1e-5, batchSize: 4 });
    // Adam's hyperparameters, each blank with PyTorch's default as placeholder and hint.
    const c = card('5. Nesterov');
    expect(c.queryByLabelText('momentum')).toBeNull();
    const cases = [
      { label: 'betas[0] (β₁)', placeholder: '0.9' },
      { label: 'betas[1] (β₂)', placeholder: '0.999' },
      { label: 'eps', placeholder: '1e-8' },
      { label: 'weightDecay', placeholder: '0' },
    ];
    for (const { label, placeholder } of cases) {
      const input = c.getByLabelText(label) as HTMLInputElement;
      expect([input.value, input.placeholder]).toEqual(['', placeholder]);
      expect(description(input)).toContain(`PyTorch default ${placeholder}`);
    }
    expect((c.getByLabelText('amsgrad') as HTMLInputElement).checked).toBe(false);
    expect((c.getByLabelText('lr') as HTMLInputElement).value).toBe('0.00001');
  });

  test('SGD’s lr has no default: its field says it is required', () => {
    setup();
    const lr = card('1. GD').getByLabelText('lr') as HTMLInputElement;
    expect(lr.placeholder).toBe('required');
    expect(description(lr)).toContain('learning rate; required');
  });

  test('an invalid lr shows the validator’s message beside the field and reports nothing', async () => {
    const { user, onchange } = setup();
    const lr = card('3. Mini-batch').getByLabelText('lr');
    await user.clear(lr);
    await user.type(lr, '-1');
    expect(onchange).not.toHaveBeenCalled();
    expect(lr.getAttribute('aria-invalid')).toBe('true');
    expect(description(lr)).toContain('Learning rate of Mini-batch must be a non-negative number, got -1');
    // The message sits right after the input, in the same field.
    expect(lr.closest('.field')?.textContent).toContain('Learning rate of Mini-batch must be a non-negative number, got -1');
    expect((lr as HTMLInputElement).value).toBe('-1');
  });

  test('fixing the lr reports the spec with it, keeps the text as typed and clears the message', async () => {
    const { user, changes } = setup();
    const lr = card('3. Mini-batch').getByLabelText('lr') as HTMLInputElement;
    await user.clear(lr);
    await user.type(lr, '1e-4');
    // "1" is a valid lr on the way; "1e" and "1e-" are refused and not reported.
    expect(changes.map((s) => s.racers[2].lr)).toEqual([1, 1e-4]);
    expect(lr.value).toBe('1e-4');
    expect(lr.getAttribute('aria-invalid')).toBeNull();
    expect(description(lr)).not.toContain('must be');
  });

  test('text that is not a number is named by the validator', async () => {
    const { user, onchange } = setup();
    const eps = card('6. Adam').getByLabelText('eps');
    await user.type(eps, 'abc');
    expect(onchange).not.toHaveBeenCalled();
    expect(description(eps)).toContain('Eps of Adam must be a non-negative number, got "abc"');
  });

  test.each([
    { name: 'ticking nesterov on GD (no momentum)', racer: '1. GD', field: 'nesterov', got: 'got momentum 0, dampening 0', label: 'GD' },
    { name: 'clearing Nesterov’s momentum', racer: '5. Nesterov', field: 'momentum', got: 'got momentum 0, dampening 0', label: 'Nesterov' },
  ])('PyTorch’s refusal of Nesterov without momentum: $name', async ({ racer, field, got, label }) => {
    const { user, onchange } = setup();
    const input = card(racer).getByLabelText(field);
    if (field === 'nesterov') await user.click(input);
    else await user.clear(input);
    expect(onchange).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toContain(`${label}: Nesterov momentum requires a momentum and zero dampening (${got})`);
  });

  test('dampening with Nesterov is refused too, and shown beside dampening', async () => {
    const { user, changes } = setup();
    const dampening = card('5. Nesterov').getByLabelText('dampening');
    await user.type(dampening, '0.1');
    // "0" (and "0.", the same value) is allowed on the way; 0.1 is not reported.
    expect(changes.map((s) => s.racers[4].dampening)).toEqual([0]);
    expect(description(dampening)).toContain('Nesterov: Nesterov momentum requires a momentum and zero dampening (got momentum 0.9, dampening 0.1)');
  });

  test('a refused edit stays while other fields are edited, and nothing is reported until it is fixed', async () => {
    const { user, onchange, changes } = setup();
    const lr = card('1. GD').getByLabelText('lr');
    await user.clear(lr);
    await user.type(lr, 'x');
    await user.type(card('1. GD').getByLabelText('weightDecay'), '1');
    expect(onchange).not.toHaveBeenCalled();
    expect((lr as HTMLInputElement).value).toBe('x');
    await user.clear(lr);
    await user.type(lr, '2');
    expect(changes.at(-1)!.racers[0]).toEqual({ id: 'gd', label: 'GD', optimizer: 'sgd', lr: 2, batchSize: 'full', weightDecay: 1 });
  });

  test('betas are two numbers; one typed, the other keeps its default', async () => {
    const { user, changes } = setup();
    const beta2 = card('6. Adam').getByLabelText('betas[1] (β₂)');
    await user.type(beta2, '0.99');
    expect(changes.at(-1)!.racers[5].betas).toEqual([0.9, 0.99]);
    const reported = changes.length;
    await user.clear(beta2);
    expect(description(beta2)).toContain('β₂ of Adam must be a number from 0 to below 1, got nothing');
    await user.type(beta2, '1');
    expect(description(beta2)).toContain('β₂ of Adam must be a number from 0 to below 1, got 1');
    expect(changes).toHaveLength(reported);
  });

  test('batch size takes "full" or a number of rows', async () => {
    const { user, changes } = setup();
    const batch = card('3. Mini-batch').getByLabelText('batch size');
    expect(description(batch)).toContain('1 … 15 rows per step');
    await user.clear(batch);
    await user.type(batch, 'full');
    expect(changes.at(-1)!.racers[2].batchSize).toBe('full');
    await user.clear(batch);
    await user.type(batch, '16');
    expect(description(batch)).toContain('Batch size of Mini-batch must be "full" or an integer (rows per step; the training set has 15) from 1 to 15, got 16');
  });

  test('label and colour', async () => {
    const { user, changes } = setup();
    await user.type(card('1. GD').getByLabelText('label'), '!');
    expect(changes.at(-1)!.racers[0].label).toBe('GD!');
    expect(screen.getByRole('button', { name: 'Remove GD!' })).toBeTruthy();
    const colour = card('1. GD!').getByLabelText('colour') as HTMLInputElement;
    expect(colour.value).toBe(PALETTE[0].toLowerCase());
  });
});

describe('race fields', () => {
  test.each([
    { label: 'epochs', text: '250', expected: { epochs: 250 } },
    { label: 'seed', text: '7', expected: { seed: 7 } },
  ])('$label', async ({ label, text, expected }) => {
    const { user, changes } = setup();
    const input = screen.getByLabelText(label);
    await user.clear(input);
    await user.type(input, text);
    expect(changes.at(-1)).toEqual({ ...defaultRace, ...expected });
  });

  test('epochs out of range', async () => {
    const { user, onchange } = setup();
    const epochs = screen.getByLabelText('epochs');
    await user.clear(epochs);
    await user.type(epochs, '0');
    expect(onchange).not.toHaveBeenCalled();
    expect(description(epochs)).toContain('Epochs must be an integer from 1 to 1000000, got 0');
  });

  test('shuffle', async () => {
    const { user, changes } = setup();
    const shuffle = screen.getByLabelText('shuffle rows every epoch') as HTMLInputElement;
    expect(shuffle.checked).toBe(true);
    await user.click(shuffle);
    expect(changes.at(-1)).toEqual({ ...defaultRace, shuffle: false });
  });
});

describe('update rule beside each card', () => {
  test('shows the live lr, and follows an edit', async () => {
    const { user } = setup();
    const gd = card('1. GD');
    expect(gd.getByRole('figure').textContent).toContain('θ ← θ − 0.00001·g');
    const lr = gd.getByLabelText('lr');
    await user.clear(lr);
    await user.type(lr, '0.003');
    expect(card('1. GD').getByRole('figure').textContent).toContain('θ ← θ − 0.003·g');
  });

  test('a refused edit leaves the rule at the values in force', async () => {
    const { user } = setup();
    const lr = card('1. GD').getByLabelText('lr');
    await user.clear(lr);
    await user.type(lr, '-2');
    expect(card('1. GD').getByRole('figure').textContent).toContain('θ ← θ − 0.00001·g');
  });
});

describe('read-only mode', () => {
  test('everything is shown and nothing is editable', () => {
    setup(defaultRace, true);
    const controls = [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button, textarea')];
    expect(controls.length).toBeGreaterThan(6 * 5);
    expect(controls.filter((c) => !c.disabled).map((c) => c.outerHTML)).toEqual([]);
    expect(document.querySelectorAll('fieldset')).toHaveLength(6);
    expect((card('6. Adam').getByLabelText('lr') as HTMLInputElement).value).toBe('0.1');
  });
});

describe('accessibility', () => {
  test('every input, select and textarea has a label', () => {
    setup();
    for (const el of document.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
      expect(el.labels?.length, el.outerHTML).toBeGreaterThan(0);
    }
  });

  test('every button has a name', () => {
    setup();
    for (const b of screen.getAllByRole('button')) expect(b.textContent?.trim()).not.toBe('');
  });
});

describe('keyboard', () => {
  test('a racer moves twice by pressing Enter on its focused Move button', async () => {
    const { user, changes } = setup();
    screen.getByRole('button', { name: 'Move Adam up' }).focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move Adam up' }));
    await user.keyboard('{Enter}');
    expect(ids(changes.at(-1)!)).toEqual(['gd', 'sgd', 'mini', 'adam', 'momentum', 'nesterov']);
  });
});

/** A deep-frozen copy: any attempt to mutate it throws (modules are strict mode). */
function frozen<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (v: unknown) => {
    if (typeof v === 'object' && v !== null) {
      Object.values(v).forEach(freeze);
      Object.freeze(v);
    }
  };
  freeze(copy);
  return copy;
}

test('the spec prop is never mutated: every edit makes a new spec', async () => {
  // Writing to a frozen object throws inside the event handler; jsdom reports it as an error event.
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.message);
  window.addEventListener('error', onError);
  const spec = frozen(defaultRace);
  const { user, changes } = setup(spec);
  // Field edits first, while every racer is still the frozen original.
  await user.type(card('6. Adam').getByLabelText('eps'), '1');
  await user.type(card('6. Adam').getByLabelText('betas[0] (β₁)'), '0.5');
  await user.selectOptions(card('5. Nesterov').getByLabelText('optimizer'), 'rmsprop');
  await user.click(screen.getByLabelText('shuffle rows every epoch'));
  await user.click(screen.getByRole('button', { name: 'Add Adam' }));
  await user.click(screen.getByRole('button', { name: 'Move GD down' }));
  await user.click(screen.getByRole('button', { name: 'Duplicate SGD' }));
  await user.click(screen.getByRole('button', { name: 'Remove Mini-batch' }));
  window.removeEventListener('error', onError);
  expect(errors).toEqual([]);
  expect(changes).toHaveLength(9); // eps 1; betas[0] 0 and 0.5 ("0." is the same value); optimizer; shuffle; four list edits
  expect(spec).toEqual(defaultRace);
});

test('after a racer is removed, focus goes to the card now in its place', async () => {
  const { user } = setup();
  screen.getByRole('button', { name: 'Remove SGD' }).focus();
  await user.keyboard('{Enter}');
  expect(card('2. Mini-batch').getByRole('button', { name: 'Move Mini-batch up' })).toBe(document.activeElement);
});
