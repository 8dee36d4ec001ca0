/**
 * Builds the playground for production into a temporary folder, serves it with vite
 * preview on 127.0.0.1 and a free port, and opens Debian's headless Chromium.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser/support.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export interface AppServer {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function serveApp(): Promise<AppServer> {
  const outDir = mkdtempSync(join(tmpdir(), 'optirace-app-'));
  let server: PreviewServer | null = null;
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    // A separate process: inside Vitest, Svelte would resolve to its server runtime.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'));
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: ROOT, env });
    server = await preview({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('the preview server has no port');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    return { url: `http://127.0.0.1:${address.port}/`, browser, close };
  } catch (e) {
    await close();
    throw e;
  }
}
