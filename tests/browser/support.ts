/**
 * Serves the race harness from a production build (vite build, then vite preview on
 * 127.0.0.1 and a free port) and opens it in Debian's headless Chromium through
 * playwright-core. Used by the browser tests and by `npm run bench:browser`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import type { Harness } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface HarnessSession {
  browser: Browser;
  page: Page;
  url: string;
  close(): Promise<void>;
}

/** Serves a production build with vite preview on 127.0.0.1 and a free port; `origin` is where. */
export async function previewBuild(outDir: string): Promise<{ server: PreviewServer; origin: string }> {
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** Builds the harness page into a temporary folder and serves it. */
async function serveHarness(): Promise<{ server: PreviewServer; url: string; outDir: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'optirace-harness-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, rolldownOptions: { input: join(ROOT, 'tests/browser/harness.html') } },
  });
  const { server, origin } = await previewBuild(outDir);
  return { server, url: `${origin}/tests/browser/harness.html`, outDir };
}

export async function openHarness(extraArgs: string[] = []): Promise<HarnessSession> {
  const { server, url, outDir } = await serveHarness();
  let browser: Browser | null = null;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => {});
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'harness ready', undefined, { timeout: 20_000 }).catch((e: unknown) => {
      throw new Error(`the harness did not start: ${errors.join('; ') || String(e)}`);
    });
    return { browser, page, url, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Runs `fn` in the page with its `window.harness`. `fn` is sent as source text, so it may
 * use only its arguments; `arg` must be plain data.
 */
export function inPage<R, A = undefined>(page: Page, fn: (h: Harness, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  return page.evaluate(
    ([source, a]) => {
      const h = (globalThis as unknown as { harness: Harness }).harness;
      return (new Function(`return (${source})`)() as (h: Harness, a: unknown) => R)(h, a);
    },
    [fn.toString(), arg] as const,
  ) as Promise<R>;
}
