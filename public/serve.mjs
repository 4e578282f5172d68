#!/usr/bin/env node
/**
 * Serves this folder (the built site) on this computer, for a meeting room without network:
 *
 *   node serve.mjs              then open http://localhost:8080/ in a browser
 *   node serve.mjs --port 9000 --host 0.0.0.0   (other computers on the LAN may connect)
 *
 * Needs only Node.js (18 or later), no packages. It answers HTTP Range requests, which the map
 * tiles (PMTiles) are read with; Python's `http.server` does not, so the map stays empty there.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.pmtiles': 'application/octet-stream',
};

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** The file a URL path names inside ROOT, or null when it would leave it. */
function resolve(urlPath) {
  let path;
  try {
    path = normalize(join(ROOT, decodeURIComponent(urlPath)));
  } catch {
    return null;
  }
  return path === ROOT || path.startsWith(ROOT + sep) ? path : null;
}

const server = createServer(async (req, res) => {
  const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
  const file = resolve(urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const headers = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    const size = info.size;
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(size - 1, Number(range[2])) : size - 1;
    if (start > end || start >= size) {
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
});

const host = option('host', '127.0.0.1');
server.listen(Number(option('port', '8080')), host, () => {
  const { port } = server.address();
  console.log(`Renovation Atlas: open http://localhost:${port}/ (Ctrl+C stops)`);
});
