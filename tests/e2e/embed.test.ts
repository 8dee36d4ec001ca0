/**
 * The embed widget end to end in headless Chromium, on the production build: the demo host
 * page (static/embed-demo.html) on one origin drives two widgets served from another, through
 * the postMessage API only; a third origin tries to meddle. Every widget frame runs under the
 * page's Content-Security-Policy, and any violation fails the test.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/config/errors.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import type { EpochRecord } from '../../src/core/race/record.ts';
import { runRace } from '../../src/core/race/run-race.ts';
import { defaultRace } from '../../src/default-race.ts';
import { encodeRace } from '../../src/state/url-state.ts';
import { serveApp, type AppServer } from './app-server.ts';
import { serveStatic, type StaticHost } from './embed-hosts.ts';

/** How long to wait for what workers and frames do on their own: long enough for a loaded CI machine. */
const SLOW = 15_000;

let app: AppServer;
let host: StaticHost;
let intruder: StaticHost;

beforeAll(async () => {
  [app, host, intruder] = await Promise.all([serveApp(), serveStatic(), serveStatic()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([app?.close(), host?.close(), intruder?.close()]);
});

interface WidgetEvent {
  type: string;
  version: number;
  event: string;
  data: any;
  requestId?: string;
}

interface Watched extends Page {
  errors: string[];
  /** URLs requested by widget frames. */
  widgetRequests: string[];
}

/** Collects CSP violations in every frame, before any of the frame's own scripts run. */
const CSP_WATCH = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
`;

async function openPage(url: string): Promise<Watched> {
  const page = (await app.browser.newPage({ viewport: { width: 1400, height: 1000 } })) as Watched;
  page.errors = [];
  page.widgetRequests = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) page.errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('request', (r) => {
    if (r.frame().url().startsWith(app.url)) page.widgetRequests.push(r.url());
  });
  await page.addInitScript(CSP_WATCH);
  await page.goto(url);
  return page;
}

async function openDemo(): Promise<Watched> {
  const page = await openPage(`${host.origin}/embed-demo.html?widget=${encodeURIComponent(app.url)}`);
  await expect.poll(() => events(page, 0).then((e) => e.some((x) => x.event === 'ready')), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => events(page, 1).then((e) => e.some((x) => x.event === 'ready')), { timeout: 30_000 }).toBe(true);
  return page;
}

function events(page: Page, widget: number): Promise<WidgetEvent[]> {
  return page.evaluate((i) => (window as any).demo.events[i], widget);
}

function widgetFrames(page: Page): Frame[] {
  return page.frames().filter((f) => f.url().startsWith(app.url));
}

/** Fails on any CSP violation, page error or request off the widget's origin. */
async function expectClean(page: Watched): Promise<void> {
  const frames = widgetFrames(page);
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) expect(await frame.evaluate(() => (window as any).__csp)).toEqual([]);
  expect(page.errors).toEqual([]);
  for (const url of page.widgetRequests) expect(new URL(url).origin).toBe(new URL(app.url).origin);
}

/** Sends a command through the host page's buttons (setConfig through its textarea). */
async function command(page: Page, widget: number, name: 'Play' | 'Pause' | 'Step' | 'Reset' | 'Get state' | 'Set config', config?: unknown) {
  const section = page.locator('section.widget').nth(widget);
  if (config !== undefined) await section.getByLabel(/Race config/).fill(JSON.stringify(config));
  await section.getByRole('button', { name, exact: true }).click();
}

/** Waits for the next event named `name` after `from` events. */
async function nextEvent(page: Page, widget: number, name: string, from: number, timeout = 30_000): Promise<WidgetEvent> {
  let found: WidgetEvent | undefined;
  await expect
    .poll(
      async () => {
        found = (await events(page, widget)).slice(from).find((e) => e.event === name);
        return found !== undefined;
      },
      { timeout },
    )
    .toBe(true);
  return found!;
}

const race = {
  name: 'Embedded: three optimizers',
  data: 'crops15',
  epochs: 60,
  seed: 11,
  shuffle: true,
  racers: [
    { id: 'sgd', optimizer: 'sgd', lr: 1e-5, batchSize: 1 },
    { id: 'nesterov', optimizer: 'sgd', lr: 1e-5, momentum: 0.9, nesterov: true, batchSize: 4 },
    { id: 'adam', optimizer: 'adam', lr: 0.05, batchSize: 4 },
    // Raw crop inputs and lr 1: diverges within a few epochs.
    { id: 'wild', optimizer: 'sgd', lr: 1, batchSize: 'full' },
  ],
};

/** The CLI's records for `config`: the engine in-process, as `npm run race` runs it. */
function cliFinals(config: unknown): Map<string, EpochRecord> {
  const finals = new Map<string, EpochRecord>();
  for (const r of runRace(prepareRace(validateRace(config)), { timing: false })) finals.set(r.racer, r);
  return finals;
}

/** Within 1e-9 relative; non-finite values (a diverged racer's) must be the same value. */
function close(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null || !Number.isFinite(expected)) return Object.is(actual, expected);
  return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(expected), 1e-300);
}

describe('the embed widget driven by a host on another origin', () => {
  it('plays a race sent with setConfig, streams epochs to the end, and finishes with the CLI\'s records', async () => {
    const page = await openDemo();
    let seen = (await events(page, 0)).length;
    await command(page, 0, 'Set config', race);
    const state = await nextEvent(page, 0, 'state', seen);
    expect(state.data.config).toEqual(race);
    expect(state.data.racers.map((r: { id: string }) => r.id)).toEqual(['sgd', 'nesterov', 'adam', 'wild']);

    seen = (await events(page, 0)).length;
    await command(page, 0, 'Play');
    const finished = await nextEvent(page, 0, 'finished', seen, 60_000);
    const after = (await events(page, 0)).slice(seen);
    for (const e of after) expect(e).toMatchObject({ type: 'optirace:event', version: 1 });

    // Epoch events: in order per racer, thinned, and always ending with the last epoch.
    const epochs: EpochRecord[] = after.filter((e) => e.event === 'epoch').map((e) => e.data);
    const expected = cliFinals(race);
    for (const racer of race.racers) {
      const mine = epochs.filter((d) => d.racer === racer.id).map((d) => d.epoch);
      expect(mine.length, racer.id).toBeGreaterThan(0);
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
      expect(mine.at(-1), racer.id).toBe(expected.get(racer.id)!.epoch);
    }
    expect(expected.get('wild')!.diverged).toBe(true);
    expect(expected.get('sgd')!.epoch).toBe(race.epochs);
    const diverged = after.filter((e) => e.event === 'diverged');
    expect(diverged.map((e) => [e.data.racer, e.data.epoch])).toEqual([['wild', expected.get('wild')!.epoch]]);
    expect(finished.data.racers.find((r: { racer: string }) => r.racer === 'wild')).toMatchObject({ status: 'diverged' });
    const lastEpochEvent = after.map((e) => e.event).lastIndexOf('epoch');
    expect(after.findIndex((e) => e.event === 'finished')).toBeGreaterThan(lastEpochEvent);

    // The final records equal the engine's, run in Node like the CLI.
    expect(finished.data.records.map((r: EpochRecord) => r.racer)).toEqual(race.racers.map((r) => r.id));
    for (const record of finished.data.records as EpochRecord[]) {
      const cli = expected.get(record.racer)!;
      expect(record.epoch).toBe(cli.epoch);
      expect(close(record.loss!, cli.loss!), `${record.racer} loss ${record.loss} vs ${cli.loss}`).toBe(true);
      record.w.flat().forEach((w, i) => expect(close(w, cli.w.flat()[i]), `${record.racer} w[${i}]`).toBe(true));
      record.b.forEach((b, i) => expect(close(b, cli.b[i]), `${record.racer} b[${i}]`).toBe(true));
    }
    // And the last epoch event of each racer is that same record.
    for (const record of finished.data.records as EpochRecord[]) {
      expect(epochs.filter((d) => d.racer === record.racer).at(-1)).toEqual(record);
    }
    await expectClean(page);
    await page.close();
  }, 120_000);

  it('answers an invalid config with the validator\'s message and keeps the old race', async () => {
    const page = await openDemo();
    let seen = (await events(page, 1)).length;
    await command(page, 1, 'Set config', race);
    await nextEvent(page, 1, 'state', seen);

    const invalid = { ...race, racers: [{ ...race.racers[0], lr: -1 }] };
    let message = '';
    try {
      validateRace(invalid);
    } catch (e) {
      message = (e as ConfigError).message;
    }
    expect(message).toMatch(/racers\[0\]\.lr/);
    seen = (await events(page, 1)).length;
    await command(page, 1, 'Set config', invalid);
    const error = await nextEvent(page, 1, 'error', seen);
    expect(error.data).toEqual({ command: 'setConfig', message });
    expect(error.requestId).toMatch(/^r\d+$/);
    await expect.poll(() => page.locator('section.widget').nth(1).getByRole('status').textContent(), { timeout: SLOW }).toContain(message);

    seen = (await events(page, 1)).length;
    await command(page, 1, 'Get state');
    const state = await nextEvent(page, 1, 'state', seen);
    expect(state.data.config).toEqual(race);
    await expectClean(page);
    await page.close();
  }, 90_000);

  it('ignores commands from a frame on another origin', async () => {
    const page = await openDemo();
    // Two racers: each has a worker at once, so both epoch-0 records arrive while paused.
    const two = { ...race, racers: race.racers.slice(0, 2) };
    let seen = (await events(page, 0)).length;
    await command(page, 0, 'Set config', two);
    await nextEvent(page, 0, 'state', seen);
    // Only the new race's epochs follow its state event (the old race's unsent ones are
    // dropped); its epoch-0 records come from its workers shortly after: let them arrive.
    const stateAt = seen + (await events(page, 0)).slice(seen).findIndex((e) => e.event === 'state');
    await expect
      .poll(async () => new Set((await events(page, 0)).slice(stateAt + 1).filter((e) => e.event === 'epoch').map((e) => e.data.racer)), { timeout: SLOW })
      .toEqual(new Set(two.racers.map((r) => r.id)));

    // A third origin in the host page posts well-formed commands to widget A (frames[0]).
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.id = 'intruder';
      document.body.append(frame);
      return new Promise((ok) => frame.addEventListener('load', ok));
    }, `${intruder.origin}/favicon.svg`);
    const intruderFrame = page.frames().find((f) => f.url().startsWith(intruder.origin))!;
    const before = (await events(page, 0)).length;
    await intruderFrame.evaluate(() => {
      const widget = parent.frames[0];
      widget.postMessage({ type: 'optirace:command', command: 'setConfig', config: { data: 'crops15', epochs: 3, racers: [{ id: 'x', optimizer: 'sgd', lr: 1 }] } }, '*');
      widget.postMessage({ type: 'optirace:command', command: 'play' }, '*');
    });
    await page.waitForTimeout(1000);
    const during = (await events(page, 0)).slice(before);
    expect(during.filter((e) => e.event !== 'resize')).toEqual([]);

    seen = (await events(page, 0)).length;
    await command(page, 0, 'Get state');
    const state = await nextEvent(page, 0, 'state', seen);
    expect(state.data.config).toEqual(two);
    expect(state.data.playing).toBe(false);
    expect(state.data.racers.every((r: { epoch: number }) => r.epoch <= 0)).toBe(true);
    await expectClean(page);
    await page.close();
  }, 90_000);

  it('resizes its iframe to its content through resize events', async () => {
    const page = await openDemo();
    const frame = page.locator('section.widget').nth(0).locator('iframe');
    await expect.poll(() => page.evaluate(() => (window as any).demo.heights[0].length), { timeout: SLOW }).toBeGreaterThan(0);
    const first = await page.evaluate(() => (window as any).demo.heights[0].at(-1) as number);
    await expect.poll(async () => frame.evaluate((el) => el.clientHeight), { timeout: SLOW }).toBe(first);
    expect(first).not.toBe(200);

    // One racer instead of the default race's six: a shorter leaderboard, a shorter widget.
    const seen = (await events(page, 0)).length;
    await command(page, 0, 'Set config', { ...race, racers: race.racers.slice(0, 1) });
    const resize = await nextEvent(page, 0, 'resize', seen);
    expect(resize.data.height).toBeLessThan(first);
    await expect.poll(async () => frame.evaluate((el) => el.clientHeight), { timeout: SLOW }).toBe(resize.data.height);
    // The generic {context: "iframe.resize"} message carries the same heights.
    expect(await page.evaluate(() => (window as any).demo.generic[0])).toEqual(await page.evaluate(() => (window as any).demo.heights[0]));
    await expectClean(page);
    await page.close();
  }, 90_000);
});

describe('the widget page itself', () => {
  it('shows a notice for an unknown panel, still shows the known ones, and locks a readonly setup', async () => {
    const page = await openPage(`${app.url}?embed=1&panels=loss,bogus,setup&controls=none&readonly`);
    await page.getByRole('alert').filter({ hasText: 'Unknown panel "bogus"' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-panel]').evaluateAll((els) => els.map((e) => e.getAttribute('data-panel')))).toEqual(['loss', 'setup']);
    // readonly: the setup is shown, locked.
    expect(await page.getByLabel('seed', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('auto');
    await expectCleanTop(page);
    await page.close();
  }, 60_000);

  it('with poster, starts no worker until the reader clicks', async () => {
    const page = await openPage(`${app.url}?embed=1&poster=1&theme=dark&panels=leaderboard`);
    const start = page.getByRole('button', { name: 'Start the race' });
    await start.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    expect(page.workers()).toHaveLength(0);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // On a light system too: the browser's own controls and scrollbars follow the theme.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    await start.click();
    await expect.poll(() => page.workers().length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 60_000 });
    await expectCleanTop(page);
    await page.close();
  }, 90_000);

  it('runs the full page under the same CSP, and its Embed button gives the snippet', async () => {
    const page = await openPage(app.url);
    await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this race' });
    await dialog.getByLabel('loss').uncheck();
    await dialog.getByLabel('path').check();
    await dialog.getByLabel('click to start (poster)').check();
    const snippet = dialog.getByLabel('Snippet');
    await expect.poll(() => snippet.inputValue()).toMatch(/#race=1\./);
    const html = await snippet.inputValue();
    const src = /src="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
    expect(src.startsWith(`${app.url}?embed=1&panels=path,leaderboard&poster=1#race=1.`)).toBe(true);
    expect(src.split('#')[1]).toBe(new URL(page.url()).hash.slice(1));
    await expectCleanTop(page);
    await page.close();
  }, 90_000);
});

describe('the Sweep panel embedded with panels=sweep in a host page on another origin', () => {
  it('runs the sweep its link carries, then a range test made in its form, with no CSP violation or error', async () => {
    // The seed lesson with Adam over 6 learning rates, in the widget's link; a host page (on the
    // static server's origin) that embeds only the Sweep panel, with Play and the speed.
    const spec = { ...defaultRace, sweeps: [{ racer: 'adam', lr: { from: 1e-3, to: 10, points: 6, scale: 'log' } }] };
    const src = `${app.url}?embed=1&panels=sweep&controls=play,speed#race=${await encodeRace(spec)}`;
    const hostUrl = `${host.origin}/sweep-lesson.html`;
    const page = (await app.browser.newPage({ viewport: { width: 1200, height: 1000 } })) as Watched;
    page.errors = [];
    page.widgetRequests = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.errors.push(m.text());
    });
    page.on('request', (r) => {
      if (r.frame().url().startsWith(app.url)) page.widgetRequests.push(r.url());
    });
    await page.addInitScript(CSP_WATCH);
    // The host page, at the host's origin (static/ has only the demo).
    const html = `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>A lesson with a sweep</title></head><body><h1>Which learning rate?</h1><iframe title="optirace sweep" width="1100" height="1600" src="${src.replace(/&/g, '&amp;')}"></iframe></body></html>`;
    host.page('/sweep-lesson.html', html);
    await page.goto(hostUrl);
    await expect.poll(() => widgetFrames(page).length, { timeout: SLOW }).toBe(1);
    const frame = widgetFrames(page)[0];
    expect(new URL(frame.url()).origin).not.toBe(new URL(hostUrl).origin);

    // Only the Sweep panel, with the link's sweep: 6 runs.
    await frame.locator('[data-panel="sweep"]').waitFor({ timeout: 20_000 });
    expect(await frame.locator('[data-panel]').evaluateAll((els) => els.map((e) => e.getAttribute('data-panel')))).toEqual(['sweep']);
    const progress = frame.locator('.progress[data-total="6"]');
    await progress.waitFor({ timeout: SLOW });
    await frame.getByLabel('Speed').selectOption('max');
    await frame.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => progress.getAttribute('data-done'), { timeout: 60_000 }).toBe('6');
    expect(await frame.locator('svg [data-run^="adam lr="]').count()).toBe(6);
    expect(await frame.locator('svg [data-run^="adam lr="][data-best]').count()).toBe(1);

    // A range test made in the embedded form: it runs, and its chart ends stopped, with the reason.
    const form = frame.getByRole('form', { name: 'New sweep' });
    await form.getByLabel('Base racer', { exact: true }).selectOption({ label: 'Mini-batch' });
    await form.getByRole('radio', { name: 'Learning-rate range test' }).check();
    await form.getByRole('button', { name: 'Run sweep' }).click();
    const status = frame.locator('[data-run-status]');
    await expect.poll(() => status.getAttribute('data-run-status'), { timeout: 60_000 }).toBe('stopped');
    expect(await status.textContent()).toMatch(/stopped: loss passed 4× its minimum at epoch \d+/);
    expect(Number(await frame.locator('svg[data-chart="range-test"] [data-series="range-test"]').getAttribute('data-points'))).toBeGreaterThan(10);
    // The first sweep is still there beside it.
    expect(await frame.locator('svg [data-run^="adam lr="]').count()).toBe(6);
    await expectClean(page);
    await page.close();
  }, 120_000);
});

async function expectCleanTop(page: Watched): Promise<void> {
  expect(await page.evaluate(() => (window as any).__csp)).toEqual([]);
  expect(page.errors).toEqual([]);
  for (const url of page.widgetRequests) expect(new URL(url).origin).toBe(new URL(app.url).origin);
}
