// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import type { RaceConfigSpec } from '../../../src/core/config/schema.ts';
import { defaultRace } from '../../../src/default-race.ts';
import DataPanel from '../../../src/ui/data/DataPanel.svelte';

// jsdom is slow to answer the first query after the DOM changes; a test here does a dozen.
vi.setConfig({ testTimeout: 30_000 });

/** Renders the panel as the app would, passing every reported spec back in. */
function setup(spec: RaceConfigSpec = defaultRace, disabled = false) {
  const changes: RaceConfigSpec[] = [];
  const onchange = vi.fn((next: RaceConfigSpec) => {
    changes.push(next);
    void view.rerender({ spec: next });
  });
  const view = render(DataPanel, { spec, onchange, disabled });
  // jsdom's getComputedStyle takes a quarter of a second; these components never set pointer-events.
  return { user: userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never }), onchange, changes };
}

const alert = () => screen.getByRole('alert');

/** The text of the elements an element's aria-describedby points to. */
function description(el: HTMLElement): string {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

const CROPS15_X = [[73, 67, 43], [91, 88, 64], [87, 134, 58], [102, 43, 37], [69, 96, 70], [74, 66, 43], [91, 87, 65], [88, 134, 59], [101, 44, 37], [68, 96, 71], [73, 66, 44], [92, 87, 64], [87, 135, 57], [103, 43, 36], [68, 97, 70]];
const CROPS15_Y = [[56, 70], [81, 101], [119, 133], [22, 37], [103, 119], [57, 69], [80, 102], [118, 132], [21, 38], [104, 118], [57, 69], [82, 100], [118, 134], [20, 38], [102, 120]];

/** Five rows, so that the default race's batch size 4 fits. */
const GOOD_CSV = 'a,b,y1,y2\n1,2,3,4\n2,1,5,5\n3,3,9,10\n4,1,6,7\n0,5,8,2\n';

async function openCsv(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.click(screen.getByLabelText('CSV: paste or upload'));
  const box = screen.getByLabelText('CSV text, header row first');
  await user.click(box);
  await user.paste(text);
  return box;
}

const NAMES = { inputNames: ['temperature', 'rainfall', 'humidity'], targetNames: ['apples', 'oranges'] };

describe('built-in data', () => {
  test('explains the crop tables and shows what is in use', () => {
    setup();
    expect(screen.getByText(/temperature, rainfall and humidity → its apple and orange yields/)).toBeTruthy();
    expect(screen.getByText('In use: 15 rows · inputs temperature, rainfall, humidity → targets apples, oranges.')).toBeTruthy();
    expect((screen.getByLabelText(/^crops15/) as HTMLInputElement).checked).toBe(true);
  });

  test('picking crops5 reports it', async () => {
    const { user, changes } = setup();
    await user.click(screen.getByLabelText(/^crops5/));
    expect(changes).toEqual([{ ...defaultRace, data: 'crops5' }]);
  });
});

describe('CSV', () => {
  test('pasting a CSV and choosing its targets reports {csv, targets, inputs}', async () => {
    const { user, onchange } = setup();
    await openCsv(user, GOOD_CSV);
    const targets = within(screen.getByRole('group', { name: 'Targets (what to predict)' }));
    // The last column is the default target; every other column an input.
    expect((targets.getByLabelText('y2') as HTMLInputElement).checked).toBe(true);
    await user.click(targets.getByLabelText('y1'));
    const inputs = within(screen.getByRole('group', { name: /^Inputs/ }));
    expect((inputs.getByLabelText('y1') as HTMLInputElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Use this CSV' }));
    expect(onchange).toHaveBeenCalledTimes(1);
    expect(onchange.mock.calls[0][0]).toEqual({ ...defaultRace, data: { csv: GOOD_CSV, targets: ['y1', 'y2'], inputs: ['a', 'b'] } });
    expect(screen.getByText('In use: 5 rows · inputs a, b → targets y1, y2.')).toBeTruthy();
  });

  test('a semicolon CSV with decimal commas loads, and the detected format is shown', async () => {
    const { user, onchange } = setup();
    const csv = 'a;b;y\n1,5;2;3,25\n4;5,5;6\n7;8;9,75\n2;1;0,5\n3;3;3\n';
    await openCsv(user, csv);
    expect(screen.getByTestId('csv-format').textContent).toBe('Read as semicolon-separated, decimal commas (1,5) or points.');
    await user.click(screen.getByRole('button', { name: 'Use this CSV' }));
    expect(onchange.mock.calls[0][0].data).toEqual({ csv, targets: ['y'], inputs: ['a', 'b'] });
    expect(screen.getByText('In use: 5 rows · inputs a, b → targets y.')).toBeTruthy();
  });

  test('an input column can be left out', async () => {
    const { user, onchange } = setup();
    await openCsv(user, GOOD_CSV);
    await user.click(within(screen.getByRole('group', { name: /^Inputs/ })).getByLabelText('b'));
    await user.click(screen.getByRole('button', { name: 'Use this CSV' }));
    expect(onchange.mock.calls[0][0].data).toEqual({ csv: GOOD_CSV, targets: ['y2'], inputs: ['a', 'y1'] });
  });

  test.each([
    { name: 'text in a numeric column', csv: 'a,rainfall,y\n1,2,3\n4,abc,6\n7,8,9\n', message: 'CSV line 3: "abc" is not a number (column "rainfall")' },
    { name: 'an empty value', csv: 'a,b,y\n1,2,3\n4,5,6\n7,,9\n', message: 'CSV line 4: an empty value is not a number (column "b")' },
    { name: 'a ragged row', csv: 'a,b,y\n1,2,3\n4,5\n7,8,9\n', message: 'CSV line 3 has 2 values, expected 3 (one per header column)' },
    { name: 'fewer than two data rows', csv: 'a,b,y\n1,2,3\n', message: 'CSV has 1 data row; at least 2 are needed' },
  ])('a bad CSV ($name) shows the validator’s message and the old data stays', async ({ csv, message }) => {
    const { user, onchange } = setup();
    const box = await openCsv(user, csv);
    await user.click(screen.getByRole('button', { name: 'Use this CSV' }));
    expect(onchange).not.toHaveBeenCalled();
    expect(alert().textContent?.trim()).toBe(message);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(description(box)).toBe(message);
    // The crop data is still loaded and shown, and the bad text is still there to fix.
    expect(screen.getByText(/^In use: 15 rows/)).toBeTruthy();
    expect((screen.getByLabelText('row 0 temperature') as HTMLInputElement).value).toBe('73');
    expect((box as HTMLTextAreaElement).value).toBe(csv);
  });

  test('no target column is refused', async () => {
    const { user, onchange } = setup();
    await openCsv(user, GOOD_CSV);
    await user.click(within(screen.getByRole('group', { name: 'Targets (what to predict)' })).getByLabelText('y2'));
    await user.click(screen.getByRole('button', { name: 'Use this CSV' }));
    expect(onchange).not.toHaveBeenCalled();
    expect(alert().textContent?.trim()).toBe('The target columns must name at least one column');
  });

  test('fixing the CSV clears the message', async () => {
    const { user, onchange } = setup();
    const box = await openCsv(user, 'a,b,y\n1,2,3\n4,x,6\n');
    await user.click(screen.getByRole('button', { name: 'Use this CSV' }));
    await user.clear(box);
    await user.paste(GOOD_CSV);
    await user.click(screen.getByRole('button', { name: 'Use this CSV' }));
    expect(onchange).toHaveBeenCalledTimes(1);
    expect(alert().textContent?.trim()).toBe('');
  });

  test('an uploaded file is read and used at once', async () => {
    const { user, onchange } = setup();
    await user.click(screen.getByLabelText('CSV: paste or upload'));
    await user.upload(screen.getByLabelText(/upload a CSV file/), new File([GOOD_CSV], 'crops.csv', { type: 'text/csv' }));
    await vi.waitFor(() => expect(onchange).toHaveBeenCalledTimes(1));
    expect(onchange.mock.calls[0][0].data).toEqual({ csv: GOOD_CSV, targets: ['y2'], inputs: ['a', 'b', 'y1'] });
  });

  test('an uploaded file with a bad row shows the message and keeps the old data', async () => {
    const { user, onchange } = setup();
    await user.click(screen.getByLabelText('CSV: paste or upload'));
    await user.upload(screen.getByLabelText(/upload a CSV file/), new File(['t,y\n1,2\n3,oops\n'], 'bad.csv'));
    await vi.waitFor(() => expect(alert().textContent?.trim()).toBe('CSV line 3: "oops" is not a number (column "y")'));
    expect(onchange).not.toHaveBeenCalled();
    expect(screen.getByText(/^In use: 15 rows/)).toBeTruthy();
  });
});

describe('editable table', () => {
  test('editing a cell of crops15 makes inline data with that value changed, keeping the column names', async () => {
    const { user, changes } = setup();
    const cell = screen.getByLabelText('row 2 rainfall');
    await user.clear(cell);
    await user.type(cell, '130');
    await user.tab();
    const inputs = CROPS15_X.map((r) => [...r]);
    inputs[2][1] = 130;
    expect(changes).toEqual([{ ...defaultRace, data: { inputs, targets: CROPS15_Y, ...NAMES } }]);
    expect((screen.getByLabelText(/^table/) as HTMLInputElement).checked).toBe(true);
    // The table still says what each column is.
    expect(screen.getByLabelText('row 2 rainfall')).toBeTruthy();
  });

  test('a target cell', async () => {
    const { user, changes } = setup();
    const cell = screen.getByLabelText('row 14 oranges');
    await user.clear(cell);
    await user.type(cell, '1e2');
    await user.tab();
    const targets = CROPS15_Y.map((r) => [...r]);
    targets[14][1] = 100;
    expect(changes.at(-1)!.data).toEqual({ inputs: CROPS15_X, targets, ...NAMES });
  });

  test('a cell that is not a number is named by the validator and nothing is reported', async () => {
    const { user, onchange } = setup();
    const cell = screen.getByLabelText('row 2 rainfall');
    await user.clear(cell);
    await user.type(cell, 'abc');
    await user.tab();
    expect(onchange).not.toHaveBeenCalled();
    expect(alert().textContent?.trim()).toBe('The table’s inputs row 2 value 1 must be a finite number, got "abc"');
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect((cell as HTMLInputElement).value).toBe('abc');
  });

  test.each([
    { button: 'Add row', rows: 16, last: [68, 97, 70] },
    { button: 'Remove row 0', rows: 14, last: [68, 97, 70] },
  ])('$button', async ({ button, rows, last }) => {
    const { user, changes } = setup();
    await user.click(screen.getByRole('button', { name: button }));
    const data = changes.at(-1)!.data as { inputs: number[][]; targets: number[][] };
    expect([data.inputs.length, data.targets.length]).toEqual([rows, rows]);
    expect(data.inputs.at(-1)).toEqual(last);
    if (button === 'Remove row 0') expect(data.inputs[0]).toEqual([91, 88, 64]);
  });

  test('a large data set shows only its first 200 rows', async () => {
    setup({ ...defaultRace, data: { synthetic: { n: 1000, features: 2, outputs: 1 } } });
    expect(screen.getByText(/Showing the first 200 of 1,000 rows/)).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(201); // the header row and 200 rows
  });
});

describe('synthetic generator', () => {
  test('generates the data it is given', async () => {
    const { user, changes } = setup();
    await user.click(screen.getByLabelText(/^synthetic/));
    for (const [label, text] of [['rows', '50'], ['features (inputs)', '2'], ['outputs (targets)', '1'], ['noise', '0.5'], ['generator seed', '3']]) {
      const input = screen.getByLabelText(label);
      await user.clear(input);
      await user.type(input, text);
    }
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(changes).toEqual([{ ...defaultRace, data: { synthetic: { n: 50, features: 2, outputs: 1, noise: 0.5, seed: 3 } } }]);
    expect(screen.getByText('In use: 50 rows · inputs x1, x2 → targets y1.')).toBeTruthy();
  });

  test('a bad setting is named, marked and not reported', async () => {
    const { user, onchange } = setup();
    await user.click(screen.getByLabelText(/^synthetic/));
    const rows = screen.getByLabelText('rows');
    await user.clear(rows);
    await user.type(rows, '1');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(onchange).not.toHaveBeenCalled();
    expect(alert().textContent?.trim()).toBe('Rows of the synthetic data must be an integer from 2 to 1000000, got 1');
    expect(rows.getAttribute('aria-invalid')).toBe('true');
    expect(description(rows)).toContain('Rows of the synthetic data must be an integer from 2 to 1000000, got 1');
  });
});

describe('hold-out', () => {
  test('a fraction by radio, number, slider and seed; then none', async () => {
    const { user, changes } = setup();
    await user.click(screen.getByLabelText('hold out a fraction of the rows'));
    expect(changes.at(-1)!.holdout).toEqual({ fraction: 0.2 });
    const fraction = screen.getByLabelText('hold-out fraction');
    await user.clear(fraction);
    await user.type(fraction, '0.3');
    expect(changes.at(-1)!.holdout).toEqual({ fraction: 0.3 });
    await fireEvent.input(screen.getByLabelText('hold-out fraction slider'), { target: { value: '0.35' } });
    expect(changes.at(-1)!.holdout).toEqual({ fraction: 0.35 });
    expect((screen.getByLabelText('hold-out fraction') as HTMLInputElement).value).toBe('0.35');
    await user.type(screen.getByLabelText('split seed'), '5');
    expect(changes.at(-1)!.holdout).toEqual({ fraction: 0.35, seed: 5 });
    await user.click(screen.getByLabelText('none: train on every row'));
    expect(changes.at(-1)).toEqual(defaultRace);
  });

  test('a fraction that leaves too few training rows for a racer’s batch is refused', async () => {
    const { user, changes } = setup();
    await user.click(screen.getByLabelText('hold out a fraction of the rows'));
    const fraction = screen.getByLabelText('hold-out fraction');
    await user.clear(fraction);
    await user.type(fraction, '0.9');
    // 0.9 of 15 rows holds out 14 and trains on 1: Mini-batch's batch of 4 no longer fits.
    expect(changes.at(-1)!.holdout).toEqual({ fraction: 0.2 });
    expect(alert().textContent).toContain('Batch size of Mini-batch must be "full" or an integer (rows per step; the training set has 1) from 1 to 1, got 4');
    expect(fraction.getAttribute('aria-invalid')).toBe('true');
    expect((fraction as HTMLInputElement).value).toBe('0.9');
  });
});

describe('normalize', () => {
  test('toggles, and says why it matters', async () => {
    const { user, changes } = setup();
    const toggle = screen.getByLabelText('normalize inputs (standardize each column)');
    expect(description(toggle)).toContain('Raw crop inputs are near 100, which is why the SGD family needs lr 1e-5');
    await user.click(toggle);
    expect(changes).toEqual([{ ...defaultRace, normalize: true }]);
    await user.click(toggle);
    expect(changes.at(-1)).toEqual({ ...defaultRace, normalize: false });
  });

  test('offers to rescale the SGD racers\' learning rates by the ratio of the stability limits, showing each suggested lr', async () => {
    const { user, changes } = setup();
    await user.click(screen.getByLabelText('normalize inputs (standardize each column)'));
    const offer = within(document.querySelector('.offer') as HTMLElement);
    // 1.1e-4 raw → 1.0 standardized: every SGD lr of 1e-5 becomes 0.09; Adam is not listed.
    expect(offer.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['GD: 1e-5 → 0.09', 'SGD: 1e-5 → 0.09', 'Mini-batch: 1e-5 → 0.09', 'Momentum: 1e-5 → 0.09', 'Nesterov: 1e-5 → 0.09']);
    await user.click(offer.getByRole('button', { name: 'Rescale learning rates' }));
    expect(changes.at(-1)!.normalize).toBe(true);
    expect(changes.at(-1)!.racers.map((r) => r.lr)).toEqual([0.09, 0.09, 0.09, 0.09, 0.09, 0.1]);
    expect(screen.queryByRole('button', { name: 'Rescale learning rates' })).toBeNull();
  });
});

describe('initial weights written for the old data', () => {
  test('are dropped when the new data has another shape', async () => {
    const spec: RaceConfigSpec = { ...defaultRace, init: { w: [[0, 0, 0], [0, 0, 0]], b: [0, 0] } };
    const { user, changes } = setup(spec);
    await user.click(screen.getByLabelText(/^synthetic/));
    const features = screen.getByLabelText('features (inputs)');
    await user.clear(features);
    await user.type(features, '2');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    expect(changes.at(-1)!.init).toBeUndefined();
    expect(changes.at(-1)!.data).toEqual({ synthetic: { n: 100, features: 2, outputs: 2, noise: 0.1, seed: 0 } });
  });

  test('are kept when they still fit', async () => {
    const spec: RaceConfigSpec = { ...defaultRace, init: { w: [[0, 0, 0], [0, 0, 0]], b: [0, 0] } };
    const { user, changes } = setup(spec);
    await user.click(screen.getByLabelText(/^crops5/));
    expect(changes.at(-1)).toEqual({ ...spec, data: 'crops5' });
  });
});

describe('read-only mode and labels', () => {
  test('read-only: nothing is editable', async () => {
    setup(defaultRace, true);
    const controls = [...document.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLTextAreaElement>('input, button, textarea, select')];
    expect(controls.filter((c) => !c.disabled).map((c) => c.outerHTML)).toEqual([]);
  });

  test('every input has a label and every button a name', async () => {
    const { user } = setup({ ...defaultRace, holdout: { fraction: 0.2 } });
    await user.click(screen.getByLabelText('CSV: paste or upload'));
    await user.paste(GOOD_CSV);
    for (const el of document.querySelectorAll<HTMLInputElement>('input, select, textarea')) expect(el.labels?.length, el.outerHTML).toBeGreaterThan(0);
    for (const b of screen.getAllByRole('button')) expect(b.textContent?.trim()).not.toBe('');
  });
});

test('the spec prop is never mutated: every edit makes a new spec', async () => {
  const spec = structuredClone(defaultRace);
  const freeze = (v: unknown) => {
    if (typeof v === 'object' && v !== null) {
      Object.values(v).forEach(freeze);
      Object.freeze(v);
    }
  };
  freeze(spec);
  // Writing to a frozen object throws inside the event handler; jsdom reports it as an error event.
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.message);
  window.addEventListener('error', onError);
  const { user, changes } = setup(spec);
  const cell = screen.getByLabelText('row 0 temperature');
  await user.clear(cell);
  await user.type(cell, '70');
  await user.tab();
  await user.click(screen.getByRole('button', { name: 'Add row' }));
  await user.click(screen.getByRole('button', { name: 'Remove row 3' }));
  await user.click(screen.getByLabelText('hold out a fraction of the rows'));
  await user.click(screen.getByLabelText('normalize inputs (standardize each column)'));
  window.removeEventListener('error', onError);
  expect(errors).toEqual([]);
  expect(changes).toHaveLength(5);
  expect(spec).toEqual(defaultRace);
});
