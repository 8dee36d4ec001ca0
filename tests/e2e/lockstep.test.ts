/**
 * The default race on a 2-core machine, in Chromium with `navigator.hardwareConcurrency`
 * forced to 2 (an init script): one race worker hosts all six racers, and they race side by
 * side, step together, and take a learning-rate change mid-race without a reset.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveApp, type AppServer } from './app-server.ts';

vi.setConfig({ testTimeout: 60_000 });

let app: AppServer;

beforeAll(async () => {
  app = await serveApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function openOnTwoCores(): Promise<Page> {
  const page = await app.browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 2 }));
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 20_000 });
  return page;
}

/** Every leaderboard row's racer, status and epoch. */
async function racers(page: Page): Promise<{ id: string; status: string; epoch: number }[]> {
  return page.$$eval('tr[data-racer]', (rows) =>
    rows.map((r) => ({ id: r.getAttribute('data-racer')!, status: r.getAttribute('data-status')!, epoch: Number(r.getAttribute('data-epoch')) })),
  );
}

const spread = (rs: { epoch: number }[]) => Math.max(...rs.map((r) => r.epoch)) - Math.min(...rs.map((r) => r.epoch));

describe('the default race with hardwareConcurrency = 2', () => {
  it('runs all six racers at once in one worker: 1 s after Play all are running, within one epoch of each other', async () => {
    const page = await openOnTwoCores();
    expect(await page.evaluate(() => navigator.hardwareConcurrency)).toBe(2);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(1000);
    const at1s = await racers(page);
    expect(at1s).toHaveLength(6);
    expect(at1s.map((r) => r.status)).toEqual(Array(6).fill('running'));
    expect(Math.min(...at1s.map((r) => r.epoch))).toBeGreaterThan(5); // they all moved, none waits its turn
    expect(spread(at1s)).toBeLessThanOrEqual(1);
    // One core is left to the page: the six racers share one worker.
    expect(page.workers()).toHaveLength(1);
    // Sampled as a person would watch: level at every look.
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(97);
      expect(spread(await racers(page))).toBeLessThanOrEqual(1);
    }
    await page.close();
  });

  it('Step one epoch moves all six by exactly one epoch', async () => {
    const page = await openOnTwoCores();
    const step = page.getByRole('button', { name: 'Step one epoch' });
    await step.click();
    await expect.poll(async () => (await racers(page)).map((r) => r.epoch)).toEqual(Array(6).fill(1));
    await step.click();
    await expect.poll(async () => (await racers(page)).map((r) => r.epoch)).toEqual(Array(6).fill(2));
    expect((await racers(page)).map((r) => r.status)).toEqual(Array(6).fill('paused'));
    await page.close();
  });

  it('dragging a learning-rate slider mid-race changes that racer from its next epoch, without a reset', async () => {
    const page = await openOnTwoCores();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Math.min(...(await racers(page)).map((r) => r.epoch)), { timeout: 20_000 }).toBeGreaterThanOrEqual(30);
    const slider = page.getByRole('slider', { name: 'Learning rate of GD' });
    const before = Math.min(...(await racers(page)).map((r) => r.epoch));
    const position = Number(await slider.inputValue());
    await slider.fill(String(position + 10)); // half a decade up: 1e-5 → about 3.2e-5
    // The change is marked on GD's line, from an epoch after the drag, with its new lr.
    const marker = page.locator('[data-change="gd"] title');
    await expect.poll(() => marker.count(), { timeout: 20_000 }).toBe(1);
    const title = (await marker.textContent()) ?? '';
    const from = Number(/from epoch (\d+)/.exec(title)![1]);
    expect(title).toMatch(/^GD: lr → 3\.2e-5 from epoch \d+$/);
    expect(from).toBeGreaterThan(before);
    // Not reset: the race goes on from where it was, every racer still running.
    const after = await racers(page);
    expect(Math.min(...after.map((r) => r.epoch))).toBeGreaterThanOrEqual(before);
    expect(after.every((r) => r.status === 'running' || r.status === 'finished')).toBe(true);
    // The change is in the config, so the share link replays it.
    await expect.poll(() => page.evaluate(() => location.hash.length)).toBeGreaterThan(10);
    await page.close();
  });
});
