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
import type { PreviewServer } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS, previewBuild } from '../browser/support.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export interface AppServer {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the app, serves it with `vite preview` (cross-origin isolated) and launches Chromium with `extraArgs`. */
export async function serveApp(extraArgs: string[] = []): Promise<AppServer> {
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
    const served = await previewBuild(outDir);
    server = served.server;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
    return { url: `${served.origin}/`, browser, close };
  } catch (e) {
    await close();
    throw e;
  }
}
