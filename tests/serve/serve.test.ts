/**
 * The meeting-room server (public/serve.mjs, which the build copies into dist/) attacked from
 * outside. It runs as a child process, as a room runs it, from a folder of fixtures next to a
 * folder it must never show, and is sent malformed requests, traversal in every encoding, every
 * method, aborted downloads and conditional and range requests, over raw TCP and node:http.
 * After each attack it must still answer and still be running.
 *
 * SERVE_MJS=/path/to/serve.mjs runs the same attacks against another version of the file (the
 * previous one: `git show HEAD:public/serve.mjs > /tmp/old-serve.mjs`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import {
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = resolve(process.env.SERVE_MJS ?? join(ROOT, 'public/serve.mjs'));
const HOST = '127.0.0.1';
const HAS_PROC = existsSync('/proc/self/fd');

const INDEX = '<!doctype html><title>atlas</title>\n';
const SUB_INDEX = '<!doctype html><title>sub</title>\n';
const SECRET = 'TOP SECRET, OUTSIDE THE SITE';
const DOTFILE = 'API_KEY=dotfile-secret';
const BIG_SIZE = 8 * 1024 * 1024;
const HASHED = 'assets/index-CJ8x2f_a.js';
/** A data file named by its content (build:data --hash-names), in the site's data/ and in a mount. */
const HASHED_DATA = 'communities.3f9a1c2b7d.pmtiles';

/** Extension → Content-Type the server must send (what a static map site ships). */
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  wasm: 'application/wasm',
  pbf: 'application/x-protobuf',
  pmtiles: 'application/octet-stream',
  PNG: 'image/png',
  unknownext: 'application/octet-stream',
};

let work: string;
let site: string;
let outside: string;
let mount: string;
let big: Buffer;

// ---- helpers ------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Running {
  child: ChildProcess;
  port: number;
  stderr: () => string;
}

const running: ChildProcess[] = [];

/** Starts the script (optionally under `ulimit -n`) and waits for the URL it prints. */
async function start(script: string, args: string[], ulimit?: number): Promise<Running> {
  const child = ulimit
    ? spawn('bash', ['-c', `ulimit -n ${ulimit} && exec "$0" "$@"`, process.execPath, script, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 10 s; stderr: ${err}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code}; stderr: ${err}`));
    });
  });
  return { child, port, stderr: () => err };
}

/** Runs the script to its end (killed after 10 s) and returns what it said. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request over a fresh connection; rejects after 10 s. */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = request({ host: HOST, port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Bytes written as they are onto a new connection (no client-side checks or normalisation);
 * everything received until the server closes, or until `ms` passes.
 */
function raw(port: number, data: string | Buffer, ms = 5_000): Promise<Buffer> {
  return new Promise((resolveRaw) => {
    const socket = connect(port, HOST);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolveRaw(Buffer.concat(chunks));
    });
    socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  });
}

/** A GET of `target` as a raw request line, closing afterwards. */
const rawGet = (port: number, target: string, extra = '') =>
  raw(port, `GET ${target} HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n${extra}\r\n`);

const statusOf = (response: Buffer) =>
  Number(/^HTTP\/1\.[01] (\d{3})/.exec(response.toString('latin1'))?.[1]);

/** The server answers a normal request, and its process is still the one that started. */
async function expectAlive(server: Running): Promise<void> {
  expect(server.child.exitCode, `exited; stderr: ${server.stderr()}`).toBeNull();
  expect(server.child.signalCode).toBeNull();
  const reply = await get(server.port, '/index.html');
  expect(reply.status).toBe(200);
  expect(reply.body.toString()).toBe(INDEX);
}

/** GET (or Range GET) whose connection the client destroys at the first chunk of the body. */
function abortAfterFirstChunk(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<void> {
  return new Promise((resolveAbort) => {
    const req = request({ host: HOST, port, path, headers, agent: false }, (res) => {
      res.on('error', () => {});
      res.once('data', () => req.destroy());
      res.on('end', () => req.destroy());
    });
    const timer = setTimeout(() => req.destroy(), 10_000);
    req.on('error', () => {});
    req.on('close', () => {
      clearTimeout(timer);
      resolveAbort();
    });
    req.end();
  });
}

const openDescriptors = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/** Polls until the process holds at most `baseline` descriptors or `ms` passes; the last count. */
async function descriptorsSettle(pid: number, baseline: number, ms = 5_000): Promise<number> {
  const deadline = Date.now() + ms;
  let count = openDescriptors(pid);
  while (count > baseline && Date.now() < deadline) {
    await sleep(50);
    count = openDescriptors(pid);
  }
  return count;
}

/** Runs `tasks` with at most `width` in flight. */
async function inBatches(count: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i += width) {
    await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, j) => task(i + j)));
  }
}

/** A reproducible sequence in [0, 1), so a failing range is the same on the next run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// ---- fixtures -----------------------------------------------------------------------------

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'renovation-atlas-serve-'));
  site = join(work, 'site');
  outside = join(work, 'outside');
  mount = join(work, 'mount');
  for (const dir of ['sub', 'assets', 'data', 'types', '.git', 'evil.com', 'deep/er'])
    await mkdir(join(site, dir), { recursive: true });
  await mkdir(outside, { recursive: true });
  await mkdir(mount, { recursive: true });

  // The script lives in the folder it serves, as dist/serve.mjs does.
  await copyFile(SCRIPT, join(site, 'serve.mjs'));
  await writeFile(join(site, 'index.html'), INDEX);
  await writeFile(join(site, 'sub/index.html'), SUB_INDEX);
  await writeFile(join(site, 'evil.com/index.html'), 'a folder named like a host');
  await writeFile(join(site, 'deep/er/file.txt'), 'deep');
  big = randomBytes(BIG_SIZE);
  await writeFile(join(site, 'big.bin'), big);
  await writeFile(join(site, 'empty.txt'), '');
  await writeFile(join(site, '.env'), DOTFILE);
  await writeFile(join(site, '.git/config'), DOTFILE);
  await writeFile(join(site, 'sub/.hidden.json'), DOTFILE);
  await writeFile(join(site, HASHED), 'console.log(1);\n');
  await writeFile(join(site, 'data/manifest.json'), '{"from":"site"}');
  await writeFile(join(site, `data/${HASHED_DATA}`), 'tiles');
  // Named like hashed data, but outside the data folder: nothing says it never changes.
  await writeFile(join(site, HASHED_DATA), 'tiles');
  for (const ext of Object.keys(TYPES)) await writeFile(join(site, `types/file.${ext}`), ext);

  await writeFile(join(outside, 'secret.txt'), SECRET);
  await symlink(join(outside, 'secret.txt'), join(site, 'link-out.txt'));
  await symlink(outside, join(site, 'link-out-dir'));
  await symlink('index.html', join(site, 'link-in.html'));
  await symlink('sub', join(site, 'link-in-dir'));

  await writeFile(join(mount, 'manifest.json'), '{"from":"mount"}');
  await writeFile(join(mount, HASHED_DATA), 'tiles');
  await writeFile(join(mount, 'story.json'), '{}');
  await writeFile(join(mount, '.secret'), DOTFILE);
  await symlink(join(outside, 'secret.txt'), join(mount, 'link-out.json'));
  // A symlink from the mount into the site root is still outside the mount's own folder.
  await symlink(join(site, 'index.html'), join(mount, 'link-to-root.html'));
}, 60_000);

afterAll(async () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (work) await rm(work, { recursive: true, force: true });
});

// ---- the server as a room runs it -------------------------------------------------------------

describe('serve.mjs under attack', { timeout: 60_000 }, () => {
  let server: Running;

  beforeAll(async () => {
    server = await start(join(site, 'serve.mjs'), ['--port', '0', '--data', mount]);
  }, 30_000);

  it('serves the site', async () => {
    await expectAlive(server);
    const root = await get(server.port, '/');
    expect(root.status).toBe(200);
    expect(root.body.toString()).toBe(INDEX);
    expect((await get(server.port, '/sub/')).body.toString()).toBe(SUB_INDEX);
    expect((await get(server.port, '/deep/er/file.txt')).body.toString()).toBe('deep');
    expect((await get(server.port, '/index.html?present=1&chapter=2')).status).toBe(200);
    expect((await get(server.port, '/index.html/')).status).toBe(404);
    expect((await get(server.port, '/nope')).status).toBe(404);
  });

  it('survives malformed request targets and request lines', async () => {
    const attacks: [string, Buffer | string, number][] = [
      [
        'absolute form, bad IPv6 host',
        'GET http://[/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        400,
      ],
      [
        'absolute form, bad escape in host',
        'GET http://%zz/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        400,
      ],
      ['truncated UTF-8 escape', 'GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
      ['invalid UTF-8', 'GET /%C0%AE%C0%AE/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
      ['lone %', 'GET /% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
      ['asterisk form', 'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
      ['authority form', 'GET example.com:80 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
      ['binary garbage', Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]), 400],
      ['no method', '/index.html HTTP/1.1\r\n\r\n', 400],
      ['unknown HTTP version', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 400],
      ['header without colon', 'GET / HTTP/1.1\r\nHost x\r\n\r\n', 400],
      ['bad Content-Length', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 400],
      [
        'two Content-Lengths',
        'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
        400,
      ],
      ['bad chunk', 'GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
      ['header over the limit', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`, 431],
      ['NUL in the path', 'GET /index.html%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
      ['control character', 'GET /%0d%0aSet-Cookie:x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ];
    for (const [name, bytes, status] of attacks) {
      const response = await raw(server.port, bytes);
      expect(statusOf(response), name).toBe(status);
      await expectAlive(server);
    }
    // A connection closed halfway through a request line, and one that never finishes its headers.
    const half = connect(server.port, HOST);
    half.on('error', () => {});
    half.write('GET /index.ht');
    half.destroy();
    const slow = await raw(server.port, 'GET / HTTP/1.1\r\nHost: x\r\n', 300);
    expect(slow.length).toBe(0);
    await expectAlive(server);
  });

  it('answers the absolute form for its own files only', async () => {
    const ok = await rawGet(server.port, 'http://example.com/index.html');
    expect(statusOf(ok)).toBe(200);
    expect(ok.toString()).toContain(INDEX);
    for (const target of [
      'http://127.0.0.1/../outside/secret.txt',
      'http://x/%2e%2e/outside/secret.txt',
      'http://x/..%2f..%2foutside%2fsecret.txt',
    ]) {
      const response = await rawGet(server.port, target);
      expect([400, 404], target).toContain(statusOf(response));
      expect(response.toString(), target).not.toContain(SECRET);
    }
  });

  it('refuses every method but GET and HEAD with 405 and Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH', 'PROPFIND']) {
      const reply = await get(server.port, '/index.html', {}, method);
      expect(reply.status, method).toBe(405);
      expect(reply.headers.allow, method).toBe('GET, HEAD');
      expect(reply.body.toString(), method).not.toContain('atlas');
    }
    const post = await raw(
      server.port,
      'POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello',
    );
    expect(statusOf(post)).toBe(405);
    const connectMethod = await raw(
      server.port,
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    );
    expect(statusOf(connectMethod)).toBe(405);
    expect(connectMethod.toString()).toContain('Allow: GET, HEAD');
    const options = await raw(server.port, 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statusOf(options)).toBe(405);
    await expectAlive(server);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    for (const [path, headers] of [
      ['/big.bin', {}],
      ['/big.bin', { Range: 'bytes=10-19' }],
      ['/index.html', {}],
      ['/nope', {}],
    ] as [string, Record<string, string>][]) {
      const getReply = await get(server.port, path, headers);
      const headReply = await get(server.port, path, headers, 'HEAD');
      expect(headReply.status).toBe(getReply.status);
      for (const name of [
        'content-type',
        'content-length',
        'etag',
        'last-modified',
        'cache-control',
        'content-range',
      ])
        expect(headReply.headers[name], `${path} ${name}`).toBe(getReply.headers[name]);
    }
    // On the wire, so that a body the client would discard is seen.
    const response = await raw(server.port, `HEAD /big.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const text = response.toString('latin1');
    expect(text).toContain(`Content-Length: ${BIG_SIZE}`);
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  it('never serves a file outside the folder, in any encoding', async () => {
    const targets = [
      '/../outside/secret.txt',
      '/../../../../../../etc/passwd',
      '/sub/../../outside/secret.txt',
      '/%2e%2e/outside/secret.txt',
      '/%2E%2e%2foutside%2fsecret.txt',
      '/..%2foutside%2fsecret.txt',
      '/..%2Foutside/secret.txt',
      '/sub/%2e%2e/%2e%2e/outside/secret.txt',
      '/.%2e/outside/secret.txt',
      '/%5c..%5coutside%5csecret.txt',
      '/..%5coutside%5csecret.txt',
      '/..\\outside\\secret.txt',
      '/\\..\\outside\\secret.txt',
      '/%252e%252e/outside/secret.txt',
      '/%252e%252e%252foutside%252fsecret.txt',
      '/%c0%ae%c0%ae/outside/secret.txt',
      '/..%00/outside/secret.txt',
      '/index.html%00.txt',
      `/${encodeURIComponent(join(outside, 'secret.txt'))}`,
      `/%2f${outside.slice(1)}/secret.txt`,
      `//${outside.slice(1)}/secret.txt`,
      '/link-out.txt',
      '/link-out-dir/secret.txt',
      '/link-out-dir/',
      '/link-out-dir',
      '/data/link-out.json',
      '/data/link-to-root.html',
      '/data/../../outside/secret.txt',
      '/data/%2e%2e/%2e%2e/outside/secret.txt',
    ];
    for (const target of targets) {
      const response = await rawGet(server.port, target);
      expect([400, 404], target).toContain(statusOf(response));
      expect(response.toString('latin1'), target).not.toContain(SECRET);
      expect(response.toString('latin1'), target).not.toContain('root:');
    }
    await expectAlive(server);
  });

  it('does not serve dotfiles or itself', async () => {
    for (const target of [
      '/.env',
      '/%2eenv',
      '/.git/config',
      '/.git/',
      '/sub/.hidden.json',
      '/sub/%2Ehidden.json',
      '/data/.secret',
      '/./index.html',
      '/serve.mjs',
      '/SERVE.MJS',
      '/serve.mjs/',
      '/%73erve.mjs',
    ]) {
      const response = await rawGet(server.port, target);
      expect(statusOf(response), target).toBe(404);
      expect(response.toString(), target).not.toContain('dotfile-secret');
      expect(response.toString(), target).not.toContain('createSiteHandler');
    }
  });

  it('follows symbolic links that stay inside the folder', async () => {
    const file = await get(server.port, '/link-in.html');
    expect(file.status).toBe(200);
    expect(file.body.toString()).toBe(INDEX);
    expect((await get(server.port, '/link-in-dir/')).body.toString()).toBe(SUB_INDEX);
  });

  it('redirects a folder to its slash form with a relative Location, never to another host', async () => {
    const sub = await get(server.port, '/sub');
    expect(sub.status).toBe(301);
    expect(sub.headers.location).toBe('./sub/');
    expect((await get(server.port, '/sub?present=1')).headers.location).toBe('./sub/?present=1');
    expect((await get(server.port, '/deep/er')).headers.location).toBe('./er/');
    expect((await get(server.port, '/evil.com')).headers.location).toBe('./evil.com/');
    expect((await get(server.port, '/data')).headers.location).toBe('./data/');
    for (const target of [
      '//evil.com',
      '//evil.com/',
      '/%2fevil.com',
      '/%2F%2Fevil.com/',
      '/\\evil.com',
      '//sub',
    ]) {
      const response = (await rawGet(server.port, target)).toString('latin1');
      expect([400, 404], target).toContain(statusOf(Buffer.from(response, 'latin1')));
      expect(response, target).not.toMatch(/^Location:/im);
    }
  });

  it('serves /data/ from the --data folder, under the same rules', async () => {
    const manifest = await get(server.port, '/data/manifest.json');
    expect(manifest.status).toBe(200);
    expect(manifest.body.toString()).toBe('{"from":"mount"}');
    expect(manifest.headers['cache-control']).toBe('no-cache');
  });

  it('names content types and forbids sniffing', async () => {
    for (const [ext, type] of Object.entries(TYPES)) {
      const reply = await get(server.port, `/types/file.${ext}`);
      expect(reply.status, ext).toBe(200);
      expect(reply.headers['content-type'], ext).toBe(type);
      expect(reply.headers['x-content-type-options'], ext).toBe('nosniff');
    }
    expect((await get(server.port, '/nope')).headers['x-content-type-options']).toBe('nosniff');
  });

  it('caches hashed assets for good and revalidates everything else', async () => {
    expect((await get(server.port, `/${HASHED}`)).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    for (const path of ['/', '/index.html', '/data/manifest.json', '/big.bin', '/types/file.js'])
      expect((await get(server.port, path)).headers['cache-control'], path).toBe('no-cache');
  });

  it('caches content-named data for good, in byte ranges too, and keeps revalidating the rest', async () => {
    const whole = await get(server.port, `/data/${HASHED_DATA}`);
    expect(whole.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const part = await get(server.port, `/data/${HASHED_DATA}`, { Range: 'bytes=1-2' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 1-2/5');
    expect(part.body.toString()).toBe('il');
    expect(part.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The manifest says which names are current: it must never be served from a stale cache.
    for (const path of ['/data/manifest.json', '/data/story.json', `/${HASHED_DATA}`])
      expect((await get(server.port, path)).headers['cache-control'], path).toBe('no-cache');
  });

  it('sends validators and answers conditional requests with 304', async () => {
    const first = await get(server.port, '/index.html');
    const etag = first.headers.etag!;
    const lastModified = first.headers['last-modified']!;
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false);

    for (const headers of <Record<string, string>[]>[
      { 'If-None-Match': etag },
      { 'If-None-Match': `"other", ${etag}` },
      { 'If-None-Match': `W/${etag.replace(/^W\//, '')}` },
      { 'If-None-Match': '*' },
      { 'If-Modified-Since': lastModified },
      { 'If-Modified-Since': new Date(Date.now() + 60_000).toUTCString() },
    ]) {
      const reply = await get(server.port, '/index.html', headers);
      expect(reply.status, JSON.stringify(headers)).toBe(304);
      expect(reply.body.length).toBe(0);
      expect(reply.headers.etag).toBe(etag);
    }
    for (const headers of <Record<string, string>[]>[
      { 'If-None-Match': '"other"' },
      { 'If-Modified-Since': new Date(0).toUTCString() },
      { 'If-Modified-Since': 'not a date' },
      // If-None-Match decides when both are sent.
      { 'If-None-Match': '"other"', 'If-Modified-Since': lastModified },
    ]) {
      const reply = await get(server.port, '/index.html', headers);
      expect(reply.status, JSON.stringify(headers)).toBe(200);
      expect(reply.body.toString()).toBe(INDEX);
    }
    expect((await get(server.port, '/index.html', { 'If-Match': '"other"' })).status).toBe(412);
    expect((await get(server.port, '/index.html', { 'If-Match': etag })).status).toBe(200);
  });

  it('answers single byte ranges and ignores invalid ones', async () => {
    const range = (spec: string, extra: Record<string, string> = {}) =>
      get(server.port, '/big.bin', { Range: spec, ...extra });

    const middle = await range('bytes=10-19');
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 10-19/${BIG_SIZE}`);
    expect(middle.body.equals(big.subarray(10, 20))).toBe(true);

    const open = await range(`bytes=${BIG_SIZE - 5}-`);
    expect(open.status).toBe(206);
    expect(open.body.equals(big.subarray(BIG_SIZE - 5))).toBe(true);

    const suffix = await range('bytes=-100');
    expect(suffix.status).toBe(206);
    expect(suffix.headers['content-range']).toBe(`bytes ${BIG_SIZE - 100}-${BIG_SIZE - 1}/${BIG_SIZE}`);
    expect(suffix.body.equals(big.subarray(BIG_SIZE - 100))).toBe(true);

    const longSuffix = await get(server.port, '/index.html', { Range: 'bytes=-100000' });
    expect(longSuffix.status).toBe(206);
    expect(longSuffix.body.toString()).toBe(INDEX);

    const pastEnd = await range(`bytes=${BIG_SIZE - 2}-${BIG_SIZE + 1000}`);
    expect(pastEnd.status).toBe(206);
    expect(pastEnd.body.equals(big.subarray(BIG_SIZE - 2))).toBe(true);

    // RFC 9110 §14.2: an invalid Range is ignored (whole file); several ranges get the whole file here.
    for (const spec of ['bytes=5-2', 'bytes=abc', 'bytes=-', 'items=0-5', 'bytes=0-1,5-6', 'bytes=1-2-3']) {
      const reply = await range(spec);
      expect(reply.status, spec).toBe(200);
      expect(reply.body.length, spec).toBe(BIG_SIZE);
    }
    // Unsatisfiable: nothing of the file lies in the range.
    for (const spec of [
      'bytes=999999999-',
      `bytes=${BIG_SIZE}-`,
      'bytes=-0',
      'bytes=99999999999999999999999-',
    ]) {
      const reply = await range(spec);
      expect(reply.status, spec).toBe(416);
      expect(reply.headers['content-range'], spec).toBe(`bytes */${BIG_SIZE}`);
    }
    expect((await get(server.port, '/empty.txt', { Range: 'bytes=0-' })).status).toBe(416);
    expect((await get(server.port, '/empty.txt')).body.length).toBe(0);
  });

  it('honours If-Range', async () => {
    const { headers } = await get(server.port, '/big.bin', {}, 'HEAD');
    const ifRange = (value: string) =>
      get(server.port, '/big.bin', { Range: 'bytes=0-9', 'If-Range': value });
    expect((await ifRange(headers.etag!)).status).toBe(206);
    expect((await ifRange(headers['last-modified']!)).status).toBe(206);
    for (const stale of ['"other"', `W/${headers.etag!}`, new Date(0).toUTCString(), 'garbage']) {
      const reply = await ifRange(stale);
      expect(reply.status, stale).toBe(200);
      expect(reply.body.length).toBe(BIG_SIZE);
    }
  });

  it('returns the right bytes to 50 concurrent range reads', async () => {
    const random = seeded(50);
    const ranges = Array.from({ length: 50 }, () => {
      const start = Math.floor(random() * (BIG_SIZE - 1));
      const length = 1 + Math.floor(random() * 300_000);
      return { start, end: Math.min(BIG_SIZE - 1, start + length - 1) };
    });
    const replies = await Promise.all(
      ranges.map(({ start, end }) => get(server.port, '/big.bin', { Range: `bytes=${start}-${end}` })),
    );
    replies.forEach((reply, i) => {
      const { start, end } = ranges[i]!;
      expect(reply.status).toBe(206);
      expect(reply.body.equals(big.subarray(start, end + 1)), `bytes=${start}-${end}`).toBe(true);
    });
  });

  it.skipIf(!HAS_PROC)('releases the file of every aborted download', async () => {
    const pid = server.child.pid!;
    await expectAlive(server);
    const baseline = await descriptorsSettle(pid, 0, 500);
    await inBatches(48, 8, (i) =>
      abortAfterFirstChunk(server.port, '/big.bin', i % 2 ? { Range: `bytes=${i * 1000}-` } : {}),
    );
    const after = await descriptorsSettle(pid, baseline);
    expect(after, `descriptors: ${baseline} before, ${after} after 48 aborted downloads`).toBeLessThanOrEqual(
      baseline,
    );
    await expectAlive(server);
  });

  it('closes the connection when a file is cut short while it is sent', async () => {
    // What copying new data over a file in place does to a download in progress. The second,
    // pipelined request must not be answered inside the first one's body.
    const cut = join(site, 'cut.bin');
    await writeFile(cut, '');
    await truncate(cut, 64 * 1024 * 1024);
    const received = await new Promise<Buffer>((resolveCut) => {
      const socket = connect(server.port, HOST);
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => socket.destroy(), 15_000);
      socket.on('error', () => {});
      socket.once('data', (first: Buffer) => {
        chunks.push(first);
        socket.pause();
        truncate(cut, 0).then(
          () => {
            socket.on('data', (c: Buffer) => chunks.push(c));
            socket.resume();
          },
          () => socket.destroy(),
        );
      });
      socket.on('close', () => {
        clearTimeout(timer);
        resolveCut(Buffer.concat(chunks));
      });
      socket.write(
        `GET /cut.bin HTTP/1.1\r\nHost: x\r\n\r\nGET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
    });
    expect(statusOf(received)).toBe(200);
    expect(received.length).toBeLessThan(64 * 1024 * 1024);
    expect(received.includes(INDEX)).toBe(false);
    await expectAlive(server);
  });
});

// ---- the command line -----------------------------------------------------------------------

describe('serve.mjs command line', { timeout: 60_000 }, () => {
  /** One line on stderr, no stack trace, a non-zero exit. */
  function expectOneLineFailure(result: { code: number | null; stderr: string }, pattern: RegExp): void {
    expect(result.code, result.stderr).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).toMatch(pattern);
  }

  it('refuses bad options in one line', async () => {
    expectOneLineFailure(await runCli(['--port', 'abc']), /--port abc/);
    expectOneLineFailure(await runCli(['--port', '70000']), /--port 70000/);
    expectOneLineFailure(await runCli(['--port', '-1']), /port/);
    expectOneLineFailure(await runCli(['--port']), /port/);
    expectOneLineFailure(await runCli(['--frobnicate']), /frobnicate/);
    expectOneLineFailure(await runCli(['stray']), /stray/);
    expectOneLineFailure(await runCli(['--root', join(work, 'no-such-folder')]), /--root/);
    expectOneLineFailure(await runCli(['--data', join(site, 'index.html')]), /--data/);
    expectOneLineFailure(await runCli(['--host', '']), /--host/);
  });

  it('says which port is in use', async () => {
    const blocker = createNetServer();
    await new Promise<void>((r) => blocker.listen(0, HOST, r));
    const { port } = blocker.address() as AddressInfo;
    try {
      expectOneLineFailure(
        await runCli(['--port', String(port)]),
        new RegExp(`port ${port} is in use: try --port`),
      );
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('says when the host is not an address of this computer', async () => {
    expectOneLineFailure(await runCli(['--port', '0', '--host', '203.0.113.7']), /203\.0\.113\.7/);
  });

  it('explains itself with --help', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const option of ['--port', '--host', '--root', '--data']) expect(result.stdout).toContain(option);
  });

  it('serves another folder with --root, still hiding the script there', async () => {
    const other = await start(SCRIPT, ['--port', '0', '--root', site]);
    try {
      await expectAlive(other);
      expect((await get(other.port, '/serve.mjs')).status).toBe(404);
      expect((await get(other.port, '/data/manifest.json')).body.toString()).toBe('{"from":"site"}');
    } finally {
      other.child.kill();
    }
  });

  it.skipIf(!HAS_PROC)('keeps serving under `ulimit -n 64` after 200 aborted downloads', async () => {
    const limited = await start(join(site, 'serve.mjs'), ['--port', '0'], 64);
    try {
      await inBatches(200, 20, (i) =>
        abortAfterFirstChunk(limited.port, '/big.bin', i % 3 ? {} : { Range: `bytes=${i}-` }),
      );
      const pid = limited.child.pid!;
      await descriptorsSettle(pid, 40);
      await expectAlive(limited);
      expect(limited.stderr()).not.toMatch(/^\s+at /m);
    } finally {
      limited.child.kill();
    }
  });
});

// ---- embedding --------------------------------------------------------------------------------

interface SiteModule {
  createSiteServer(options: { root: string; mounts?: Record<string, string> }): Server;
  createSiteHandler(options: {
    root: string;
    mounts?: Record<string, string>;
  }): (req: IncomingMessage, res: ServerResponse) => void;
}

describe('serve.mjs as a module', () => {
  it("caches content-named files of the site's own data folder for good", async () => {
    const module = (await import(/* @vite-ignore */ pathToFileURL(SCRIPT).href)) as SiteModule;
    const server = module.createSiteServer({ root: site });
    await new Promise<void>((r) => server.listen(0, HOST, r));
    const { port } = server.address() as AddressInfo;
    try {
      expect((await get(port, `/data/${HASHED_DATA}`)).headers['cache-control']).toBe(
        'public, max-age=31536000, immutable',
      );
      expect((await get(port, '/data/manifest.json')).headers['cache-control']).toBe('no-cache');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('can be imported without starting the command line, and mounts folders by longest prefix', async () => {
    const module = (await import(/* @vite-ignore */ pathToFileURL(SCRIPT).href)) as SiteModule;
    const tiles = join(work, 'tiles');
    await mkdir(tiles, { recursive: true });
    await writeFile(join(tiles, 'a.pmtiles'), 'tiles');
    const server = module.createSiteServer({
      root: site,
      mounts: { '/data/': mount, '/data/tiles/': tiles },
    });
    await new Promise<void>((r) => server.listen(0, HOST, r));
    const { port } = server.address() as AddressInfo;
    try {
      expect((await get(port, '/data/manifest.json')).body.toString()).toBe('{"from":"mount"}');
      expect((await get(port, '/data/tiles/a.pmtiles')).body.toString()).toBe('tiles');
      expect((await get(port, '/index.html')).body.toString()).toBe(INDEX);
      expect((await get(port, '/data/.secret')).status).toBe(404);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    expect(() => module.createSiteHandler({ root: site, mounts: { data: mount } })).toThrow(/mount prefix/);
  });
});
