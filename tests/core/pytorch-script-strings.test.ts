/**
 * The exported PyTorch script is code that people run, and a race config can come from
 * anyone's shared link. Every string of the config (name, racer ids and labels, CSV column
 * names) must reach the script as data: whatever it holds (quotes, backslashes, `\N{`, `\x`,
 * line breaks, any Unicode, code meant to run), the script parses, runs nothing it did not
 * write (a canary file is never created), carries the strings exactly, and reproduces the race.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRace } from '../../src/core/config/validate.ts';
import { pyString } from '../../src/core/export/python-literal.ts';
import { pytorchScript } from '../../src/core/export/pytorch-script.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { runRace } from '../../src/core/race/run-race.ts';
import { relativeError } from '../helpers/close.ts';
import { PythonRunner } from '../helpers/python-runner.ts';

describe('pyString writes an ASCII-only Python literal', () => {
  it.each([
    { text: 'plain', literal: '"plain"' },
    { text: 'say "hi"', literal: '"say \\"hi\\""' },
    { text: 'a\\b', literal: '"a\\\\b"' },
    { text: '\\N{BULLET} \\x41', literal: '"\\\\N{BULLET} \\\\x41"' },
    { text: 'line\nbreak\r', literal: '"line\\u000abreak\\u000d"' },
    { text: '"""', literal: '"\\"\\"\\""' },
    { text: 'é', literal: '"\\u00e9"' },
    { text: '\u2028', literal: '"\\u2028"' },
    { text: '😀', literal: '"\\U0001f600"' }, // one code point, not a surrogate pair
    { text: '\ud800', literal: '"\\ud800"' }, // a lone surrogate stays one
  ])('$text → $literal', ({ text, literal }) => {
    expect(pyString(text)).toBe(literal);
  });
});

const hasTorch = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasTorch)('hostile strings in a config stay data in the exported script (needs /usr/bin/python3 with torch)', () => {
  let dir: string;
  let canary: string;
  let python: PythonRunner;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'optirace-script-'));
    canary = join(dir, 'canary');
    python = new PythonRunner();
  });

  afterAll(() => {
    python?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Pieces that end or bend a Python string, docstring or comment, and code to smuggle in. */
  const hostile = () => {
    const payload = `open(${JSON.stringify(canary)}, "w").write("pwned")`;
    const breaks = ['"""', "'''", '"', "'", '\\', '\n', '\r', '\r\n', '\u2028', '\u0085', '#', '\0', '\\N{', '\\x', '\\u', '\\U0001', '{', '${', '\ud800', '\udfff', '\t', '\x1b]0;'];
    return fc.oneof(
      fc.constantFrom(...breaks),
      fc.constantFrom(...breaks.map((b) => `${b}; ${payload}; ${b}`), `\n${payload}\n`, `"""\n${payload}\n"""`, `\\"; ${payload} #`),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
  };
  const text = (maxLength: number) =>
    fc
      .array(hostile(), { maxLength: 5 })
      .map((parts) => parts.join('').slice(0, maxLength));

  /** A CSV cell that holds anything: quoted, its quotes doubled (RFC 4180). */
  const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const ROWS = ['1,2,0.5,3', '2,1,1.5,4', '3,0,2.5,2', '4,2,0.5,6', '5,1,3.5,5', '6,3,1,7'];

  const config = () =>
    fc
      .record({
        name: fc.option(text(200), { nil: undefined }),
        // Column names are trimmed by the CSV reader; "x0" is the one plain column.
        columns: fc.uniqueArray(text(40).map((s) => s.trim()).filter((s) => s !== '' && s !== 'x0'), { minLength: 3, maxLength: 3 }),
        holdout: fc.boolean(),
        racers: fc.uniqueArray(
          fc.record({
            id: text(64).filter((s) => s.trim() !== ''),
            label: fc.option(text(100), { nil: undefined }),
            optimizer: fc.constantFrom(
              { optimizer: 'sgd', lr: 0.01, momentum: 0.5 },
              { optimizer: 'adam', lr: 0.05 },
              { optimizer: 'rmsprop', lr: 0.01 },
              { optimizer: 'adagrad', lr: 0.1 },
            ),
            batchSize: fc.constantFrom('full', 1, 2),
          }),
          { minLength: 1, maxLength: 3, selector: (r) => r.id },
        ),
      })
      .map(({ name, columns, holdout, racers }) => ({
        ...(name !== undefined ? { name } : {}),
        data: { csv: [['x0', ...columns.map(quoted)].join(','), ...ROWS].join('\n'), targets: [columns[2]] },
        ...(holdout ? { holdout: { fraction: 0.34 } } : {}),
        epochs: 3,
        seed: 7,
        racers: racers.map(({ id, label, optimizer, batchSize }) => ({ id, ...(label !== undefined ? { label } : {}), ...optimizer, batchSize })),
      }));

  it('parses, runs no injected code, keeps every string exactly and reproduces the race', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(config(), async (spec) => {
        const race = prepareRace(validateRace(spec));
        const script = join(dir, `race${n++}.py`);
        writeFileSync(script, pytorchScript(race));
        const result = await python.run(script);
        // Removed again at once, so that a shrunk counterexample is the one that really ran code.
        const ran = existsSync(canary);
        rmSync(canary, { force: true });
        expect(ran, 'the injected code ran').toBe(false);
        if (!result.ok) throw new Error(`the script failed: ${result.error}`);

        expect(result.name).toBe(race.config.name ?? null);
        expect(result.inputNames).toEqual(race.train.inputNames);
        expect(result.targetNames).toEqual(race.train.targetNames);
        expect(result.racers).toEqual(race.config.racers.map((r) => [r.id, r.label]));

        const theirs = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
        const ours = [...runRace(race, { timing: false })];
        expect(theirs.map((r) => [r.racer, r.epoch, r.steps])).toEqual(ours.map((r) => [r.racer, r.epoch, r.steps]).sort(byRacerOrder(race.config.racers.map((r) => r.id))));
        const byKey = new Map(theirs.map((r) => [`${r.racer}\u0000${r.epoch}`, r]));
        for (const r of ours) expect(relativeError(r.loss!, byKey.get(`${r.racer}\u0000${r.epoch}`).loss)).toBeLessThan(1e-8);
      }),
      { numRuns: 20, seed: 13 },
    );
  }, 120_000);
});

/** The script runs racer after racer; the engine epoch after epoch. */
function byRacerOrder(ids: readonly string[]) {
  return (a: (string | number)[], b: (string | number)[]) => ids.indexOf(a[0] as string) - ids.indexOf(b[0] as string) || (a[1] as number) - (b[1] as number);
}
