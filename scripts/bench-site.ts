/**
 * `npm run bench:site [-- --communities 220000 --amenities 100000 --timeout 180 --rebuild --site-only --cpu-prof]`
 *
 * The site on the national-scale test dataset, in real Chromium (playwright-core driving
 * /usr/bin/chromium with SwiftShader, as the browser tests do), side by side with the naive
 * approach: the same map loading communities.geojson as one plain GeoJSON source (a small page
 * of its own, written here into tmp/, not part of the product). For each it measures
 *
 * - first render: from navigation until the map is idle with communities drawn;
 * - filter: from setting a stage filter on the community circles until the map is idle again;
 * - JS heap: used heap of the page and of its workers (CDP Runtime.getHeapUsage);
 * - bytes: response bytes the local server sent (uncompressed; no gzip on the wire);
 * - first load, gzip: what the page fetched until interactive (map drawn, the exploring bar's
 *   counts shown), each response gzipped as a server would, by kind (JS, CSS, manifest, explore,
 *   aggregates, tiles, basemap), for the full site and for an embed of one layer (`?embed=1`);
 *   the explore index's figures part, fetched once the page is interactive, is printed apart;
 * - filter compute: a filter ticked in the explore panel: ms computing the mask, counts, facets
 *   and summaries (performance.measure `explore:compute:*`), and until the page shows them,
 *   charts and DOM included (`explore:filter`); the map's drawing is in neither;
 *
 * and prints the built site's code size (gzip -9) by chunk, initial or lazy (scripts/site/code-size.ts).
 * `--cpu-prof` records a CPU profile of the page while it applies the filters
 * (tmp/bench-site/filters.cpuprofile, for DevTools) and prints the functions with the most self
 * time; the site is then built unminified, for readable names, and the profiler slows the page:
 * use such a run to see where the time goes, not for the figures.
 * A timeout is reported as the result. A benchmark, not a test: it prints figures and asserts nothing.
 *
 * The data is generated and built unless tmp/ holds a build of the same size made with the
 * current pipeline code (`--rebuild` forces it).
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FilterSpecification } from 'maplibre-gl';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../tests/browser/browser';
import { positiveArg } from './cli/positive-arg';
import { formatCodeSize, readCodeSize } from './site/code-size';
import { topSelfTime, type CpuProfile } from './bench/cpu-profile-top';
import { EMPTY_FILTERS, filterExpression } from '../src/explore/filters';
import { basemapStyle } from '../src/map/basemap-style';
import { COMMUNITY_LAYER_IDS, communityLayers } from '../src/map/layers/community-style';

// ---------------------------------------------------------------- arguments

const args = process.argv.slice(2);
const numberArg = (name: string, fallback: number) =>
  positiveArg(args, name, fallback, { tool: 'bench:site', integer: false });
const COMMUNITIES = numberArg('communities', 220000);
const AMENITIES = numberArg('amenities', 100000);
/** Seconds each measurement may take before it is reported as timed out. */
const TIMEOUT_S = numberArg('timeout', 180);
const REBUILD = args.includes('--rebuild');
/** Measure the site only, skipping the naive page (minutes under SwiftShader). */
const SITE_ONLY = args.includes('--site-only');
/** Profile the page's main thread while the filters are applied (off: no profiler, minified build). */
const CPU_PROF = args.includes('--cpu-prof');

const ROOT = process.cwd();
const INPUT = join('tmp', `national-${COMMUNITIES}-${AMENITIES}`);
const DATA = join('tmp', `bench-out-${COMMUNITIES}`);
const WORK = join('tmp', 'bench-site');
const VIEWPORT = { width: 1280, height: 800 };
/** The stage filter both pages apply: completed communities only. */
const STAGE_FILTER = filterExpression({ ...EMPTY_FILTERS, stage: ['completed'] }) as FilterSpecification;

// ---------------------------------------------------------------- data and site

function run(label: string, command: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`${label} …`);
  const r = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`bench:site: ${label} failed (exit ${r.status})`);
    process.exit(1);
  }
}

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((e) => newestMtime(join(path, e))));
}

/** The national dataset built by the current pipeline, reused when it is already there. */
function ensureData(): void {
  if (!existsSync(join(INPUT, 'communities.csv')) || !existsSync(join(INPUT, 'amenities.csv')))
    run(`generating ${COMMUNITIES} communities and ${AMENITIES} amenities into ${INPUT}/`, [
      process.execPath,
      '--import',
      'tsx',
      'scripts/generate-national.ts',
      '--communities',
      String(COMMUNITIES),
      '--amenities',
      String(AMENITIES),
      '--out',
      INPUT,
    ]);
  const manifest = join(DATA, 'manifest.json');
  const code = Math.max(
    ...['scripts/pipeline', 'scripts/build-data.ts', 'src/domain', 'src/contracts'].map(newestMtime),
  );
  let reuse = false;
  if (!REBUILD && existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { counts?: { communities?: number } };
    reuse = m.counts?.communities === COMMUNITIES && statSync(manifest).mtimeMs > code;
  }
  if (reuse) console.log(`reusing ${DATA}/ (built by the current pipeline)`);
  else
    run(`building ${DATA}/ with build:data`, [
      process.execPath,
      '--import',
      'tsx',
      'scripts/build-data.ts',
      '--communities',
      join(INPUT, 'communities.csv'),
      '--amenities',
      join(INPUT, 'amenities.csv'),
      '--out',
      DATA,
      '--quiet',
    ]);
}

function viteBuild(outDir: string, env: NodeJS.ProcessEnv): void {
  run(
    `vite build → ${outDir}`,
    [
      process.execPath,
      'node_modules/vite/bin/vite.js',
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
      ...(CPU_PROF ? ['--minify', 'false'] : []),
    ],
    {
      NODE_ENV: 'production',
      ...env,
    },
  );
}

/** The naive page: MapLibre with the offline basemap and communities.geojson as one GeoJSON source. */
async function writeNaivePage(dir: string, bbox: number[] | null): Promise<void> {
  await mkdir(dir, { recursive: true });
  const circles: Record<string, unknown> = { ...communityLayers('communities', 'communities').circles };
  delete circles['source-layer'];
  const page = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>naive GeoJSON benchmark page</title>
<link rel="stylesheet" href="./maplibre/maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%}</style></head>
<body><div id="map"></div>
<script src="./pmtiles/pmtiles.js"></script>
<script type="module">
import * as maplibregl from './maplibre/maplibre-gl.mjs';
maplibregl.setWorkerUrl(new URL('./maplibre/maplibre-gl-worker.mjs', document.baseURI).href);
// The offline basemap is a PMTiles archive, read through the same protocol the site registers.
maplibregl.addProtocol('pmtiles', new pmtiles.Protocol().tile);
const style = JSON.parse(${JSON.stringify(JSON.stringify(basemapStyle('http://placeholder/')))}.replaceAll('http://placeholder/', document.baseURI));
style.sources.communities = { type: 'geojson', data: new URL('./data/communities.geojson', document.baseURI).href };
style.layers.push(${JSON.stringify(circles)});
const bbox = ${JSON.stringify(bbox)};
window.__atlasMap = new maplibregl.Map({
  container: 'map', style, attributionControl: false,
  ...(bbox ? { bounds: bbox, fitBoundsOptions: { padding: { top: 40, bottom: 40, left: 320, right: 40 }, maxZoom: 13 } } : { center: [105, 35], zoom: 3 }),
});
</script></body></html>`;
  await writeFile(join(dir, 'index.html'), page);
}

// ---------------------------------------------------------------- a server that counts bytes

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
};

/** One response body the server sent: which file, which bytes. */
interface Sent {
  path: string;
  file: string;
  start: number;
  end: number;
}

interface CountingServer {
  url: string;
  /** Body bytes sent since the last `reset`, by URL path. */
  sent: Map<string, number>;
  /** Every response since the last `reset`, in order. */
  responses: Sent[];
  reset(): void;
  close(): Promise<void>;
}

/** Serves `mounts` (URL prefix → folder, longest prefix first) with Range support, counting body bytes sent. */
async function serve(mounts: Record<string, string>): Promise<CountingServer> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  let sent = new Map<string, number>();
  let responses: Sent[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = prefixes.find((p) => path.startsWith(p))!;
    const root = normalize(mounts[prefix]!);
    const rest = path.slice(prefix.length);
    const file = normalize(join(root, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest));
    const info =
      file.startsWith(root + sep) || file === root ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!info?.isFile()) return void res.writeHead(404).end();
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    };
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = info.size - 1;
    if (range) {
      start = range[1] ? Number(range[1]) : info.size - Number(range[2]);
      end = range[1] && range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1;
      res.writeHead(206, {
        ...headers,
        'Content-Range': `bytes ${start}-${end}/${info.size}`,
        'Content-Length': end - start + 1,
      });
    } else res.writeHead(200, { ...headers, 'Content-Length': info.size });
    responses.push({ path, file, start, end });
    const stream = createReadStream(file, { start, end });
    stream.on('data', (chunk) => sent.set(path, (sent.get(path) ?? 0) + chunk.length));
    stream.pipe(res);
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    get sent() {
      return sent;
    },
    get responses() {
      return responses;
    },
    reset: () => {
      sent = new Map();
      responses = [];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------- first load, gzip

/** What a first-load byte is for, by URL path. */
const LOAD_KINDS = [
  'JS',
  'CSS',
  'HTML',
  'manifest',
  'explore',
  'aggregates',
  'tiles',
  'basemap',
  'other',
  'background',
] as const;
type LoadKind = (typeof LOAD_KINDS)[number];

/**
 * Kinds fetched after the page is interactive, without blocking it (the explore index's figures
 * part, src/contracts/explore-binary.ts): reported apart, not counted in the first load.
 */
const BACKGROUND_KINDS: readonly LoadKind[] = ['background'];

function kindOf(path: string): LoadKind {
  if (path.startsWith('/basemap/')) return 'basemap';
  if (/\.m?js$/.test(path)) return 'JS';
  if (path.endsWith('.css')) return 'CSS';
  if (path === '/' || path.endsWith('.html')) return 'HTML';
  if (path.endsWith('/manifest.json')) return 'manifest';
  if (/\/explore-figures[-.][^/]*$/.test(path)) return 'background';
  if (/\/explore[-.][^/]*$/.test(path)) return 'explore';
  if (path.includes('/aggregates/')) return 'aggregates';
  if (path.endsWith('.pmtiles')) return 'tiles';
  return 'other';
}

/**
 * Gzip bytes (level 6, a web server's usual setting) of every response, summed by kind: what a
 * phone would download. Tiles are gzip MVT already and barely shrink; they count as they are.
 */
function gzipByKind(responses: readonly Sent[]): Record<LoadKind, number> {
  const out = Object.fromEntries(LOAD_KINDS.map((k) => [k, 0])) as Record<LoadKind, number>;
  for (const r of responses) {
    const length = r.end - r.start + 1;
    if (length <= 0) continue;
    const body = Buffer.alloc(length);
    const fd = openSync(r.file, 'r');
    try {
      readSync(fd, body, 0, length, r.start);
    } finally {
      closeSync(fd);
    }
    out[kindOf(r.path)] += gzipSync(body, { level: 6 }).length;
  }
  return out;
}

/** Explore files sent, each with its raw and gzip size, for the per-part table. */
function exploreFiles(responses: readonly Sent[]): { path: string; raw: number; gzip: number }[] {
  return responses
    .filter((r) => kindOf(r.path) === 'explore' || kindOf(r.path) === 'background')
    .map((r) => {
      const body = readFileSync(r.file);
      return { path: r.path, raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
    });
}

// ---------------------------------------------------------------- measurements

interface Result {
  firstRenderMs: number | null;
  filterMs: number | null;
  heapMiB: { page: number; workers: number } | null;
  bytes: number;
  /** The files that took the most bytes, largest first. */
  largest: [path: string, bytes: number][];
  /** What was fetched before the page was interactive, gzip bytes by kind; null when not reached. */
  firstLoad: Record<LoadKind, number> | null;
  /** The explore files of the first load (raw and gzip). */
  firstLoadExplore: { path: string; raw: number; gzip: number }[];
  /** Whether the explore index was decoded in its worker (the worker script was fetched). */
  decodedInWorker: boolean;
  /**
   * Each filter applied in the panel: ms computing mask, counts, facets and summaries
   * (`compute`), and until the page showed them, DOM and chart components included (`shown`);
   * the map's drawing is in neither.
   */
  filterComputeMs: { compute: number; shown: number; parts: Record<string, number> }[];
  note: string;
}

/**
 * Used JS heap of the page and of every dedicated worker, through CDP: workers are attached
 * with auto-attach and asked through `Target.sendMessageToTarget`.
 */
async function heapUsage(
  cdp: CDPSession,
  workerSessions: string[],
): Promise<{ page: number; workers: number }> {
  const page = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  let workers = 0;
  for (const sessionId of workerSessions) {
    const id = Math.floor(Math.random() * 1e9);
    const reply = new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(0), 5000);
      const listener = (event: { sessionId: string; message: string }) => {
        const msg = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
        if (event.sessionId !== sessionId || msg.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', listener);
        clearTimeout(timer);
        resolve(msg.result?.usedSize ?? 0);
      };
      cdp.on('Target.receivedMessageFromTarget', listener);
    });
    await cdp
      .send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
      })
      .catch(() => undefined);
    workers += await reply;
  }
  const mib = (n: number) => Math.round((n / 1048576) * 10) / 10;
  return { page: mib(page), workers: mib(workers) };
}

/**
 * In the page from its first script: records when the map is first idle with communities
 * drawn. A string, not a function: tsx would wrap named functions in a helper the page lacks.
 */
const FIRST_RENDER_PROBE = `(() => {
  window.__bench = {};
  const layer = ${JSON.stringify(COMMUNITY_LAYER_IDS.circles)};
  const wait = () => {
    const map = window.__atlasMap;
    if (!map) return void setTimeout(wait, 20);
    const check = () => {
      if (window.__bench.firstRender !== undefined || !map.getLayer(layer) || !map.loaded()) return;
      if (map.queryRenderedFeatures({ layers: [layer] }).length) window.__bench.firstRender = performance.now();
    };
    map.on('idle', check);
    check();
  };
  wait();
})();`;

/**
 * The first load of a page: once the map is drawn and, on the site, the exploring bar shows its
 * counts (the explore index decoded), plus a second without new requests for late starters.
 */
async function snapshotFirstLoad(page: Page, server: CountingServer, interactive: string | null) {
  if (interactive)
    await page
      .locator(interactive)
      .first()
      .waitFor({ timeout: TIMEOUT_S * 1000 });
  let count = -1;
  while (count !== server.responses.length) {
    count = server.responses.length;
    await page.waitForTimeout(1000);
  }
  const responses = server.responses.slice();
  return {
    firstLoad: gzipByKind(responses),
    firstLoadExplore: exploreFiles(responses),
    // The decoding worker's script was fetched: the index was decoded off the main thread.
    decodedInWorker: responses.some((r) => /explore-decode\.worker/.test(r.path)),
  };
}

/**
 * Waits, as a reader looks at the map before the next click, until the map has drawn the last
 * filter (MapLibre's `idle`) and a quarter second more. Without it the next filter's computation
 * shared the two cores with SwiftShader drawing the previous one on the CPU, which is map drawing
 * (not counted): five runs each way on 2026-12-05, 15 filters took 23.9–62.6 ms without the wait
 * and 16.9–44.2 ms with it.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
    if (!map.loaded()) await new Promise((resolve) => map.once('idle', resolve));
    await new Promise((resolve) => setTimeout(resolve, 250));
  });
}

/**
 * Applies filters in the explore panel as a reader would (ticks the first two stages, then
 * unticks them) and reads how long each took to recompute counts, facets and chart data
 * (`explore:filter`, src/explore/explore-state.svelte.ts).
 */
async function filterCompute(
  page: Page,
  cdp: CDPSession,
): Promise<{ compute: number; shown: number; parts: Record<string, number> }[]> {
  await page.locator('button.toggle[aria-controls="explore-panel"]').first().click();
  const section = page.locator('#explore-panel details').first();
  await section.waitFor();
  await section.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  const boxes = section.locator('input[type="checkbox"]');
  const out: { compute: number; shown: number; parts: Record<string, number> }[] = [];
  if (CPU_PROF) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  for (const k of [0, 1, 0, 1]) {
    await settled(page);
    await page.evaluate(() => performance.clearMeasures());
    await boxes.nth(k).click();
    const handle = await page.waitForFunction(
      () => {
        const shown = performance.getEntriesByName('explore:filter').at(-1)?.duration;
        if (shown === undefined) return null;
        const measures = performance
          .getEntriesByType('measure')
          .filter((e) => e.name.startsWith('explore:compute:'));
        const compute = measures.reduce((sum, e) => sum + e.duration, 0);
        // Each computation apart (mask, summary, facets, charts), to see which one a slow filter
        // spent on; one made more than once is named with the count (`summary ×2`).
        const sums = new Map<string, { ms: number; n: number }>();
        for (const e of measures) {
          const name = e.name.slice('explore:compute:'.length);
          const sum = sums.get(name) ?? { ms: 0, n: 0 };
          sums.set(name, { ms: sum.ms + e.duration, n: sum.n + 1 });
        }
        const parts: Record<string, number> = {};
        for (const [name, { ms, n }] of sums)
          parts[n > 1 ? `${name} ×${n}` : name] = Math.round(ms * 10) / 10;
        return { compute, shown, parts };
      },
      null,
      { timeout: TIMEOUT_S * 1000, polling: 50 },
    );
    const { compute, shown, parts } = (await handle.jsonValue()) as {
      compute: number;
      shown: number;
      parts: Record<string, number>;
    };
    out.push({ compute: Math.round(compute * 10) / 10, shown: Math.round(shown * 10) / 10, parts });
  }
  if (CPU_PROF) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    await writeFile(join(WORK, 'filters.cpuprofile'), JSON.stringify(profile));
    console.log(`CPU profile of the page while filtering: ${WORK}/filters.cpuprofile; most self time:`);
    for (const { name, ms } of topSelfTime(profile, 20))
      console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
  }
  return out;
}

/** Loads `path` and measures the first load only (the embed). */
async function measureFirstLoad(
  browser: Browser,
  server: CountingServer,
  path: string,
  interactive: string | null,
) {
  const context = await browser.newContext({ viewport: { width: 800, height: 500 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.addInitScript({ content: FIRST_RENDER_PROBE });
  server.reset();
  try {
    await page.goto(server.url + path, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as unknown as { __bench: { firstRender?: number } }).__bench.firstRender,
      null,
      { timeout: TIMEOUT_S * 1000, polling: 200 },
    );
    return (await snapshotFirstLoad(page, server, interactive)).firstLoad;
  } catch (e) {
    console.log(`first load of ${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return null;
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function measure(
  browser: Browser,
  server: CountingServer,
  label: string,
  interactive: string | null = null,
): Promise<Result> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const workerSessions: string[] = [];
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
    if (e.targetInfo.type === 'worker') workerSessions.push(e.sessionId);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let crashed = false;
  page.on('crash', () => (crashed = true));
  await page.addInitScript({ content: FIRST_RENDER_PROBE });
  server.reset();
  const result: Result = {
    firstRenderMs: null,
    filterMs: null,
    heapMiB: null,
    bytes: 0,
    largest: [],
    firstLoad: null,
    firstLoadExplore: [],
    decodedInWorker: false,
    filterComputeMs: [],
    note: '',
  };
  const timeout = TIMEOUT_S * 1000;
  try {
    console.log(`${label}: loading …`);
    await page.goto(server.url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as unknown as { __bench: { firstRender?: number } }).__bench.firstRender,
      null,
      {
        timeout,
        polling: 200,
      },
    );
    result.firstRenderMs = Math.round(
      await page.evaluate(
        () => (window as unknown as { __bench: { firstRender: number } }).__bench.firstRender,
      ),
    );
    Object.assign(result, await snapshotFirstLoad(page, server, interactive));
    result.heapMiB = await heapUsage(cdp, workerSessions);
    console.log(`${label}: first render ${result.firstRenderMs} ms; filtering …`);
    result.filterMs = Math.round(
      await page.evaluate(
        async ({ layer, filter, timeout }) => {
          const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
          const t = performance.now();
          const idle = new Promise((resolve) => map.once('idle', resolve));
          map.setFilter(layer, JSON.parse(filter) as import('maplibre-gl').FilterSpecification);
          await Promise.race([
            idle,
            new Promise((_, reject) => setTimeout(() => reject(new Error('filter timed out')), timeout)),
          ]);
          return performance.now() - t;
        },
        // As JSON: the expression's recursive type is too deep for playwright's argument types.
        { layer: COMMUNITY_LAYER_IDS.circles, filter: JSON.stringify(STAGE_FILTER), timeout },
      ),
    );
    if (interactive) result.filterComputeMs = await filterCompute(page, cdp);
    const after = await heapUsage(cdp, workerSessions);
    result.heapMiB = {
      page: Math.max(result.heapMiB.page, after.page),
      workers: Math.max(result.heapMiB.workers, after.workers),
    };
    await page.screenshot({ path: join(WORK, `${label}.png`) });
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    result.note = crashed
      ? 'page crashed (out of memory?)'
      : /timeout|timed out/i.test(message)
        ? `timed out after ${TIMEOUT_S} s`
        : message;
    if (!crashed) result.heapMiB = await heapUsage(cdp, workerSessions).catch(() => null);
    await page.screenshot({ path: join(WORK, `${label}.png`) }).catch(() => undefined);
  }
  result.bytes = [...server.sent.values()].reduce((a, b) => a + b, 0);
  result.largest = [...server.sent].sort((a, b) => b[1] - a[1]).slice(0, 3);
  await context.close().catch(() => undefined);
  return result;
}

// ---------------------------------------------------------------- bundle

async function bundleTable(dist: string): Promise<string> {
  // Initial = entry, its static imports and the map's worker, from the build's manifest (scripts/site).
  return formatCodeSize(await readCodeSize(dist));
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  ensureData();
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  const plain = join(WORK, 'dist');
  const hooked = join(WORK, 'dist-bench');
  viteBuild(plain, {});
  // The same site with the map exposed to this script (ATLAS_BENCH_HOOKS, scripts/vite/atlas-config.ts).
  viteBuild(hooked, { ATLAS_BENCH_HOOKS: '1' });
  const manifest = JSON.parse(await readFile(join(DATA, 'manifest.json'), 'utf8')) as {
    bbox: number[] | null;
  };
  const naive = join(WORK, 'naive');
  await writeNaivePage(naive, manifest.bbox);

  const site = await serve({ '/': hooked, '/data/': DATA });
  const plainGeojson = await serve({
    '/': naive,
    '/maplibre/': join(ROOT, 'node_modules/maplibre-gl/dist'),
    '/pmtiles/': join(ROOT, 'node_modules/pmtiles/dist'),
    '/basemap/': join(hooked, 'basemap'),
    '/data/': DATA,
  });
  const browser = await launchBrowser();
  const version = browser.version();
  // Other work on the machine slows everything here: the load is printed with the figures.
  const loadBefore = loadavg()[0]!;
  let product: Result;
  let naiveResult: Result;
  let embedLoad: Record<LoadKind, number> | null;
  try {
    // Interactive: the exploring bar shows its counts, so the explore index is in.
    product = await measure(browser, site, 'site', '.counts[data-matched]');
    // An embed of one layer (the default status map), as the embed dialog writes it.
    embedLoad = await measureFirstLoad(browser, site, '?embed=1', null);
    naiveResult = SITE_ONLY
      ? {
          ...product,
          firstRenderMs: null,
          filterMs: null,
          heapMiB: null,
          bytes: 0,
          largest: [],
          note: 'skipped',
        }
      : await measure(browser, plainGeojson, 'naive-geojson');
  } finally {
    await browser.close();
    await site.close();
    await plainGeojson.close();
  }

  const geojsonMiB = statSync(join(DATA, 'communities.geojson')).size / 1048576;
  const ms = (v: number | null, note: string) => (v === null ? note || '—' : `${(v / 1000).toFixed(2)} s`);
  const heap = (r: Result) => (r.heapMiB ? `${r.heapMiB.page} + ${r.heapMiB.workers} MiB` : '—');
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
  const table = [
    ['', 'site (PMTiles)', 'naive (one GeoJSON source)'],
    [
      'first render (idle, communities drawn)',
      ms(product.firstRenderMs, product.note),
      ms(naiveResult.firstRenderMs, naiveResult.note),
    ],
    [
      'stage filter applied (idle again)',
      ms(product.filterMs, product.firstRenderMs === null ? 'not reached' : product.note),
      ms(naiveResult.filterMs, naiveResult.firstRenderMs === null ? 'not reached' : naiveResult.note),
    ],
    ['JS heap used, page + workers', heap(product), heap(naiveResult)],
    ['bytes transferred (uncompressed)', mb(product.bytes), mb(naiveResult.bytes)],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...table.map((r) => r[c]!.length)));
  console.log(
    `\nbench:site: ${COMMUNITIES} communities (communities.geojson ${geojsonMiB.toFixed(0)} MiB), viewport ${VIEWPORT.width}×${VIEWPORT.height}, timeout ${TIMEOUT_S} s`,
  );
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 1073741824).toFixed(0)} GiB RAM, load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}; Chromium ${version}, WebGL on SwiftShader (CPU)\n`,
  );
  for (const row of table) console.log(`  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  │  ')}`);
  for (const [label, r] of [
    ['site', product],
    ['naive', naiveResult],
  ] as const)
    console.log(`  largest transfers, ${label}: ${r.largest.map(([p, b]) => `${p} ${mb(b)}`).join(', ')}`);
  const kb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
  const loadLine = (label: string, load: Record<LoadKind, number> | null) =>
    load
      ? `  ${label}: ${kb(
          LOAD_KINDS.reduce((sum, k) => sum + (BACKGROUND_KINDS.includes(k) ? 0 : load[k]), 0),
        )} gzip (${LOAD_KINDS.filter((k) => load[k] && !BACKGROUND_KINDS.includes(k))
          .map((k) => `${k} ${kb(load[k])}`)
          .join(', ')})${
          load.background ? `; then in the background, not blocking: ${kb(load.background)}` : ''
        }`
      : `  ${label}: not reached`;
  console.log('\nfirst load, gzip (level 6, per response; until interactive and a second without requests):');
  console.log(loadLine('site', product.firstLoad));
  console.log(loadLine('embed ?embed=1 (800×500)', embedLoad));
  for (const f of product.firstLoadExplore)
    console.log(`    ${f.path}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  console.log(`  explore index decoded in a worker: ${product.decodedInWorker ? 'yes' : 'no'}`);
  if (product.filterComputeMs.length)
    console.log(
      `filter applied in the panel, ms computing mask + counts + facets + summaries / until shown (charts and DOM, no map drawing): ${product.filterComputeMs.map((v) => `${v.compute} / ${v.shown}`).join(', ')}`,
    );
  for (const [k, v] of product.filterComputeMs.entries())
    console.log(
      `    filter ${k + 1}: ${Object.entries(v.parts)
        .map(([name, ms]) => `${name} ${ms}`)
        .join(', ')} ms`,
    );
  console.log(`\nbundle of the built site (dist/):\n${await bundleTable(plain)}`);
  console.log(`\nscreenshots: ${WORK}/site.png, ${WORK}/naive-geojson.png`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
