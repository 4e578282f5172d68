/**
 * A tiny static file server for the built site, on 127.0.0.1 at a random port. It supports
 * HTTP Range requests (PMTiles reads archives by byte range) and can serve a folder under a
 * URL prefix from somewhere else (`overrides`), so a test can swap in fixture data without
 * copying the build. Every request path is recorded for assertions.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pmtiles': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/** Options of `serveStatic`. */
export interface ServeOptions {
  /** URL prefix (e.g. `/data/`) → folder served under it instead of the root's own. */
  overrides?: Record<string, string>;
}

/** A running server. */
export interface StaticServer {
  /** Base URL, ending in `/`. */
  url: string;
  /** Paths requested so far (with query), in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Resolves a URL path inside `root`; null when it would escape it. */
function resolveInside(root: string, urlPath: string): string | null {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep) ? path : null;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  options: ServeOptions,
): Promise<void> {
  const urlPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  let base = root;
  let rest = urlPath;
  for (const [prefix, dir] of Object.entries(options.overrides ?? {})) {
    if (urlPath.startsWith(prefix)) {
      base = dir;
      rest = urlPath.slice(prefix.length - 1);
    }
  }
  const file = resolveInside(base, rest.endsWith('/') ? `${rest}index.html` : rest);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info || !info.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const headers: Record<string, string | number> = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const size = info.size;
    let start = range[1] ? Number(range[1]) : size - Number(range[2]);
    let end = range[1] && range[2] ? Number(range[2]) : size - 1;
    start = Math.max(0, start);
    end = Math.min(size - 1, end);
    if (start > end) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(206, {
      ...headers,
      'Content-Range': `bytes ${start}-${end}/${size}`,
      'Content-Length': end - start + 1,
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

/** Serves `root` on 127.0.0.1 at a free port. */
export async function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '/');
    handle(req, res, root, options).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
