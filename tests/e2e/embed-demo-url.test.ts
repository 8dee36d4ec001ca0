/**
 * The demo host page (static/embed-demo.html) takes the widget's URL from `?widget=`, so a
 * link can choose it. Only an http(s) address becomes an iframe; anything else (javascript:,
 * data:, a URL that does not parse) gets a visible notice and no frame, and the page's own
 * CSP would block inline script even if one got through. No app build is needed: the page is
 * served as it ships, and the widget URL only has to be an address.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser/support.ts';
import { serveStatic, type StaticHost } from './embed-hosts.ts';

/** Opening a page in Chromium takes seconds on a loaded machine. */
const SLOW = 30_000;

let host: StaticHost;
let browser: Browser;

beforeAll(async () => {
  [host, browser] = await Promise.all([serveStatic(), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

interface Seen {
  page: Page;
  errors: string[];
}

async function openDemo(widget: string): Promise<Seen> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${host.origin}/embed-demo.html?widget=${encodeURIComponent(widget)}`);
  await page.waitForFunction(() => (window as any).demo !== undefined);
  return { page, errors };
}

/** What a javascript: frame would leave behind on the host page, and what the page shows. */
async function aftermath(page: Page) {
  // Give a navigation to a javascript: URL time to run, were it allowed to.
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const notice = document.getElementById('notice');
    return {
      pwned: document.body.dataset.pwned ?? null,
      frames: [...document.querySelectorAll('iframe')].map((f) => f.getAttribute('src')),
      notice: notice && !notice.hidden ? notice.textContent : null,
    };
  });
}

describe('embed-demo.html?widget= runs nothing from a link', () => {
  it.each([
    { name: 'javascript: (the reported attack)', widget: 'javascript:parent.document.body.dataset.pwned=document.domain//' },
    { name: 'JavaScript: in other letter case, with spaces and tabs', widget: ' \tJaVaScRiPt:parent.document.body.dataset.pwned=1//' },
    { name: 'a data: page', widget: 'data:text/html,<script>parent.document.body.dataset.pwned=1</script>' },
    { name: 'an address that does not parse', widget: 'http://[::1' },
  ])('$name: no frame, a notice, nothing run', async ({ widget }) => {
    const { page, errors } = await openDemo(widget);
    const seen = await aftermath(page);
    expect(seen.pwned).toBeNull();
    expect(seen.frames).toEqual([]);
    expect(seen.notice).toMatch(/^No widget is loaded: \?widget= must be an http: or https: address, got "/);
    expect(errors).toEqual([]);
    await page.close();
  }, SLOW);

  it('an http(s) address still becomes both widgets\' frames', async () => {
    const { page } = await openDemo('http://127.0.0.1:9/optirace/');
    const seen = await aftermath(page);
    expect(seen.frames.map((src) => src!.split('?')[0])).toEqual(['http://127.0.0.1:9/optirace/', 'http://127.0.0.1:9/optirace/']);
    expect(seen.notice).toBeNull();
    await page.close();
  }, SLOW);

  it('ships its own CSP: an inline script injected into the page is blocked', async () => {
    const { page } = await openDemo('http://127.0.0.1:9/');
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = 'document.body.dataset.pwned = "inline"';
          document.body.append(s);
        }),
    );
    expect(blocked).toBe('script-src-elem');
    expect(await page.evaluate(() => document.body.dataset.pwned ?? null)).toBeNull();
    await page.close();
  }, SLOW);
});
