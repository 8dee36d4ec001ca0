/**
 * Real races in Debian's headless Chromium with real module workers, from a production
 * build of the harness page (tests/browser/harness.ts): the records equal the CLI's, a
 * killed worker fails only the racers it hosts, restarts leave no worker behind, and a
 * diverging racer stops at its epoch.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { summaryCsv } from '../../src/core/export/summary-csv.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import type { EpochRecord } from '../../src/core/race/record.ts';
import { relativeError } from '../helpers/close.ts';
import { DIVERGING_RACE, MIXED_RACE, raceOf } from '../race/helpers.ts';
import type { Harness } from './harness.ts';
import { inPage as callHarness, openHarness, type HarnessSession } from './support.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 90_000 });

let session: HarnessSession;
const tmp = mkdtempSync(join(tmpdir(), 'optirace-cli-'));

beforeAll(async () => {
  session = await openHarness();
});

afterAll(async () => {
  await session?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Calls the page's harness. */
function inPage<R, A = undefined>(fn: (h: Harness, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  return callHarness(session.page, fn, arg);
}

/** The CLI's records for a config, per racer: `npm run race -- FILE --no-timing`. */
async function cliRecords(spec: RaceConfigSpec): Promise<Map<string, EpochRecord[]>> {
  const file = join(tmp, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', ['src/cli/race.ts', file, '--no-timing', '--quiet'], { maxBuffer: 1 << 28 });
  const out = new Map<string, EpochRecord[]>();
  for (const line of stdout.trim().split('\n')) {
    const r = JSON.parse(line) as EpochRecord;
    const list = out.get(r.racer) ?? [];
    list.push(r);
    out.set(r.racer, list);
  }
  return out;
}

function withoutWeights({ w: _w, b: _b, ...rest }: EpochRecord): Partial<EpochRecord> {
  return rest;
}

/** The largest relative difference between two records' numbers, or Infinity when they differ in shape. */
function worstDifference(a: EpochRecord, b: EpochRecord): number {
  if (a.racer !== b.racer || a.epoch !== b.epoch || a.steps !== b.steps || a.diverged !== b.diverged) return Infinity;
  const values = (r: EpochRecord) => [r.loss, r.holdoutLoss ?? 0, ...r.w.flat(), ...r.b];
  const [xs, ys] = [values(a), values(b)];
  if (xs.length !== ys.length) return Infinity;
  return Math.max(0, ...xs.map((x, i) => (x === null || ys[i] === null ? (x === ys[i] ? 0 : Infinity) : relativeError(x, ys[i]!))));
}

function expectSameRecords(browser: Record<string, string[]>, cli: Map<string, EpochRecord[]>): void {
  expect(Object.keys(browser).sort()).toEqual([...cli.keys()].sort());
  for (const [racer, expected] of cli) {
    const got = browser[racer].map((line) => JSON.parse(line) as EpochRecord);
    expect(got.length, racer).toBe(expected.length);
    const worst = Math.max(...got.map((r, i) => worstDifference(r, expected[i])));
    expect(worst, `${racer}: worst relative difference`).toBeLessThanOrEqual(1e-9);
  }
}

describe('a race in Web Workers', () => {
  it('gives, streamed and exported, the records the CLI gives for the same config', async () => {
    const spec = raceOf(MIXED_RACE, { epochs: 1500 });
    const cli = cliRecords(spec);
    await inPage((h, s: RaceConfigSpec) => h.load(s, { keepRecords: true }), spec);
    const result = await inPage((h) => h.race());
    expect(result.racers.map((r) => [r.id, r.status, r.epoch])).toEqual(spec.racers.map((r) => [r.id, 'finished', 1500]));
    const streamed = await inPage((h) => h.streamed());
    const exported = await inPage((h) => h.exported());
    const expected = await cli;
    expectSameRecords(streamed, expected);
    expectSameRecords(exported, expected);
    // Each epoch's ms was measured in its worker.
    const adam = streamed.adam.map((line) => JSON.parse(line) as EpochRecord);
    expect(adam.every((r) => typeof r.ms === 'number' && r.ms >= 0)).toBe(true);
    // The race's workers stay until the next race (they hold the logs an export reads).
    expect((await inPage((h) => h.workers())).alive).toBeGreaterThan(0);
  });

  it('a killed worker fails only the racers it hosts, with the message; the others finish', async () => {
    const spec = raceOf(MIXED_RACE, { epochs: 3000, racers: MIXED_RACE.racers.slice(0, 4) });
    await inPage((h, s: RaceConfigSpec) => h.load(s, { speed: 2000, workers: 2, crashable: ['sgd'] }), spec);
    await inPage((h) => h.play());
    await expect.poll(() => inPage((h) => h.racers().find((r) => r.id === 'sgd')!.epoch), { timeout: 10_000 }).toBeGreaterThan(200);
    const doomed = await inPage((h) => h.workerMates('sgd'));
    expect(doomed.length).toBeGreaterThan(0);
    expect(doomed.length).toBeLessThan(4);
    await inPage((h) => h.crash('sgd', 'killed by the test'));
    const racers = await inPage((h) => h.finished());
    for (const r of racers) {
      if (doomed.includes(r.id)) {
        expect([r.id, r.status]).toEqual([r.id, 'failed']);
        expect(r.error).toMatch(/killed by the test/);
        expect(r.epoch).toBeGreaterThan(200);
        expect(r.epoch).toBeLessThan(3000);
      } else {
        expect([r.id, r.status, r.epoch]).toEqual([r.id, 'finished', 3000]);
      }
    }
  });

  it('50 rapid restarts reuse the same two workers, and leave none alive once disposed', async () => {
    await inPage((h) => h.dispose());
    const before = await inPage((h) => h.workers());
    await inPage((h, s: RaceConfigSpec) => h.restarts(s, 50, { workers: 2 }), raceOf(MIXED_RACE, { epochs: 100_000 }));
    const during = await inPage((h) => h.workers());
    expect(during.constructed - before.constructed).toBe(2);
    expect(during.alive).toBeLessThanOrEqual(2);
    // The last race is still running: the browser shows its workers…
    await expect.poll(() => session.page.workers().length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(session.page.workers().length).toBeLessThanOrEqual(2);
    await inPage((h) => h.dispose());
    const after = await inPage((h) => h.workers());
    expect(after.alive).toBe(0);
    // …and, once it is disposed, none.
    await expect.poll(() => session.page.workers().length, { timeout: 10_000 }).toBe(0);
  });

  it('a diverging racer stops at its epoch, as in the CLI', async () => {
    const cli = cliRecords(DIVERGING_RACE);
    await inPage((h, s: RaceConfigSpec) => h.load(s, { keepRecords: true, timing: false }), DIVERGING_RACE);
    const { racers } = await inPage((h) => h.race());
    expect(racers.map((r) => [r.id, r.status, r.epoch, r.divergedAt])).toEqual([
      ['hot', 'diverged', 5, 5],
      ['calm', 'finished', 40, undefined],
    ]);
    const streamed = await inPage((h) => h.streamed());
    expect(JSON.parse(streamed.hot.at(-1)!)).toMatchObject({ epoch: 5, diverged: true });
    // Without timing the records are the CLI's, byte for byte.
    const expected = await cli;
    for (const [racer, records] of expected) expect(streamed[racer]).toEqual(records.map((r) => `${JSON.stringify(r)}\n`));
  });

  it('a sweep’s runs stream the CLI’s records but for W and b (sent at each batch’s end), and summarise as --format summary does', async () => {
    const spec: RaceConfigSpec = {
      ...DIVERGING_RACE,
      sweeps: [{ racer: 'calm', lr: { from: 1e-6, to: 1e-3, points: 8, scale: 'log' } }],
    };
    const file = join(tmp, 'sweep.json');
    writeFileSync(file, JSON.stringify(spec));
    const summary = promisify(execFile)('node_modules/.bin/tsx', ['src/cli/race.ts', file, '--no-timing', '--quiet', '--format', 'summary']);
    const cli = cliRecords(spec);
    await inPage((h, s: RaceConfigSpec) => h.load(s, { keepRecords: true, timing: false, workers: 2 }), spec);
    await inPage((h) => h.race());
    const streamed = await inPage((h) => h.streamed());
    const expected = await cli;
    expect(expected.size).toBe(10);
    for (const [racer, records] of expected) {
      const got = streamed[racer].map((line) => JSON.parse(line) as Partial<EpochRecord>);
      const isRun = racer !== 'hot' && racer !== 'calm';
      // Every value the CLI prints, W and b wherever they came (always at the last epoch).
      expect(got, racer).toEqual(records.map((r, i) => ('w' in got[i] ? r : withoutWeights(r))));
      expect('w' in got.at(-1)!, racer).toBe(true);
      if (!isRun) expect(got.every((r) => 'w' in r), racer).toBe(true);
    }
    const runs = [...expected.keys()].filter((id) => id !== 'hot' && id !== 'calm');
    expect(runs.some((id) => streamed[id].some((line) => !('w' in JSON.parse(line))))).toBe(true);
    // The page's summaries, written as the CLI writes them, are its summary file byte for byte.
    const summaries = await inPage((h) => h.summaries());
    const { stdout } = await summary;
    const racers = prepareRace(validateRace(spec)).config.racers;
    expect(summaryCsv(racers, new Map(Object.entries(summaries)), false)).toBe(stdout);
    expect(Object.keys(await inPage((h) => h.exported()))).toEqual(['hot', 'calm']);
  });
});
