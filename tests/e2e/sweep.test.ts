/**
 * The Sweep panel in Chromium: the seed lesson's race with a sweep of mini-batch SGD
 * (batch 4, 12 learning rates from 1e-7 to 1e-3) and one of Adam (12 from 1e-4 to 10),
 * made in the form and raced at full speed. The U-curve's best SGD run agrees with the
 * CLI's summary of the same config, and "Race it" makes it a racer of the race.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultRace } from '../../src/default-race.ts';
import { spacedValues } from '../../src/core/config/sweep-axis.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import type { EpochRecord } from '../../src/core/race/record.ts';
import { runRace } from '../../src/core/race/run-race.ts';
import { serveApp, type AppServer } from './app-server.ts';

vi.setConfig({ testTimeout: 180_000 });

const ROOT = resolve(import.meta.dirname, '../..');
let app: AppServer;

beforeAll(async () => {
  app = await serveApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const SGD = { from: 1e-7, to: 1e-3, points: 12 };
const ADAM = { from: 1e-4, to: 10, points: 12 };

async function fillSweep(form: Locator, base: string, range: { from: number; to: number; points: number }) {
  await form.getByLabel('Base racer', { exact: true }).selectOption({ label: base });
  const first = form.getByRole('group', { name: 'First hyperparameter' });
  await first.getByLabel('Hyperparameter', { exact: true }).selectOption('lr');
  await first.getByLabel('From', { exact: true }).fill(String(range.from));
  await first.getByLabel('To', { exact: true }).fill(String(range.to));
  await first.getByLabel('Points', { exact: true }).fill(String(range.points));
  await first.getByLabel('Scale', { exact: true }).selectOption('log');
  await form.getByRole('button', { name: 'Run sweep' }).click();
}

/** The CLI's summary of the same config: each mini-batch run's lr and final loss (null when it diverged). */
async function cliSummary(): Promise<{ lr: number; final: number | null }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'optirace-sweep-'));
  try {
    const file = join(dir, 'sweep.json');
    const config = { ...defaultRace, sweeps: [{ racer: 'mini', lr: { ...SGD, scale: 'log' } }, { racer: 'adam', lr: { ...ADAM, scale: 'log' } }] };
    writeFileSync(file, JSON.stringify(config));
    const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/race.ts', file, '--format', 'summary', '--no-timing'], { cwd: ROOT, maxBuffer: 1 << 24 });
    const [header, ...lines] = stdout.trim().split('\n');
    const columns = header.split(',');
    return lines
      .map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])))
      .filter((row) => row.racer.startsWith('mini lr='))
      .map((row) => ({ lr: Number(/lr=([^ ]+)/.exec(row.hyperparameters)![1]), final: row.divergedAt === '' && row.finalLoss !== '' ? Number(row.finalLoss) : null }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Watched extends Page {
  /** Uncaught errors and console errors on the page. */
  errors: string[];
}

async function open(): Promise<Watched> {
  const page = (await app.browser.newPage({ viewport: { width: 1440, height: 1000 } })) as Watched;
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 20_000 });
  return page;
}

describe('the Sweep panel', () => {
  it('sweeps SGD and Adam over 12 learning rates each, agrees with the CLI on the best SGD rate, and races it', async () => {
    const cli = cliSummary(); // meanwhile, in another process
    const page = await open();
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('tab', { name: 'Sweep' }).click();
    const form = page.getByRole('form', { name: 'New sweep' });
    await fillSweep(form, 'Mini-batch', SGD);
    await expect.poll(() => page.locator('[data-run]').count(), { timeout: 20_000 }).toBe(12);
    await fillSweep(form, 'Adam', ADAM);

    // 24 points, and every run done.
    await expect.poll(() => page.locator('svg [data-run]').count(), { timeout: 20_000 }).toBe(24);
    const progress = page.locator('.progress[data-total="24"]');
    await expect.poll(() => progress.getAttribute('data-done'), { timeout: 150_000 }).toBe('24');

    // The highest SGD rates diverged: marked ✕.
    const sgdLrs = spacedValues(SGD.from, SGD.to, SGD.points, 'log');
    const divergedLrs = await page.$$eval('svg [data-run^="mini lr="][data-diverged]', (els) => els.map((e) => Number(e.getAttribute('data-lr'))));
    expect(divergedLrs.length).toBeGreaterThan(0);
    expect(divergedLrs).toContain(sgdLrs.at(-1));
    // Diverged runs are the top of the grid: every rate above the lowest diverged one diverged too.
    const lowest = Math.min(...divergedLrs);
    expect(divergedLrs.sort((a, b) => a - b)).toEqual(sgdLrs.filter((lr) => lr >= lowest));

    // The ringed best SGD run is within one grid step of the CLI's best final loss.
    const best = page.locator('svg [data-run^="mini lr="][data-best]');
    await expect.poll(() => best.count()).toBe(1);
    const bestLr = Number(await best.getAttribute('data-lr'));
    const rows = await cli;
    expect(rows).toHaveLength(12);
    const cliBest = rows.filter((r) => r.final !== null).reduce((a, b) => (b.final! < a.final! ? b : a));
    const step = (lr: number) => sgdLrs.findIndex((v) => Math.abs(v - lr) <= 1e-9 * v);
    expect(step(bestLr)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(step(bestLr) - step(cliBest.lr))).toBeLessThanOrEqual(1);

    // Export → Summary as CSV: the CLI's summary file, a row per racer and per run, the same best rate.
    await page.getByText('Export', { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Summary as CSV' }).click()]);
    const [header, ...summaryRows] = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(header).toBe('racer,optimizer,hyperparameters,epochs,steps,finalLoss,bestLoss,bestEpoch,holdoutLoss,epochsToOptimum,msToOptimum,divergedAt,stoppedAt');
    expect(summaryRows).toHaveLength(defaultRace.racers.length + 24);
    const pageRuns = summaryRows.map((row) => row.split(',')).filter((cells) => cells[0].startsWith('mini lr='));
    expect(pageRuns.map((cells) => [cells[0], cells[5], cells[11]])).toEqual(rows.map((r) => [expect.stringMatching(/^mini lr=/), r.final === null ? expect.any(String) : String(r.final), r.final === null ? expect.stringMatching(/^\d+$/) : '']));

    // "Race it": the run becomes a racer of the race, with a row in the leaderboard.
    const bestId = (await best.getAttribute('data-run'))!;
    const before = await page.locator('tr[data-racer]').count();
    await best.hover();
    await page.getByRole('button', { name: 'Race it' }).click();
    await expect.poll(() => page.locator('tr[data-racer]').count()).toBe(before + 1);
    expect(await page.locator(`tr[data-racer="${bestId} raced"]`).count()).toBe(1);
    // The sweep stays.
    await expect.poll(() => page.locator('svg [data-run]').count()).toBe(24);
    await page.close();
  });

  it('runs a learning-rate range test, plots its loss against lr on a log axis, and shows it stopped where the engine stops it', async () => {
    const range = { from: 1e-7, to: 1 };
    // The engine in Node, as the CLI runs it: where the range test of the seed lesson's mini-batch racer stops.
    let engineLast: EpochRecord | undefined;
    const config = { ...defaultRace, sweeps: [{ racer: 'mini', rangeTest: range }] };
    for (const r of runRace(prepareRace(validateRace(config)), { timing: false })) if (r.racer === 'mini lr range 1e-7..1') engineLast = r;
    expect(engineLast!.stopped).toBe(true);
    const stopEpoch = engineLast!.epoch;

    const page = await open();
    await page.getByLabel('Speed').selectOption('max');
    await page.getByRole('tab', { name: 'Sweep' }).click();
    const form = page.getByRole('form', { name: 'New sweep' });
    await form.getByLabel('Base racer', { exact: true }).selectOption({ label: 'Mini-batch' });
    await form.getByRole('radio', { name: 'Learning-rate range test' }).check();
    const fields = form.getByRole('group', { name: 'Learning-rate range test' });
    await fields.getByLabel('From', { exact: true }).fill(String(range.from));
    await fields.getByLabel('To', { exact: true }).fill(String(range.to));
    await form.getByRole('button', { name: 'Run sweep' }).click();

    // The chart ends "stopped", at the engine's epoch, with the reason.
    const chart = page.locator('svg[data-chart="range-test"][data-run="mini lr range 1e-7..1"]');
    const status = page.locator('[data-run-status]');
    await expect.poll(() => status.getAttribute('data-run-status'), { timeout: 60_000 }).toBe('stopped');
    expect(await status.textContent()).toContain(`stopped: loss passed 4× its minimum at epoch ${stopEpoch}`);
    expect(await page.locator('.progress').textContent()).toContain('1 stopped');
    expect(await page.locator('.progress').getAttribute('data-done')).toBe('1');

    // Loss against lr: one dot per epoch 0 … stop, lr growing from `from`, and x growing with log lr.
    const dots = await chart.locator('circle[data-epoch]').evaluateAll((els) =>
      els.map((e) => ({ epoch: Number(e.getAttribute('data-epoch')), lr: Number(e.getAttribute('data-lr')), x: Number(e.getAttribute('cx')) })),
    );
    // (Every epoch, while the chart's history holds them all; its windows keep the first and the last anyway.)
    expect([dots[0].epoch, dots.at(-1)!.epoch]).toEqual([0, stopEpoch]);
    expect(dots.length).toBeGreaterThan(stopEpoch / 2);
    for (let i = 1; i < dots.length; i++) expect(dots[i].epoch).toBeGreaterThan(dots[i - 1].epoch);
    expect(dots[0].lr).toBe(range.from);
    expect(dots.at(-1)!.lr).toBeCloseTo(engineLast!.lr!, 12);
    for (let i = 1; i < dots.length; i++) expect(dots[i].lr).toBeGreaterThan(dots[i - 1].lr);
    // A log axis: x is linear in log(lr) (the lr grows by the same factor every step, so the dots are evenly spaced).
    const slope = (dots.at(-1)!.x - dots[0].x) / Math.log(dots.at(-1)!.lr / dots[0].lr);
    for (const d of dots) expect(d.x - dots[0].x).toBeCloseTo(slope * Math.log(d.lr / dots[0].lr), 0);
    expect(await chart.locator('[data-mark="stopped"]').count()).toBe(1);
    expect(await chart.locator('[data-mark="lowest"]').count()).toBe(1);
    expect(await chart.textContent()).toContain('learning rate (log)');

    // The Table view says the same.
    await page.getByRole('radio', { name: 'Table' }).check();
    expect(await page.locator(`tr[data-run="mini lr range 1e-7..1"]`).textContent()).toContain(`stopped: loss passed 4× its minimum at epoch ${stopEpoch}`);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('Cancel stops a running sweep where it is, keeps its partial results labelled, and the race goes on', async () => {
    const page = await open();
    // 20 epochs/s: the seed lesson's 300 epochs take 15 s, time enough to cancel midway.
    await page.getByLabel('Speed').selectOption('20');
    await page.getByRole('tab', { name: 'Sweep' }).click();
    const form = page.getByRole('form', { name: 'New sweep' });
    await fillSweep(form, 'Mini-batch', SGD);
    const progress = page.locator('.progress[data-total="12"]');
    await expect.poll(async () => Number(await progress.locator('progress').getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0.05);
    expect(Number(await progress.getAttribute('data-done'))).toBeLessThan(12);

    await page.locator('li[data-sweep="0"]').getByRole('button', { name: 'Cancel' }).click();
    // Every run not done is cancelled; the sweep is listed as such, with Remove instead of Cancel.
    await expect.poll(async () => Number(await progress.getAttribute('data-done')) + Number(await progress.getAttribute('data-cancelled')), { timeout: 10_000 }).toBe(12);
    const cancelled = Number(await progress.getAttribute('data-cancelled'));
    expect(cancelled).toBeGreaterThan(0);
    expect(await progress.textContent()).toContain(`${cancelled} cancelled`);
    expect(await progress.textContent()).toContain('partial');
    await page.locator('li[data-sweep="0"]').getByRole('button', { name: 'Remove' }).waitFor();

    // The partial results stay: 12 points, the cancelled ones marked, none of them ringed.
    expect(await page.locator('svg [data-run]').count()).toBe(12);
    expect(await page.locator('svg [data-run][data-cancelled]').count()).toBe(cancelled);
    expect(await page.locator('svg [data-run][data-cancelled][data-best]').count()).toBe(0);

    // The runs stopped: their epochs, read from the Table view, do not move any more; the race's own racers go on.
    await page.getByRole('radio', { name: 'Table' }).check();
    const statuses = () => page.locator('tr[data-run]').evaluateAll((rows) => rows.map((r) => r.lastElementChild!.textContent));
    const before = await statuses();
    expect(before.filter((s) => /^cancelled at epoch \d+$/.test(s!))).toHaveLength(cancelled);
    const gdEpoch = async () => Number(await page.locator('tr[data-racer="gd"]').getAttribute('data-epoch'));
    const gdBefore = await gdEpoch();
    await expect.poll(gdEpoch, { timeout: 10_000 }).toBeGreaterThan(gdBefore + 10);
    expect(await statuses()).toEqual(before);

    // Remove takes the sweep out of the config; the race reloads without it.
    await page.locator('li[data-sweep="0"]').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.locator('.progress').count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
