/**
 * Static file servers for the embed tests: static/ (the demo host page) on 127.0.0.1 and a
 * free port, so the host is another origin than the widget's vite preview; plus any page a
 * test puts there (`page`), e.g. a lesson that embeds one widget.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const STATIC = resolve(import.meta.dirname, '../../static');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.js': 'text/javascript', '.css': 'text/css' };

export interface StaticHost {
  origin: string;
  /** Serves `html` at `path` (e.g. "/lesson.html") from now on. */
  page(path: string, html: string): void;
  close(): Promise<void>;
}

export async function serveStatic(): Promise<StaticHost> {
  const pages = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(page);
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(STATIC, path);
    if (!file.startsWith(STATIC)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    page: (path, html) => void pages.set(path, html),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
