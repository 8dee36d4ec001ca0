/**
 * The page a teacher opens (issue 12), end to end in Chromium on the production build. Every
 * bullet of the issue's "Done means" runs at a phone's, a small laptop's and a desktop's width
 * (390, 960 and 1440 px), in light and in dark: what is on the first screen, that nothing is
 * wider than its box, the racers' colour contrast, a data edit keeping the column names and
 * showing its effect where it was made, a semicolon/decimal-comma CSV, a link pasted into the
 * open tab, a damaged link kept, the Loss table's epochs and the embed snippet's height.
 *
 * One browser and one server for the file; one browser context (viewport and colour scheme)
 * per combination, whose page is loaded once and then driven as a user would: a new race
 * arrives through the address bar's hash (no reload), a phone's Racers and Data are opened
 * by their tabs. Only the damaged link reloads, since what is tested is the page loading it.
 *
 * Then: 30 racers at 1440 and 390 px, the embed at 600, 960 and 1280 px with no text clipped,
 * and dragging the start on the path chart.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { validateRace } from '../../src/core/config/validate.ts';
import { prepareRace } from '../../src/core/race/prepare.ts';
import { defaultRace } from '../../src/default-race.ts';
import { formatNumber } from '../../src/ui/charts/format-number.ts';
import { contrast } from '../../src/ui/contrast.ts';
import { decodeRace, encodeRace, tokenFromHash } from '../../src/state/url-state.ts';
import { serveApp, type AppServer } from './app-server.ts';

let app: AppServer;

beforeAll(async () => {
  app = await serveApp();
}, 180_000);

afterAll(async () => {
  await app?.close();
});

type Scheme = 'light' | 'dark';
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 960, height: 800 },
  { width: 1440, height: 900 },
];
const MATRIX = VIEWPORTS.flatMap((viewport) => (['light', 'dark'] as Scheme[]).map((scheme) => ({ ...viewport, scheme })));

/** Waits for the race controls: the page has mounted its race. */
async function ready(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Play|Replay|Pause)$/ }).waitFor({ timeout: 20_000 });
}

/** Loads `spec` as a pasted link would: only the hash changes, the page is not reloaded. */
async function showRace(page: Page, spec: RaceConfigSpec): Promise<void> {
  const token = await encodeRace(spec);
  await page.evaluate((t) => (location.hash = `#race=${t}`), token);
  await expect.poll(() => page.locator('.tagline').textContent()).toBe(spec.name);
  await expect.poll(() => controlsText(page)).toContain(`Epoch 0 of ${spec.epochs}`);
}

let loads = 0;
/** A race with a name of its own, so that loading it is seen (and never equals the race on screen). */
const named = (spec: RaceConfigSpec, what: string): RaceConfigSpec => ({ ...spec, name: `${what} (${++loads})` });

const controlsText = (page: Page) => page.getByRole('group', { name: 'Race controls' }).textContent();

/**
 * Opens one of the page's tabs as a user would. On a wide screen the race has no tab (it is
 * always beside the column of Racers, Data and Sweep), so 'Race' there does nothing.
 */
async function openTab(page: Page, name: 'Race' | 'Racers' | 'Data' | 'Sweep'): Promise<void> {
  const tab = page.getByRole('tab', name === 'Racers' ? { name: /^Racers/ } : { name, exact: true });
  if ((await tab.count()) === 0) return;
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** Whether an element's box is (at least partly, or wholly) inside the viewport. */
async function inView(page: Page, selector: string, wholly = false): Promise<boolean> {
  return page.evaluate(
    ([sel, all]) => {
      const el = document.querySelector(sel as string);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      return all ? r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth : r.top < innerHeight && r.bottom > 0;
    },
    [selector, wholly] as const,
  );
}

/** The texts of the loss charts' finish-line labels that are wholly inside the viewport. */
async function finishLabelsInView(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg[data-chart] [data-finish-label]')]
      .filter((t) => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && r.top >= 0 && r.bottom + 8 <= innerHeight && r.left >= 0 && r.right <= innerWidth;
      })
      .map((t) => (t.textContent ?? '').trim()),
  );
}

/**
 * Elements wider than their box, in every card (`panels`, a selector): any element reaching
 * past its card's right edge, unless a scrolling box between them holds it; with `cutText`,
 * also any element whose text is wider than the element while its overflow hides it (no
 * scroll box to reach it); any SVG text past its SVG's edges; legend items running into each
 * other; and the page itself scrolling sideways. Elements hidden on purpose (not drawn, or
 * visually hidden for screen readers: 1 px and clipped) do not count. Returns descriptions.
 */
async function overflowing(page: Page, panels = '.panel', cutText = false): Promise<string[]> {
  return page.evaluate(
    ([selector, cut]) => {
      const out: string[] = [];
      if (document.documentElement.scrollWidth > innerWidth) out.push(`page ${document.documentElement.scrollWidth} > ${innerWidth}`);
      const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
      for (const panel of document.querySelectorAll(selector as string)) {
        const box = panel.getBoundingClientRect();
        if (box.width === 0) continue;
        const where = panel.getAttribute('data-panel') ?? (panel.querySelector('h2, h3, caption')?.textContent ?? '').trim().slice(0, 20);
        for (const el of panel.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || (el instanceof HTMLElement && el.clientWidth <= 1 && getComputedStyle(el).overflow === 'hidden')) continue;
          let held = false;
          for (let p = el.parentElement; p && p !== panel; p = p.parentElement) if (scrolls(p)) held = true;
          if (held) continue;
          const name = `${where}: ${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
          if (r.right > box.right + 1) out.push(`${name} ends at ${Math.round(r.right)} > ${Math.round(box.right)}`);
          const hides = el instanceof HTMLElement && getComputedStyle(el).overflowX !== 'visible' && !scrolls(el);
          if (cut && hides && el.scrollWidth > el.clientWidth + 1 && el.textContent?.trim()) out.push(`${name} cut: ${el.scrollWidth} > ${el.clientWidth}`);
        }
      }
      for (const svg of document.querySelectorAll('svg[data-chart]')) {
        const box = svg.getBoundingClientRect();
        for (const t of svg.querySelectorAll('text')) {
          const r = t.getBoundingClientRect();
          if (r.width === 0) continue;
          if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.push(`svg text "${t.textContent}" outside its chart`);
        }
      }
      for (const legend of document.querySelectorAll('svg [data-legend], svg .legend')) {
        const items = [...legend.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
        items.forEach((a, i) =>
          items.slice(i + 1).forEach((b) => {
            const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
            if (overlap) out.push(`legend items overlap at ${Math.round(a.left)},${Math.round(a.top)}`);
          }),
        );
      }
      return out;
    },
    [panels, cutText] as const,
  );
}

/** The optimum's loss of the race in the address bar, as the finish line's label writes it. */
async function optimumInLink(page: Page): Promise<string> {
  const token = tokenFromHash(await page.evaluate(() => location.hash));
  const decoded = token ? await decodeRace(token) : null;
  if (!decoded?.ok) throw new Error('the address bar holds no race');
  return formatNumber(prepareRace(validateRace(decoded.spec)).optimum.loss);
}

const twoRacers = (name: string, epochs = 40): RaceConfigSpec => ({ ...defaultRace, name, epochs, racers: defaultRace.racers.slice(0, 2) });

describe.each(MATRIX)('at $width × $height, $scheme', ({ width, height, scheme }) => {
  const phone = width < 600;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.browser.newContext({ viewport: { width, height }, colorScheme: scheme, acceptDownloads: true });
    page = await context.newPage();
    await page.goto(app.url);
    await ready(page);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  it('shows on the first screen what the page is for, Play, and the race', async () => {
    expect(await page.locator('.intro').textContent()).toMatch(/^Six optimizers race to fit the same line/);
    expect(await inView(page, '.intro', true)).toBe(true);
    expect(await inView(page, '[role="group"][aria-label="Race controls"] button', true)).toBe(true);
    // The loss chart down to its finish line, on every screen (below 1280 px it comes first).
    expect(await finishLabelsInView(page)).toHaveLength(1);
    if (width >= 1280) expect(await inView(page, 'table:has(caption)')).toBe(true);
    if (phone) {
      // The title, and the setup and data as tabs.
      expect(await inView(page, 'h1', true)).toBe(true);
      await openTab(page, 'Racers');
      expect(await page.getByRole('slider', { name: 'Learning rate of GD' }).isVisible()).toBe(true);
      await openTab(page, 'Data');
      expect(await page.getByText(/^In use:/).isVisible()).toBe(true);
      await openTab(page, 'Race');
    } else {
      expect(await inView(page, 'table:has(caption)')).toBe(true);
    }
  }, 60_000);

  it('draws every racer colour at 3:1 or more against the page and panel backgrounds', async () => {
    const { colours, backgrounds } = await page.evaluate(() => {
      // The theme's colours as the browser resolves them (rgb(…)).
      const resolve = (name: string) => {
        const probe = document.body.appendChild(document.createElement('div'));
        probe.style.background = `var(${name})`;
        const colour = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return colour;
      };
      const swatches = [...document.querySelectorAll('.leaderboard tbody .swatch')].map((s) => getComputedStyle(s).backgroundColor);
      return { colours: swatches, backgrounds: [resolve('--bg'), resolve('--panel')] };
    });
    expect(colours).toHaveLength(defaultRace.racers.length);
    // The two themes' backgrounds differ: the scheme really is the one asked for.
    expect(backgrounds[0]).toBe(scheme === 'dark' ? 'rgb(21, 23, 27)' : 'rgb(255, 255, 255)');
    for (const c of colours) for (const bg of backgrounds) expect(contrast(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('has no element wider than its box: the race, the racers, the data and the sweep', async () => {
    await page.getByRole('button', { name: 'Step one epoch' }).click();
    await expect.poll(() => controlsText(page)).toMatch(/Epoch 1 of/);
    const found = [...(await overflowing(page))];
    for (const tab of ['Racers', 'Data', 'Sweep'] as const) {
      await openTab(page, tab);
      found.push(...(await overflowing(page)).map((f) => `${tab}: ${f}`));
    }
    await openTab(page, 'Race');
    expect(found).toEqual([]);
  }, 60_000);

  it('keeps the column names after a cell edit, and shows the edit\'s effect on the race beside it', async () => {
    await showRace(page, named(defaultRace, 'Cell edit'));
    const before = await optimumInLink(page);
    await openTab(page, 'Data');
    const rows = page.getByText(/^The rows/);
    if ((await page.getByLabel('row 2 rainfall').count()) === 0) await rows.click();
    const cell = page.getByLabel('row 2 rainfall');
    await cell.fill('130');
    await cell.press('Tab');
    await expect.poll(() => page.getByText(/^In use: 15 rows/).textContent()).toContain('temperature, rainfall, humidity → targets apples, oranges');
    expect(await cell.inputValue()).toBe('130');
    // The race now runs on the edited rows: a new optimum, which the finish line says, in
    // view together with the cell just edited (looked at: in the middle of the screen, and
    // not under anything that stays in view).
    // The address bar follows the race once its link is encoded (compression is asynchronous).
    await expect.poll(() => optimumInLink(page), { timeout: 10_000 }).not.toBe(before);
    const after = await optimumInLink(page);
    await cell.evaluate((el) => {
      // Scrolled as a wheel over it would: its column when that scrolls on its own (a wide
      // screen's side column), else the page.
      let box: Element | null = el.parentElement;
      while (box && !(['auto', 'scroll'].includes(getComputedStyle(box).overflowY) && box.scrollHeight > box.clientHeight)) box = box.parentElement;
      const r = el.getBoundingClientRect();
      if (box) box.scrollTop += r.top - box.getBoundingClientRect().top - box.clientHeight / 2;
      else scrollBy(0, r.top - innerHeight / 2);
    });
    expect(await cell.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
    })).toBe(true);
    await expect.poll(() => finishLabelsInView(page)).toContain(`finish: optimum ${after}`);
  }, 60_000);

  it('loads a semicolon CSV with decimal commas and says how it read it', async () => {
    await openTab(page, 'Data');
    await page.getByLabel(/CSV: paste or upload/).check();
    await page.getByLabel('CSV text, header row first').fill('Temperatur;Regen;Äpfel\n73,5;67;56,2\n91;88,5;81\n87;134;119,5\n102;43;22\n69;96;103\n');
    expect(await page.getByTestId('csv-format').textContent()).toBe('Read as semicolon-separated, decimal commas (1,5) or points.');
    await page.getByRole('button', { name: 'Use this CSV' }).click();
    await expect.poll(() => page.getByText(/^In use:/).textContent()).toBe('In use: 5 rows · inputs Temperatur, Regen → targets Äpfel.');
    expect(await page.getByRole('alert').filter({ hasText: 'not a number' }).count()).toBe(0);
    await openTab(page, 'Race');
  }, 60_000);

  it('follows a share link pasted into the open tab (only the hash changes), with a notice', async () => {
    await showRace(page, twoRacers('First race'));
    await page.getByRole('button', { name: 'Step one epoch' }).click();
    await expect.poll(() => controlsText(page)).toMatch(/Epoch 1 of/);
    const token = await encodeRace({ ...twoRacers('Second race', 77), racers: defaultRace.racers.slice(3) });
    await page.evaluate((t) => (location.hash = `#race=${t}`), token);
    await expect.poll(() => page.locator('.tagline').textContent()).toBe('Second race');
    await expect.poll(() => controlsText(page)).toContain('Epoch 0 of 77');
    const notice = page.getByRole('alert').filter({ hasText: 'Loaded the race from the new link' });
    expect(await notice.textContent()).toContain('The race that was running was replaced');
    expect(await notice.isVisible()).toBe(true);
  }, 60_000);

  it('lists every epoch in the Loss table, or says it is thinned and offers every epoch', async () => {
    for (const epochs of [30, 300]) {
      await showRace(page, named({ ...defaultRace, epochs }, `Loss table, ${epochs} epochs`));
      await openTab(page, 'Race');
      await page.getByLabel('Speed').selectOption({ label: 'as fast as possible' });
      await page.getByRole('button', { name: 'Play' }).click();
      await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 60_000 });
      const frame = page.locator('section.chart-frame').filter({ has: page.getByRole('heading', { name: 'Loss' }) });
      const toggle = frame.getByRole('button', { name: 'Table' });
      await toggle.click();
      const table = frame.locator('.table table');
      const caption = (await table.locator('caption').textContent())!;
      const rows = await table.locator('tbody tr').count();
      const thinned = /thinned: (\d+) of the (\d+) epochs/.exec(caption);
      if (thinned) {
        expect(Number(thinned[1])).toBe(rows);
        expect(Number(thinned[2])).toBe(epochs + 1);
        expect(await table.getByRole('button', { name: 'Download every epoch (CSV)' }).isVisible()).toBe(true);
      } else {
        expect(caption).toContain(`every epoch, 0 to ${epochs}`);
        expect(rows).toBe(epochs + 1);
      }
      await toggle.click();
    }
    await page.getByLabel('Speed').selectOption({ label: '60 epochs/s' });
  }, 120_000);

  it('keeps a damaged link in the address bar, pasted into the tab or opened, until the race is changed', async () => {
    const damaged = '#race=1.bm90LWRlZmxhdGU';
    // Pasted into the open tab: the race on screen stays, and so does the link.
    await page.evaluate((h) => (location.hash = h), damaged);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'The race on screen is unchanged' }).count()).toBe(1);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => location.hash)).toBe(damaged);
    // Opened (a reload of the same address): the default race, and the link still there.
    await page.reload();
    await ready(page);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'damaged' }).count()).toBe(1);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => location.hash)).toBe(damaged);
    await openTab(page, 'Racers');
    await page.getByLabel('seed', { exact: true }).fill('7');
    await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(damaged);
    await openTab(page, 'Race');
  }, 60_000);

  it('gives an embed snippet whose height shows every chosen panel', async () => {
    const panels = scheme === 'light' ? ['leaderboard', 'loss'] : ['loss', 'path'];
    const embedWidth = width - 40;
    await page.getByRole('button', { name: 'Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this race' });
    for (const p of ['loss', 'path', 'cost', 'leaderboard', 'predictions', 'setup']) {
      const box = dialog.getByRole('checkbox', { name: p, exact: true });
      if ((await box.isChecked()) !== panels.includes(p)) await box.click();
    }
    await dialog.getByLabel('Width', { exact: true }).fill(String(embedWidth));
    await dialog.getByText(`Measured: every chosen panel at ${embedWidth} px wide.`).waitFor({ timeout: 30_000 });
    const iframe = (await dialog.getByLabel('Snippet').inputValue()).split('\n')[0];
    await dialog.getByRole('button', { name: 'Close' }).click();
    const snippetHeight = Number(/height="(\d+)"/.exec(iframe)![1]);
    // A host page of this width and scheme, with nothing but the snippet's iframe.
    const host = await context.newPage();
    await host.goto(app.url + 'embed-demo.html').catch(() => {});
    await host.setContent(`<!doctype html><body style="margin:0 20px">${iframe.replace('loading="lazy"', '')}</body>`);
    await host.frameLocator('iframe').getByRole('button', { name: 'Play' }).waitFor({ timeout: 20_000 });
    await host.waitForTimeout(500);
    const fits = await host.evaluate(() => {
      const el = document.querySelector('iframe')!;
      const doc = el.contentDocument!;
      return {
        panels: [...doc.querySelectorAll('[data-panel]')].map((s) => ({ name: s.getAttribute('data-panel'), bottom: s.getBoundingClientRect().bottom })),
        content: doc.documentElement.scrollHeight,
      };
    });
    expect(fits.panels.map((p) => p.name)).toEqual(panels);
    for (const p of fits.panels) expect(p.bottom, p.name!).toBeLessThanOrEqual(snippetHeight);
    expect(fits.content).toBeLessThanOrEqual(snippetHeight + 1);
    await host.close();
  }, 90_000);
});

describe.each([
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])('30 racers at $width × $height', ({ width, height }) => {
  /** The seed's six racers five times over: 30 one-line racer cards, 30 leaderboard rows. */
  const thirty: RaceConfigSpec = {
    ...defaultRace,
    name: 'Thirty racers',
    racers: Array.from({ length: 30 }, (_, i) => ({ ...defaultRace.racers[i % 6], id: `racer-${i + 1}`, label: `${defaultRace.racers[i % 6].label} ${Math.floor(i / 6) + 1}` })),
  };
  /**
   * "Reachable without scrolling past 2,000 px": opened as a user would (its tab clicked),
   * its top comes into the viewport once the page is scrolled by at most 2,000 px.
   */
  const LIMIT = 2000;

  it('reaches the data, the setup and every chart without scrolling past 2,000 px', async () => {
    const page = await app.browser.newPage({ viewport: { width, height } });
    await page.goto(`${app.url}#race=${await encodeRace(thirty)}`);
    await ready(page);
    const scrollNeeded = (selector: string) =>
      page.evaluate((sel) => {
        const el = document.querySelector(sel);
        if (!el || el.getBoundingClientRect().height === 0) return Infinity;
        return Math.max(0, el.getBoundingClientRect().top + scrollY - innerHeight + 40);
      }, selector);
    const needed: Record<string, number> = {};
    await openTab(page, 'Race');
    for (const title of ['Loss', 'Paths through parameter space', 'Cost per epoch', 'Predictions against targets']) {
      needed[title] = await page
        .locator('section.panel')
        .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
        .evaluate((el) => Math.max(0, el.getBoundingClientRect().top + scrollY - innerHeight + 40));
    }
    needed.Leaderboard = await scrollNeeded('.board');
    await openTab(page, 'Racers');
    await page.getByRole('slider', { name: 'Learning rate of GD 1' }).waitFor();
    needed['Race setup'] = await scrollNeeded('aside .panel');
    await openTab(page, 'Data');
    needed.Data = await scrollNeeded('aside .panel');
    for (const [what, px] of Object.entries(needed)) expect(px, `${what}: scroll ${px} px`).toBeLessThanOrEqual(LIMIT);
    // The tabs to the setup and the data are on the first screen, above any racer's card.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await inView(page, '[role="tablist"]', true)).toBe(true);
    await page.close();
  }, 90_000);
});

describe('the embed, with every panel', () => {
  it.each([
    { width: 600, panels: 'leaderboard,loss' },
    { width: 600, panels: 'loss,path,cost,leaderboard,predictions,setup,sweep' },
    { width: 960, panels: 'leaderboard,loss' },
    { width: 960, panels: 'loss,path' },
    { width: 960, panels: 'loss,path,cost,leaderboard,predictions,setup,sweep' },
    { width: 1280, panels: 'loss,path' },
    { width: 1280, panels: 'loss,path,cost,leaderboard,predictions,setup,sweep' },
  ])('clips no text at $width px: $panels', async ({ width, panels }) => {
    const page = await app.browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${app.url}?embed=1&panels=${panels}#race=${await encodeRace({ ...defaultRace, epochs: 60 })}`);
    await ready(page);
    // After a race, so the leaderboard's status column and the charts hold their longest words.
    await page.getByLabel('Speed').selectOption({ label: 'as fast as possible' });
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-panel]').count()).toBe(panels.split(',').length);
    expect(await overflowing(page, '[data-panel]', true)).toEqual([]);
    await page.close();
  }, 90_000);
});

describe('the start point', () => {
  it('dragged on the path chart, starts the race from there: the init is in the config and the share link', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.url);
    await ready(page);
    const handle = page.locator('.start-handle');
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 - 40, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => {
        const token = tokenFromHash(await page.evaluate(() => location.hash));
        const decoded = token ? await decodeRace(token) : null;
        return decoded?.ok ? decoded.spec.init : undefined;
      })
      .toMatchObject({ w: expect.any(Array), b: expect.any(Array) });
    await page.close();
  }, 60_000);
});
