/**
 * Memory is read with `performance.measureUserAgentSpecificMemory()` (the page is served
 * cross-origin isolated), which counts the page and its workers after a garbage collection;
 * Chromium answers at once with ForceEagerMeasureMemory.
 *
 * A race whose full-resolution logs would need far more than the page's memory budget,
 * lowered to 64 MB by the link (`?memory=64`, so the test streams less): three racers × 12,000
 * epochs of a 64 → 32 model keep 2,080 weights an epoch, 600 MB at full resolution. Played
 * to the end at max speed, the browser's memory stays far under that, the page says the logs
 * were thinned, and the export says which epochs it carries.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { encodeRace } from '../../src/state/url-state.ts';
import { serveApp, type AppServer } from './app-server.ts';

vi.setConfig({ testTimeout: 180_000 });

let app: AppServer;

beforeAll(async () => {
  app = await serveApp(['--enable-blink-features=ForceEagerMeasureMemory']);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const MB = 2 ** 20;

/** Bytes the page and its workers use, after a garbage collection. */
function measured(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const p = performance as Performance & { measureUserAgentSpecificMemory(): Promise<{ bytes: number }> };
    return (await p.measureUserAgentSpecificMemory()).bytes;
  });
}

const spec: RaceConfigSpec = {
  name: 'over the memory budget',
  data: { synthetic: { n: 4, features: 64, outputs: 32 } },
  epochs: 12_000,
  racers: [0.001, 0.002, 0.003].map((lr, i) => ({ id: `r${i}`, optimizer: 'sgd', lr })),
};

describe('the memory budget', () => {
  it('keeps a race whose full logs need 600 MB far under that, with a notice, and exports say what they carry', async () => {
    const fullLogs = spec.racers.length * (spec.epochs + 1) * 8 * (4 + 32 * 65);
    expect(fullLogs / MB).toBeGreaterThan(550);
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    await page.goto(`${app.url}?memory=64#race=${await encodeRace(spec)}`);
    await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Speed').selectOption('max');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // Measured from a race whose workers are up (each racer's epoch 0 is in): they start after
    // the first paint, and a reading taken before that missed their heaps and the room their
    // logs make up front (24 MB here), so the growth measured was 74 or 108 MB by timing alone.
    await expect.poll(() => page.locator('tr[data-racer][data-epoch="0"]').count(), { timeout: 20_000 }).toBe(spec.racers.length);
    const before = await measured(page);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 150_000 });
    const after = await measured(page);
    // The 64 MB of logs, and what the page keeps: nowhere near the full logs' 600 MB.
    expect((after - before) / MB).toBeLessThan(64 + 40);
    await expect.poll(() => page.getByText(/reached the page's memory budget/).count()).toBe(1);
    const notice = (await page.getByText(/reached the page's memory budget/).textContent()) ?? '';
    const stride = Number(/every\s+(\d+)th epoch/.exec(notice)![1]);
    expect(stride).toBeGreaterThanOrEqual(2);
    // The export names its resolution and carries epoch 0, every stride-th epoch and the last.
    await page.getByText('Export', { exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Records as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`-records-thinned-every-${stride}th-epoch\\.csv$`));
    const lines = readFileSync((await file.path())!, 'utf8').trim().split('\n');
    const epochs = lines.slice(1).filter((l) => l.startsWith('r0,')).map((l) => Number(l.split(',')[1]));
    expect(epochs[0]).toBe(0);
    expect(epochs.at(-1)).toBe(spec.epochs);
    expect(epochs.slice(0, -1).every((e) => e % stride === 0)).toBe(true);
    expect(epochs.length).toBeLessThan(spec.epochs / 2);
    expect(notice).toContain('(64 MB for every racer');
    await page.close();
  });
});
