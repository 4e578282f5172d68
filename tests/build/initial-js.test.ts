/**
 * The initial-JS budget: what the default page loads before it can be used (the entry chunk,
 * every chunk it imports statically, MapLibre's worker; scripts/site/initial-js.ts), gzip -9,
 * from a real `vite build`. Views the first screen does not show (the table, the filter panel
 * and its charts, the community panel, area statistics, exports, the services and funding
 * layers, presentation mode, dialogs, the phone's sheet, the embed's bar) are dynamic imports
 * and must stay out of it, and so are the first screen's parts that wait for the page to be
 * idle (src/first-idle.ts: search, share and map tools).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCodeSize, MANIFEST_PATH, readCodeSize, type CodeSize } from '../../scripts/site/code-size';
import { initialFiles, type ViteManifest } from '../../scripts/site/initial-js';
import { EN_MESSAGES } from '../../src/i18n/messages-en';
import { ZH_VIEWS } from '../../src/i18n/messages-zh-views';
import { buildSite, type SiteBuild } from '../browser/build-site';

/**
 * Gzip -9 bytes of initial JS the default page may load, the map's worker included (the issue's
 * "today 570 KiB" counted it too): the 500 KB, which now holds as 500,000 B and not only
 * as 500 KiB. Today 498,911 B (487.2 KiB), from 511,080 B (499.1 KiB) before pmtiles was bundled
 * from its source with fflate lazy, the search, share and map tools waited for the idle page,
 * the ledger words left the vocabulary, the phone's sheet became a chunk of its own and modules
 * the first load imports lost what only lazy views use (524.3 KiB before the first load became
 * one chunk, the text chunks of their own, the search index lazy, the explore decoder
 * worker-only, and GCJ-02 two functions instead of gcoord). MapLibre's two files alone gzip to
 * about 422 KiB (the main file as bundled, tree-shaken, 277 KiB on its own; the worker as
 * published, 145 KiB), Svelte's runtime to about 14 KiB and pmtiles to 3 KiB; most of the rest
 * is the first screen itself (its text, the explore index and filters, the header, legend and
 * map layers). The 1.1 KB left is room for the explore decoder's worker, which the first load
 * starts too. Lower it as that shrinks; never raise it without saying why.
 */
const INITIAL_JS_BUDGET = 500_000;

describe('initial JS', () => {
  let build: SiteBuild;
  let size: CodeSize;
  let manifest: ViteManifest;
  let html: string;

  beforeAll(async () => {
    build = await buildSite();
    size = await readCodeSize(build.dir);
    manifest = JSON.parse(await readFile(join(build.dir, MANIFEST_PATH), 'utf8')) as ViteManifest;
    html = await readFile(join(build.dir, 'index.html'), 'utf8');
    console.log(`code (gzip -9):\n${formatCodeSize(size)}`);
  }, 300_000);

  it(`is at most ${INITIAL_JS_BUDGET.toLocaleString('en')} B gzip`, () => {
    expect(size.initialJs).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  });

  it('counts what index.html loads: its module script and modulepreloads, no more', () => {
    // The manifest's graph and the page must agree, or the budget counts the wrong files.
    const loaded = [
      ...html.matchAll(
        /<script type="module"[^>]*src="\.\/([^"]+)"|<link rel="modulepreload"[^>]*href="\.\/([^"]+)"/g,
      ),
    ].map((m) => m[1] ?? m[2]);
    const { js } = initialFiles(manifest);
    // Workers are not preloaded: they are assets the code starts by URL.
    const assets = new Set(Object.values(manifest).flatMap((c) => c.assets ?? []));
    expect(new Set(loaded)).toEqual(new Set(js.filter((f) => !assets.has(f))));
  });

  it("carries the first screen's text, and names no key of the other views' text", async () => {
    // A key the first load's code names may be shown before the other views' text (a chunk of
    // its own, src/i18n/messages.ts) is in, and would read as empty: it belongs in messages.ts.
    const { js } = initialFiles(manifest);
    const code = (await Promise.all(js.map((f) => readFile(join(build.dir, f), 'utf8')))).join('\n');
    expect(code).toContain('小区焕新地图');
    const named = Object.keys(ZH_VIEWS).filter((key) =>
      new RegExp(`[\`'"]${key.replaceAll('.', '\\.')}[\`'"]`).test(code),
    );
    expect(named, 'keys the first load names that only messages-zh-views.ts has').toEqual([]);
    // The views' text and English stay out of the first load.
    expect(code).not.toContain(Object.values(ZH_VIEWS)[0]);
    expect(code).not.toContain(EN_MESSAGES['data.mismatch'].slice(0, 40));
  });

  it('keeps the views the first screen does not show in lazy chunks', () => {
    const { js } = initialFiles(manifest);
    const initialSources = new Set(
      Object.values(manifest)
        .filter((c) => js.includes(c.file) && c.src)
        .map((c) => c.src!),
    );
    const lazy = [
      'src/table/TableView.svelte',
      'src/explore/ExplorePanel.svelte',
      'src/panels/CommunityPanel.svelte',
      'src/area/AreaSession.svelte',
      'src/present/start.ts',
      'src/map/layers/CatchmentLayer.svelte',
      'src/map/layers/FundingHexLayer.svelte',
      'src/map/layers/funding-hex-overlay.ts',
      'src/map/protomaps-style.ts',
      'src/sheet/PhoneSheet.svelte',
      'src/first-idle.ts',
      'src/embed/EmbedBar.svelte',
      // The text of the views above and of English, the search index, the decoder's main-thread
      // fallback: each loads on first need (the decoder is in its worker).
      'src/i18n/messages-zh-views.ts',
      'src/i18n/messages-en.ts',
      'src/search/explore-search.ts',
      'src/explore/explore-decode-part.ts',
    ];
    for (const src of lazy) {
      expect(manifest[src], `${src} is a chunk of its own`).toBeDefined();
      expect(manifest[src]!.isDynamicEntry, `${src} loads on use`).toBe(true);
      expect(initialSources.has(src), `${src} stays out of the first load`).toBe(false);
    }
    // The PNG export, shared with presentation mode, is a chunk of its own rather than a dynamic entry.
    const exportChunks = Object.values(manifest).filter((c) => /^assets\/export-(view|png)-/.test(c.file));
    expect(exportChunks.length, 'export-view and export-png chunks').toBe(2);
    for (const c of exportChunks) expect(js, c.file).not.toContain(c.file);
    // pmtiles' fallback decompressor (fflate) loads only where DecompressionStream is missing.
    const fflate = Object.entries(manifest).filter(([key]) => /node_modules\/.*fflate\//.test(key));
    expect(fflate.length, 'a chunk of fflate').toBeGreaterThan(0);
    for (const [, c] of fflate) {
      expect(c.isDynamicEntry, `${c.file} loads on use`).toBe(true);
      expect(js, c.file).not.toContain(c.file);
    }
    // The MapLibre worker is counted: the map starts it before it draws.
    expect(js.some((f) => /maplibre-gl-worker.*\.mjs$/.test(f))).toBe(true);
  });
});
