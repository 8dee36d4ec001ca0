/**
 * The Sweep panel in Chromium: the seed lesson's race with a sweep of mini-batch SGD
 * (batch 4, 12 learning rates from 1e-7 to 1e-3) and one of Adam (12 from 1e-4 to 10),
 * made in the form and raced at full speed. The U-curve's best SGD run agrees with the
 * CLI's summary of the same config, and "Race it" makes it a racer of the race.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultRace } from '../../src/default-race.ts';
import { spacedValues } from '../../src/core/config/sweep-axis.ts';
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

async function open(): Promise<Page> {
  const page = await app.browser.newPage({ viewport: { width: 1440, height: 1000 } });
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
});
