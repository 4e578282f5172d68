/**
 * Serves a built site for the browser tests with the server the site ships (dist/serve.mjs, a
 * copy of public/serve.mjs), so that the tests exercise what a meeting room runs: its Range
 * handling, content types, caching headers and refusals. This file only adds what tests need
 * around it: 127.0.0.1 at a random port, a folder served under a URL prefix from elsewhere
 * (`overrides`, e.g. fixture data without copying the build), a record of request paths, and
 * (`cors`) the headers a bucket or CDN sends to let a site on another origin read its data
 * (docs/deploy-cdn.md), which serve.mjs itself never needs: it serves site and data together.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './build-site';

/** Options of `serveStatic`. */
export interface ServeOptions {
  /** URL prefix (e.g. `/data/`) → folder served under it instead of the root's own. */
  overrides?: Record<string, string>;
  /**
   * Answer like a data bucket configured for the site at `allowOrigin`: CORS on every answer
   * and preflights (OPTIONS) answered. `enabled` is asked per request (default: always), so a
   * test can take the headers away from a running server, as a bucket without its CORS rule.
   */
  cors?: { allowOrigin: () => string; enabled?: () => boolean };
}

/** What a bucket must let a page read and send (docs/deploy-cdn.md), as the test server sends it. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Allow-Headers': 'Range, If-None-Match, If-Modified-Since, If-Match',
  'Access-Control-Expose-Headers': 'Content-Range, Content-Length, ETag, Accept-Ranges',
  'Access-Control-Max-Age': '600',
} as const;

/** A running server. */
export interface StaticServer {
  /** Base URL, ending in `/`. */
  url: string;
  /** Paths requested so far (with query), in order. */
  requests: string[];
  close(): Promise<void>;
}

/** What this file uses of serve.mjs (plain JavaScript, so its types are stated here). */
interface ShippedServer {
  createSiteHandler(options: {
    root: string;
    mounts?: Record<string, string>;
  }): (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * The server shipped in `root`; a folder that is not a build (a test's hand-made host page) has
 * none, and gets the repository's own, which is the same file before the build copies it.
 */
async function shippedServer(root: string): Promise<ShippedServer> {
  const inRoot = join(root, 'serve.mjs');
  const script = existsSync(inRoot) ? inRoot : join(ROOT, 'public/serve.mjs');
  return (await import(/* @vite-ignore */ pathToFileURL(script).href)) as ShippedServer;
}

/** Serves `root` on 127.0.0.1 at a free port. */
export async function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const { createSiteHandler } = await shippedServer(root);
  const handle = createSiteHandler({ root, mounts: options.overrides ?? {} });
  const requests: string[] = [];
  const { cors } = options;
  const server = createServer((req, res) => {
    requests.push(req.url ?? '/');
    if (cors && (cors.enabled?.() ?? true)) {
      res.setHeader('Access-Control-Allow-Origin', cors.allowOrigin());
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', CORS_HEADERS['Access-Control-Expose-Headers']);
      if (req.method === 'OPTIONS') {
        for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
        res.writeHead(204).end();
        return;
      }
    }
    handle(req, res);
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
