#!/usr/bin/env node
/**
 * Serves this folder (the built site) on this computer, for a meeting room without network:
 *
 *   node serve.mjs              then open http://localhost:8080/ in a browser
 *   node serve.mjs --port 9000 --host 0.0.0.0   (other computers on the LAN may connect)
 *   node serve.mjs --data D:\new-data            (serve /data/ from another folder: new figures
 *                                                  without a new build)
 *   node serve.mjs --help                        (all options)
 *
 * Needs only Node.js (20 or later), no packages: it must run from a USB stick on whatever PC the
 * room has. It answers HTTP Range requests, which the map tiles (PMTiles) are read with; Python's
 * `http.server` does not, so the map stays empty there.
 *
 * Anyone on the room's network can talk to it once it listens on 0.0.0.0, so it is strict: it
 * answers GET and HEAD only, serves nothing outside its folder (no `..`, no symbolic link that
 * points out, no dotfile such as `.env`, not this script), and a malformed or hostile request gets
 * an error status instead of stopping the presentation. A request for several byte ranges at once
 * gets the whole file (200), which HTTP allows and no browser or PMTiles reader needs otherwise.
 *
 * It can also be imported (`createSiteHandler`, `createSiteServer`): the project's browser tests
 * serve the built site through this very file, so what they check is what the room runs.
 */
import { constants as fsConstants, realpathSync, statSync } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { createServer, STATUS_CODES } from 'node:http';
import { networkInterfaces } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const SELF = fileURLToPath(import.meta.url);
/** SELF with its links resolved, looked up on the first request. */
let selfReal;

/**
 * Types a static map site serves. Anything else is `application/octet-stream`, which together with
 * `nosniff` keeps a browser from guessing its way into running a stray file as HTML or script.
 */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.topojson': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pbf': 'application/x-protobuf',
  '.mvt': 'application/vnd.mapbox-vector-tile',
  '.pmtiles': 'application/octet-stream',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/** Vite names what it emits under assets/ `name-HASH.ext`; such a file never changes content. */
const HASHED_ASSET = /^assets\/(?:[^/]+\/)*[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

/**
 * `build:data --hash-names` names every data file but manifest.json `name.<10 hex digits>.ext`
 * (scripts/pipeline/output/hashed-names.ts): a new build writes new names, so these never change
 * content either. Only under the data folder (`data/`, or a folder mounted with --data).
 */
const HASHED_DATA = /(?:^|\/)[^/.][^/]*\.[0-9a-f]{10}(?:\.[A-Za-z0-9]+)?$/;

/** Whether the file at `path` (relative to its site, `/`-separated) never changes content. */
function isImmutable(path, isRoot) {
  if (!isRoot) return HASHED_DATA.test(path);
  return HASHED_ASSET.test(path) || (path.startsWith('data/') && HASHED_DATA.test(path));
}

/** O_NOFOLLOW narrows the gap between the symlink check and the open; Windows lacks it. */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0);

/** Errors of a download that the client ended (closed tab, aborted tile read): not worth a line. */
const CLIENT_GONE_CODES = new Set([
  'ERR_STREAM_PREMATURE_CLOSE',
  'ECONNRESET',
  'EPIPE',
  'ERR_STREAM_DESTROYED',
]);

/** Error codes that mean "no such file here" rather than a fault of the server. */
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EINVAL']);

/**
 * @typedef {object} SiteOptions
 * @property {string} root The folder served at `/`.
 * @property {Record<string, string>} [mounts] URL prefix (`/data/`) → folder served under it
 *   instead of the root's own, with the same rules (its own realpath bounds its symbolic links).
 * @property {(message: string) => void} [log] Where faults of the server itself (not of the
 *   client) are reported; one line each. Defaults to stderr.
 */

/**
 * A request handler that serves `root` (and `mounts`) as a static site. Every outcome, including
 * a hostile request or a disk error, becomes an HTTP response or a destroyed socket: embedding
 * it in any `node:http` server cannot crash that server.
 *
 * @param {SiteOptions} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function createSiteHandler({ root, mounts = {}, log = defaultLog }) {
  if (typeof root !== 'string' || root === '')
    throw new TypeError('createSiteHandler: root must be a folder path');
  const sites = [
    ...Object.entries(mounts)
      .map(([prefix, dir]) => ({ prefix: checkedPrefix(prefix), dir: resolve(dir), isRoot: false }))
      // The longest prefix wins, so `/data/tiles/` can be mounted apart from `/data/`.
      .sort((a, b) => b.prefix.length - a.prefix.length),
    { prefix: '/', dir: resolve(root), isRoot: true },
  ];
  return (req, res) => {
    serve(req, res, sites, log).catch((error) => failed(res, error, req, log));
  };
}

/**
 * A `node:http` server around `createSiteHandler`, hardened for an untrusted network: a malformed
 * request gets 400 and its socket closed, and slow or stalled clients are timed out instead of
 * holding connections and file descriptors. Call `listen` on it as on any server.
 *
 * @param {SiteOptions} options
 * @returns {import('node:http').Server}
 */
export function createSiteServer(options) {
  const log = options.log ?? defaultLog;
  const server = createServer(createSiteHandler({ ...options, log }));
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // Idle sockets (a client that stopped reading a download) are destroyed after this, which
  // releases the file they were reading; an active download is never cut.
  server.timeout = 120_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', answerClientError);
  // Without a listener Node drops CONNECT silently; the answer is the same 405 as for POST.
  server.on('connect', (_req, socket) => {
    socket.on('error', () => socket.destroy());
    writeRawStatus(socket, 405, 'Allow: GET, HEAD\r\n');
  });
  // Once listening, an error (EMFILE when accepting a connection) must not end the process; before
  // it (port in use), the caller's own 'error' listener or Node's default applies.
  server.once('listening', () => server.on('error', (error) => log(`server error: ${error.message}`)));
  return server;
}

/** Serves one request; throws only for faults the catch in createSiteHandler turns into 500/503. */
async function serve(req, res, sites, log) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendStatus(req, res, 405, { Allow: 'GET, HEAD' });
  }
  const target = parseTarget(req.url);
  if (typeof target === 'number') return sendStatus(req, res, target);
  const place = locate(target.path, sites);
  if (place.redirect) return redirect(req, res, place.redirect, target.query);

  const base = await realpathOrNull(place.site.dir);
  if (!base) return sendStatus(req, res, 404);
  let found = await findInside(base, join(base, ...place.segments));
  if (found?.info.isDirectory()) {
    if (!target.path.endsWith('/')) return redirect(req, res, place.segments.at(-1), target.query);
    found = await findInside(base, join(found.real, 'index.html'));
  } else if (target.path.endsWith('/')) {
    // `file.html/` names no folder; served, its relative links would resolve one level too deep.
    found = null;
  }
  if (!found || !found.info.isFile() || (await isThisScript(found.real, place))) {
    return sendStatus(req, res, 404);
  }
  await sendFile(req, res, found.real, isImmutable(place.segments.join('/'), place.site.isRoot), log);
}

/**
 * An absolute-form target (`http://host/path`), which HTTP/1.1 servers must accept though only
 * proxies are sent it. The host is not used (one folder serves every name), but a malformed one
 * (`http://[/x`, `http://%zz/`) is refused rather than guessed at.
 */
const ABSOLUTE_FORM =
  /^https?:\/\/(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::\d*)?(?=[/?#]|$)/i;

/**
 * The path of a request target, decoded and checked, or the status that refuses it (`*` and
 * authority forms included: they name no file).
 *
 * @returns {{ path: string, query: string } | number}
 */
function parseTarget(target) {
  if (typeof target !== 'string') return 400;
  let url = target;
  if (!url.startsWith('/')) {
    const authority = ABSOLUTE_FORM.exec(url);
    if (!authority) return 400;
    url = url.slice(authority[0].length);
    if (!url.startsWith('/')) url = `/${url}`;
  }
  const end = url.search(/[?#]/);
  const raw = end < 0 ? url : url.slice(0, end);
  const query = end >= 0 && url[end] === '?' ? url.slice(end) : '';
  let path;
  try {
    // Decoded once: `%252e` stays the literal name `%2e`, never a second-round `.`.
    path = decodeURIComponent(raw);
  } catch {
    return 400;
  }
  // NUL and control characters are never part of a file name a site links to.
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return 400;
  }
  // A backslash is a separator on Windows, a colon names drives and alternate data streams there.
  if (/[\\:]/.test(path)) return 404;
  const segments = path.slice(1).split('/');
  // Dot segments: `..` (traversal), `.` and dotfiles (`.env`, `.git`). Empty ones (`//x`) would
  // turn a relative redirect into a protocol-relative one (`//evil.com/`).
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.startsWith('.') || (segment === '' && i < segments.length - 1)) return 404;
  }
  return { path, query };
}

/**
 * Which folder serves a path, and the path's segments inside it; or the name to redirect to when
 * the path names a mount without its trailing slash.
 */
function locate(path, sites) {
  for (const site of sites) {
    if (path.startsWith(site.prefix)) {
      const segments = path.slice(site.prefix.length).split('/').filter(Boolean);
      return { site, segments };
    }
    if (!site.isRoot && path === site.prefix.slice(0, -1)) {
      return { redirect: path.slice(path.lastIndexOf('/') + 1) };
    }
  }
  // The root site's prefix `/` matches every path that parseTarget lets through.
  throw new Error(`no site for ${path}`);
}

/**
 * The real path of `path` and its stat, when it exists and lies inside `base` (itself a real
 * path): a symbolic link inside the folder is fine, one pointing out of it is "not found".
 */
async function findInside(base, path) {
  const real = await realpathOrNull(path);
  if (!real || (real !== base && !real.startsWith(base.endsWith(sep) ? base : base + sep))) return null;
  const info = await stat(real).catch(ignoreNotFound);
  return info ? { real, info } : null;
}

/** This script lives in the folder it serves; it is a tool, not part of the site. */
async function isThisScript(real, place) {
  // Lower case: on Windows and macOS `/SERVE.MJS` opens the same file.
  const [first] = place.segments;
  if (place.site.isRoot && place.segments.length === 1 && first.toLowerCase() === 'serve.mjs') return true;
  selfReal ??= realpathOrNull(SELF);
  return real.toLowerCase() === (await selfReal)?.toLowerCase();
}

/** Headers, validators, conditional requests and byte ranges for one file, then its bytes. */
async function sendFile(req, res, file, immutable, log) {
  // The descriptor is opened first so that size and date come from the very file that is sent,
  // even if it is replaced meanwhile (new data copied into the room's folder).
  const handle = req.method === 'GET' ? await open(file, OPEN_FLAGS) : null;
  let streaming = false;
  try {
    const info = handle ? await handle.stat() : await stat(file);
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers = {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Last-Modified': new Date(info.mtimeMs).toUTCString(),
      // no-cache is not "do not cache": the browser keeps the file and revalidates it with the
      // validators above, so new data (same name, new contents) shows on the next load.
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    const precondition = checkPreconditions(req.headers, etag, info.mtimeMs);
    if (precondition === 412) return sendStatus(req, res, 412);
    if (precondition === 304) {
      const { ETag, 'Last-Modified': lastModified, 'Cache-Control': cacheControl } = headers;
      res.writeHead(304, { ETag, 'Last-Modified': lastModified, 'Cache-Control': cacheControl });
      return void res.end();
    }

    let start = 0;
    let end = info.size - 1;
    let status = 200;
    const range =
      req.headers.range && ifRangeHolds(req.headers['if-range'], etag, info.mtimeMs)
        ? parseRange(req.headers.range, info.size)
        : null;
    if (range === 'unsatisfiable') {
      return sendStatus(req, res, 416, { 'Content-Range': `bytes */${info.size}` });
    }
    if (range) {
      ({ start, end } = range);
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
    }
    headers['Content-Length'] = String(Math.max(0, end - start + 1));
    if (res.destroyed) return;
    res.writeHead(status, headers);
    if (!handle || end < start) return void res.end();
    streaming = true;
    const stream = handle.createReadStream({ start, end });
    // A file cut short while it is sent (new data copied over it in place) would leave the client
    // waiting for the bytes Content-Length promised: close the connection so it sees the truncation.
    // Registered before pipeline's own listener, so the response is not ended normally first.
    stream.once('end', () => {
      if (stream.bytesRead < end - start + 1) res.destroy();
    });
    // pipeline destroys the file stream (closing the descriptor) when the client goes away, and
    // destroys the response (closing the socket) when the disk read fails after the headers.
    pipeline(stream, res, (error) => {
      if (error && !CLIENT_GONE_CODES.has(error.code)) log(`${req.url}: ${error.message}`);
    });
  } finally {
    if (!streaming) await handle?.close().catch(() => {});
  }
}

/**
 * RFC 9110 §13.2.2 order: If-Match, If-Unmodified-Since, then If-None-Match or (only without it)
 * If-Modified-Since. Returns 412, 304 or null to go on.
 */
function checkPreconditions(headers, etag, mtimeMs) {
  const seconds = Math.floor(mtimeMs / 1000);
  if (headers['if-match'] !== undefined) {
    if (!etagListMatches(headers['if-match'], etag, true)) return 412;
  } else if (headers['if-unmodified-since'] !== undefined) {
    const date = Date.parse(headers['if-unmodified-since']);
    if (!Number.isNaN(date) && seconds > Math.floor(date / 1000)) return 412;
  }
  if (headers['if-none-match'] !== undefined) {
    if (etagListMatches(headers['if-none-match'], etag, false)) return 304;
  } else if (headers['if-modified-since'] !== undefined) {
    const date = Date.parse(headers['if-modified-since']);
    if (!Number.isNaN(date) && seconds <= Math.floor(date / 1000)) return 304;
  }
  return null;
}

/** Whether a list of entity tags (or `*`) names `etag`; weak comparison ignores `W/`. */
function etagListMatches(list, etag, strong) {
  if (list.trim() === '*') return true;
  return list.split(',').some((tag) => {
    const t = tag.trim();
    if (strong) return t === etag;
    return t.replace(/^W\//, '') === etag;
  });
}

/**
 * If-Range says "send the range only if the file is still the one I have part of"; otherwise the
 * whole new file. An entity tag must match strongly, a date exactly.
 */
function ifRangeHolds(value, etag, mtimeMs) {
  if (value === undefined) return true;
  const v = value.trim();
  if (v.startsWith('"')) return v === etag;
  if (v.startsWith('W/')) return false;
  const date = Date.parse(v);
  return !Number.isNaN(date) && Math.floor(date / 1000) === Math.floor(mtimeMs / 1000);
}

/**
 * One byte range `{start, end}`, `'unsatisfiable'` (416), or null when the header is to be ignored
 * (RFC 9110 §14.2: an invalid Range, `bytes=5-2` included, is ignored; several ranges are answered
 * with the whole file here).
 */
function parseRange(header, size) {
  const m = /^bytes=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (last < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}

/**
 * 301 to the slash form of a folder. The Location is relative and starts with `./`, so that no
 * name (`evil.com`, `http:`) can turn it into another origin or scheme.
 */
function redirect(req, res, name, query) {
  // A query with anything unusual is dropped rather than echoed into a header.
  const keep = /^\?[\x21-\x7e]*$/.test(query) ? query : '';
  sendStatus(req, res, 301, { Location: `./${encodeURIComponent(name)}/${keep}` });
}

/** A short plain-text answer; HEAD gets the same headers without the body. */
function sendStatus(req, res, status, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const body = `${status} ${STATUS_CODES[status] ?? ''}\n`;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The end of every request that threw: a status while one can be sent, else a closed socket. */
function failed(res, error, req, log) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const code = error?.code;
  if (NOT_FOUND_CODES.has(code)) return sendStatus(req, res, 404);
  if (code === 'EACCES' || code === 'EPERM') return sendStatus(req, res, 403);
  if (code === 'EMFILE' || code === 'ENFILE') {
    // Out of file descriptors: a passing state, and the client may simply retry.
    return sendStatus(req, res, 503, { 'Retry-After': '1' });
  }
  log(`${req.method} ${req.url}: ${error?.message ?? error}`);
  sendStatus(req, res, 500);
}

/**
 * A request Node's parser rejected (garbage request line, oversized headers, timeout). The answer
 * is written raw, as no ServerResponse exists; a socket already mid-response is just closed.
 */
function answerClientError(error, socket) {
  // _httpMessage is the response in progress on this socket, if any (Node's own handler checks it).
  if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  writeRawStatus(socket, status);
}

/** A whole response written straight to a socket that has no ServerResponse, then closed. */
function writeRawStatus(socket, status, extraHeaders = '') {
  const body = `${status} ${STATUS_CODES[status]}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${extraHeaders}Connection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
}

/** A mount prefix as the matching expects it: `/name/`, without dot segments. */
function checkedPrefix(prefix) {
  if (!/^\/(?:[^/.][^/]*\/)+$/.test(prefix)) {
    throw new TypeError(`mount prefix ${JSON.stringify(prefix)} must look like /name/`);
  }
  return prefix;
}

async function realpathOrNull(path) {
  return realpath(path).catch(ignoreNotFound);
}

/** Turns "no such file" into null and lets every other error (EMFILE, EACCES) through. */
function ignoreNotFound(error) {
  if (NOT_FOUND_CODES.has(error?.code)) return null;
  throw error;
}

function defaultLog(message) {
  process.stderr.write(`serve.mjs: ${message}\n`);
}

// ---- Command line ---------------------------------------------------------------------------

const USAGE = `Serves the Renovation Atlas folder over HTTP (GET and HEAD, byte ranges).

Usage: node serve.mjs [options]

  --port N     port to listen on (default 8080; 0 picks a free one)
  --host H     address to listen on (default 127.0.0.1, this computer only;
               0.0.0.0 lets other computers on the network connect)
  --root DIR   folder to serve (default: the folder this script is in)
  --data DIR   serve /data/ from DIR instead of the folder's own data/
  --help       this text
`;

/** A mistake on the command line: reported in one line, never with a stack trace. */
class UsageError extends Error {}

/** The options of the command line, checked; throws UsageError. */
function parseCommandLine(args) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        root: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs explains well but at length; its first sentence is the useful part.
    throw new UsageError(String(error.message).split(/\.\s|\n/)[0]);
  }
  const port = values.port ?? '8080';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new UsageError(`--port ${port}: expected a number from 0 to 65535`);
  }
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host: expected an address such as 0.0.0.0');
  const root = folderOption('--root', values.root ?? dirname(SELF));
  const data = values.data === undefined ? undefined : folderOption('--data', values.data);
  return { help: values.help === true, port: Number(port), host, root, data };
}

function folderOption(name, value) {
  const path = resolve(value);
  let info;
  try {
    info = statSync(path);
  } catch {
    throw new UsageError(`${name} ${value}: no such folder`);
  }
  if (!info.isDirectory()) throw new UsageError(`${name} ${value}: not a folder`);
  return path;
}

/** Why a listen failed, in the words of someone setting up a meeting room. */
function listenFailure(error, port, host) {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} is in use: try --port ${port === 9000 ? 9001 : 9000} (or --port 0 for any free port)`;
    case 'EACCES':
      return `port ${port} needs administrator rights here: try --port 8080`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this computer: try --host 0.0.0.0`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${host} is unknown: try --host 127.0.0.1 or --host 0.0.0.0`;
    default:
      return `cannot listen on ${host}:${port}: ${error.message}`;
  }
}

/** Addresses to give the audience, printed once listening. */
function urlsToOpen(host, port) {
  const url = (h) => `http://${h.includes(':') ? `[${h}]` : h}:${port}/`;
  const wildcard = host === '0.0.0.0' || host === '::';
  if (!wildcard && !['127.0.0.1', '::1', 'localhost'].includes(host)) return [url(host)];
  const urls = [url('localhost')];
  if (wildcard) {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) {
        if (!a.internal && (a.family === 'IPv4' || host === '::')) urls.push(url(a.address));
      }
    }
  }
  return urls;
}

function main(args) {
  let options;
  try {
    options = parseCommandLine(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`serve.mjs: ${error.message} (see --help)\n`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  // Launched from a window that is closed later: writing to its dead pipe must not stop the server.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  const mounts = options.data ? { '/data/': options.data } : {};
  const server = createSiteServer({ root: options.root, mounts });
  const onListenError = (error) => {
    process.stderr.write(`serve.mjs: ${listenFailure(error, options.port, options.host)}\n`);
    process.exitCode = 1;
  };
  server.once('error', onListenError);
  server.listen(options.port, options.host, () => {
    server.off('error', onListenError);
    const { port } = server.address();
    const [first, ...others] = urlsToOpen(options.host, port);
    console.log(`Renovation Atlas: open ${first} (Ctrl+C stops)`);
    for (const other of others) console.log(`  from other computers: ${other}`);
  });
}

/** Run as a program, not imported: Node gives import.meta.url the real path of the main module. */
function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) main(process.argv.slice(2));
