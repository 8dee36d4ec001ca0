/**
 * The page a teacher opens (issue 12), end to end in Chromium on the production build, at
 * a phone's, a small laptop's and a desktop's width, in light and dark: what is on the first
 * screen, that nothing is wider than its box, links, tables, data edits, the embed snippet's
 * height and the racers' colour contrast.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RaceConfigSpec } from '../../src/core/config/schema.ts';
import { defaultRace } from '../../src/default-race.ts';
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
const SCHEMES: Scheme[] = ['light', 'dark'];

async function open(hash = '', viewport = { width: 1440, height: 900 }, colorScheme: Scheme = 'light', browser: Browser = app.browser): Promise<Page> {
  const page = await browser.newPage({ viewport, colorScheme, acceptDownloads: true });
  await page.goto(app.url + hash);
  await page.getByRole('button', { name: /^(Play|Replay)$/ }).waitFor({ timeout: 20_000 });
  return page;
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

/**
 * Elements wider than their box: any element reaching past the right edge of the card
 * (`.panel`) it is in, unless a scrolling box between them holds it; any SVG text past its
 * SVG's edges; and the page itself scrolling sideways. Returns descriptions.
 */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > innerWidth) out.push(`page ${document.documentElement.scrollWidth} > ${innerWidth}`);
    const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    for (const panel of document.querySelectorAll('.panel')) {
      const box = panel.getBoundingClientRect();
      if (box.width === 0) continue;
      for (const el of panel.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= box.right + 1) continue;
        let p = el.parentElement;
        let held = false;
        while (p && p !== panel) {
          if (scrolls(p)) held = true;
          p = p.parentElement;
        }
        if (!held) out.push(`${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 30)}" ends at ${Math.round(r.right)} > ${Math.round(box.right)}`);
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
    // Legend items must not run into each other.
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
  });
}

describe.each(SCHEMES)('%s theme', (scheme) => {
  describe.each(VIEWPORTS)('at $width × $height', (viewport) => {
    it('shows on the first screen what the page is for, Play, and the race', async () => {
      const page = await open('', viewport, scheme);
      expect(await page.locator('.intro').textContent()).toMatch(/^Six optimizers race to fit the same line/);
      expect(await inView(page, '.intro', true)).toBe(true);
      expect(await inView(page, '[role="group"][aria-label="Race controls"] button', true)).toBe(true);
      if (viewport.width >= 1280) {
        // The leaderboard, and the loss chart down to its finish line.
        expect(await inView(page, 'table:has(caption)')).toBe(true);
        expect(await finishLineInView(page)).toBe(true);
      } else if (viewport.width < 600) {
        // A phone: the title, the controls and the loss chart with its finish line.
        expect(await inView(page, 'h1', true)).toBe(true);
        expect(await finishLineInView(page)).toBe(true);
        // Setup and data are tabs.
        await page.getByRole('tab', { name: /^Racers/ }).click();
        expect(await page.getByRole('slider', { name: 'Learning rate of GD' }).isVisible()).toBe(true);
        await page.getByRole('tab', { name: 'Data' }).click();
        expect(await page.getByText(/^In use:/).isVisible()).toBe(true);
      } else {
        expect(await inView(page, 'table:has(caption)')).toBe(true);
      }
      await page.close();
    }, 60_000);

    it('has no element wider than its box: the race, the racers and the data', async () => {
      const page = await open('', viewport, scheme);
      await page.getByRole('button', { name: 'Step one epoch' }).click();
      await page.waitForFunction(() => /Epoch 1 of/.test(document.body.textContent ?? ''));
      const found = [...(await overflowing(page))];
      await page.getByRole('tab', { name: /^Racers/ }).click();
      found.push(...(await overflowing(page)));
      await page.getByRole('tab', { name: 'Data' }).click();
      found.push(...(await overflowing(page)));
      expect(found).toEqual([]);
      await page.close();
    }, 60_000);

    it('draws every racer colour at 3:1 or more against the page and panel backgrounds', async () => {
      const page = await open('', viewport, scheme);
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
      const { contrast } = await import('../../src/ui/contrast.ts');
      expect(colours).toHaveLength(defaultRace.racers.length);
      for (const c of colours) for (const bg of backgrounds) expect(contrast(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(3);
      await page.close();
    }, 60_000);
  });
});

/** The loss chart's dotted finish line is inside the viewport. */
async function finishLineInView(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const label = [...document.querySelectorAll('svg[data-chart] text')].find((t) => /^finish/.test(t.textContent ?? ''));
    if (!label) return false;
    const r = label.getBoundingClientRect();
    return r.top >= 0 && r.bottom + 8 <= innerHeight;
  });
}

const race = (name: string, epochs = 40): RaceConfigSpec => ({ ...defaultRace, name, epochs, racers: defaultRace.racers.slice(0, 2) });

describe('links', () => {
  it('follows a share link pasted into the open tab (only the hash changes), with a notice', async () => {
    const page = await open(`#race=${await encodeRace(race('First race'))}`);
    await page.getByRole('button', { name: 'Step one epoch' }).click();
    await page.waitForFunction(() => /Epoch 1 of/.test(document.body.textContent ?? ''));
    const token = await encodeRace({ ...race('Second race', 77), racers: defaultRace.racers.slice(3) });
    await page.evaluate((t) => (location.hash = `#race=${t}`), token);
    await expect.poll(() => page.locator('.tagline').textContent()).toBe('Second race');
    expect(await page.getByText(/Epoch 0 of 77/).count()).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: 'Loaded the race from the new link' }).textContent()).toContain('The race that was running was replaced');
    await page.close();
  }, 60_000);

  it('keeps a damaged link in the address bar until the race is changed', async () => {
    const damaged = '#race=1.bm90LWRlZmxhdGU';
    const page = await open(damaged);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'damaged' }).count()).toBe(1);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => location.hash)).toBe(damaged);
    await page.getByLabel('seed', { exact: true }).fill('7');
    await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(damaged);
    await page.close();
  }, 60_000);
});

describe('the start point', () => {
  it('dragged on the path chart, starts the race from there: the init is in the config and the share link', async () => {
    const page = await open();
    const handle = page.locator('.start-handle');
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 - 40, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => {
      const token = tokenFromHash(await page.evaluate(() => location.hash));
      const decoded = token ? await decodeRace(token) : null;
      return decoded?.ok ? decoded.spec.init : undefined;
    }).toMatchObject({ w: expect.any(Array), b: expect.any(Array) });
    await page.close();
  }, 60_000);
});

describe('the Loss table', () => {
  it.each([
    { name: 'a short race: every epoch', epochs: 30 },
    { name: 'the seed lesson: every epoch, or says how many it lists', epochs: 300 },
  ])('$name', async ({ epochs }) => {
    const page = await open(`#race=${await encodeRace({ ...defaultRace, epochs })}`);
    await page.getByLabel('Speed').selectOption({ label: 'as fast as possible' });
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Replay' }).waitFor({ timeout: 60_000 });
    const frame = page.locator('section.chart-frame').filter({ has: page.getByRole('heading', { name: 'Loss' }) });
    await frame.getByRole('button', { name: 'Table' }).click();
    const table = frame.locator('.table table');
    const caption = (await table.locator('caption').textContent())!;
    const rows = await table.locator('tbody tr').count();
    const thinned = /thinned: (\d+) of the (\d+) epochs/.exec(caption);
    if (thinned) {
      expect(Number(thinned[1])).toBe(rows);
      expect(Number(thinned[2])).toBe(epochs + 1);
      expect(await table.getByRole('button', { name: 'Download every epoch (CSV)' }).count()).toBe(1);
    } else {
      expect(caption).toContain(`every epoch, 0 to ${epochs}`);
      expect(rows).toBe(epochs + 1);
    }
    await page.close();
  }, 90_000);
});

describe('data', () => {
  it('a cell edit keeps the column names', async () => {
    const page = await open();
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByText(/^The rows/).click();
    const cell = page.getByLabel('row 2 rainfall');
    await cell.fill('130');
    await cell.press('Tab');
    await expect.poll(() => page.getByText(/^In use: 15 rows/).textContent()).toContain('temperature, rainfall, humidity → targets apples, oranges');
    expect(await page.getByLabel('row 2 rainfall').inputValue()).toBe('130');
    await page.close();
  }, 60_000);

  it('loads a semicolon CSV with decimal commas and says how it read it', async () => {
    const page = await open();
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByLabel(/CSV: paste or upload/).check();
    await page.getByLabel('CSV text, header row first').fill('Temperatur;Regen;Äpfel\n73,5;67;56,2\n91;88,5;81\n87;134;119,5\n102;43;22\n69;96;103\n');
    expect(await page.getByTestId('csv-format').textContent()).toBe('Read as semicolon-separated, decimal commas (1,5) or points.');
    await page.getByRole('button', { name: 'Use this CSV' }).click();
    await expect.poll(() => page.getByText(/^In use:/).textContent()).toContain('5 rows');
    expect(await page.getByRole('alert').filter({ hasText: 'not a number' }).count()).toBe(0);
    await page.close();
  }, 60_000);
});

describe('the embed snippet', () => {
  it.each([
    { panels: ['leaderboard', 'loss'], width: 600 },
    { panels: ['loss', 'path'], width: 960 },
  ])('has a height that shows every chosen panel ($panels at $width px)', async ({ panels, width }) => {
    const page = await open();
    await page.getByRole('button', { name: 'Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this race' });
    for (const p of ['loss', 'path', 'cost', 'leaderboard', 'predictions', 'setup']) {
      const box = dialog.getByRole('checkbox', { name: p, exact: true });
      if ((await box.isChecked()) !== panels.includes(p)) await box.click();
    }
    await dialog.getByLabel('Width', { exact: true }).fill(String(width));
    await dialog.getByText(/^Measured: every chosen panel at/).waitFor({ timeout: 30_000 });
    const snippet = await dialog.getByLabel('Snippet').inputValue();
    const iframe = snippet.split('\n')[0];
    const height = Number(/height="(\d+)"/.exec(iframe)![1]);
    const host = await app.browser.newPage({ viewport: { width: width + 40, height: 1200 } });
    await host.goto(app.url + 'embed-demo.html').catch(() => {});
    await host.setContent(`<!doctype html><body style="margin:0">${iframe.replace('loading="lazy"', '')}</body>`);
    const frame = host.frameLocator('iframe');
    await frame.getByRole('button', { name: 'Play' }).waitFor({ timeout: 20_000 });
    await host.waitForTimeout(500);
    const fits = await host.evaluate(() => {
      const el = document.querySelector('iframe')!;
      const doc = el.contentDocument!;
      const sections = [...doc.querySelectorAll('[data-panel]')].map((s) => s.getBoundingClientRect().bottom);
      return { inner: el.clientHeight, content: doc.documentElement.scrollHeight, bottoms: sections };
    });
    expect(fits.bottoms).toHaveLength(panels.length);
    for (const b of fits.bottoms) expect(b).toBeLessThanOrEqual(height);
    expect(fits.content).toBeLessThanOrEqual(height + 1);
    await host.close();
    await page.close();
  }, 90_000);
});
