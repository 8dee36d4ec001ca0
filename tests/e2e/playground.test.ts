/**
 * The playground end to end in headless Chromium, on the production build: what a student
 * does, checked through what the page shows.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { mseOf } from '../../src/core/race/optimum.ts';
import { defaultRace } from '../../src/default-race.ts';
import { encodeRace } from '../../src/state/url-state.ts';
import { serveApp, type AppServer } from './app-server.ts';

let app: AppServer;

beforeAll(async () => {
  app = await serveApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function open(hash = '', viewport = { width: 1440, height: 1000 }): Promise<Page> {
  const page = await app.browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url + hash);
  await page.getByRole('button', { name: /^(Play|Replay)$/ }).waitFor({ timeout: 20_000 });
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

/** "Epoch k of N" → k. */
async function epochShown(page: Page): Promise<number> {
  const text = await page.getByRole('group', { name: 'Race controls' }).getByRole('status').textContent();
  return Number(/Epoch (\d+) of/.exec(text ?? '')![1]);
}

/** The leaderboard's losses by racer label. */
async function leaderboardLosses(page: Page): Promise<Map<string, number>> {
  const rows = await page.locator('table:has(caption:text("Leaderboard")) tbody tr').all();
  const out = new Map<string, number>();
  for (const row of rows) {
    const cells = await row.locator('th, td').allTextContents();
    out.set(cells[1].trim(), Number(cells[2].replace(/[^\d.e+-]/g, '')));
  }
  return out;
}

const short = (epochs: number) => ({ ...defaultRace, epochs });

describe('the default race', () => {
  it('plays to the end and every racer\'s loss falls below where it started', async () => {
    const page = await open();
    const initial = mseOf(prepareRace(validateRace(defaultRace)).train, prepareRace(validateRace(defaultRace)).init);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 60_000 });
    expect(await epochShown(page)).toBe(defaultRace.epochs);
    const losses = await leaderboardLosses(page);
    expect([...losses.keys()].sort()).toEqual(defaultRace.racers.map((r) => r.label!).sort());
    for (const [racer, loss] of losses) expect(loss, racer).toBeLessThan(initial / 10);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('pauses, then steps one epoch at a time', async () => {
    const page = await open(`#race=${await encodeRace({ ...short(100000), racers: defaultRace.racers.slice(0, 2) })}`);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => /Epoch [1-9]\d* of/.test(document.body.textContent ?? ''));
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForTimeout(300);
    const paused = await epochShown(page);
    await page.waitForTimeout(300);
    expect(await epochShown(page)).toBe(paused);
    await page.getByRole('button', { name: 'Step one epoch' }).click();
    await expect.poll(() => epochShown(page)).toBe(paused + 1);
    await page.close();
  }, 60_000);
});

describe('shareable state', () => {
  it('puts the race in the URL and restores it after a reload', async () => {
    const page = await open();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#race=1\./);
    const initial = await page.evaluate(() => location.hash);
    await page.getByLabel('seed', { exact: true }).fill('7');
    await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(initial);
    const url = page.url();
    await page.close();

    const again = await app.browser.newPage();
    await again.goto(url);
    await again.getByRole('button', { name: 'Play' }).waitFor();
    expect(await again.getByLabel('seed', { exact: true }).inputValue()).toBe('7');
    await again.close();
  }, 60_000);

  it('falls back to the default race with a notice when the link is damaged', async () => {
    const page = await open('#race=1.bm90LWRlZmxhdGU');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'damaged' }).count()).toBe(1);
    expect(await page.getByLabel('seed', { exact: true }).inputValue()).toBe(String(defaultRace.seed));
    await page.close();
  }, 60_000);
});

describe('data', () => {
  it('shows the line of a bad CSV row and keeps the data already loaded', async () => {
    const page = await open();
    await page.getByRole('tab', { name: 'Data' }).click();
    const summary = page.locator('text=In use:');
    const before = await summary.textContent();
    await page.getByLabel(/CSV: paste or upload/).check();
    await page.getByLabel(/upload a CSV file/).setInputFiles({
      name: 'yields.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('temp,rain,apples\n73,67,56\n91,abc,81\n87,134,119\n'),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'CSV line 3' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('CSV line 3: "abc" is not a number (column "rain")');
    expect(await summary.textContent()).toBe(before);
    await page.close();
  }, 60_000);
});

describe('export', () => {
  it('downloads every record as CSV: one row per racer per epoch', async () => {
    const spec = short(12);
    const page = await open(`#race=${await encodeRace(spec)}`);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 30_000 });
    await page.getByText('Export', { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Records as CSV' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    const [header, ...rows] = text.trim().split('\n');
    expect(header.split(',').slice(0, 3)).toEqual(['racer', 'epoch', 'loss']);
    expect(rows).toHaveLength(spec.racers.length * (spec.epochs + 1));
    const ids = new Set(rows.map((r) => r.split(',')[0]));
    expect([...ids].sort()).toEqual(spec.racers.map((r) => r.id).sort());
    await page.close();
  }, 60_000);
});

describe('keyboard only', () => {
  it('reaches Play with Tab and runs the race with Enter', async () => {
    const page = await open(`#race=${await encodeRace(short(30))}`);
    let focused = '';
    for (let i = 0; i < 15 && focused !== 'Play'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
    }
    expect(focused).toBe('Play');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 30_000 });
    expect(await epochShown(page)).toBe(30);
    // Focus stayed on the one play/pause button the whole race: Enter again replays.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Replay');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Epoch 30 of/.test(document.body.textContent ?? '') === false);
    await page.close();
  }, 60_000);
});

describe('layout', () => {
  it.each([390, 1440])('has no horizontal overflow at %i px wide', async (width) => {
    const page = await open('', { width, height: 900 });
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(1000);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/optirace-${width}.png`, fullPage: false });
    await page.close();
  }, 60_000);

  // The leaderboard fixes its columns only where they have room: at 960–1100 px they once
  // did with less, and "distance to optimum" ran into "epochs to 1%".
  it.each([390, 960, 1100, 1440])('fits every leaderboard cell to its text at %i px wide', async (width) => {
    const page = await open('', { width, height: 900 });
    await page.getByRole('button', { name: 'Step one epoch' }).click();
    await page.waitForFunction(() => /Epoch 1 of/.test(document.body.textContent ?? ''));
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('main table')[0].querySelectorAll('th, td')].filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent),
    );
    expect(clipped).toEqual([]);
    await page.close();
  }, 60_000);
});
