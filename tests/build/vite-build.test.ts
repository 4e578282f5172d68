/**
 * The production build (`vite build`) and what it ships: the strict Content-Security-Policy,
 * relative asset paths (dist/ must work from any folder), no URLs of other hosts that code
 * could fetch, the code-split deck.gl chunk, the offline basemap, and the link-preview tags and
 * image. The bundle size and its budget: initial-js.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../../scripts/og/png-pixels';
import { listFiles } from '../../scripts/pipeline/output/output-files';
import { openArchive } from '../../scripts/pipeline/tiles/test-utils';
import { STAGES, type Stage } from '../../src/domain/vocabulary';
import { BASEMAP_COLORS, BASEMAP_FILES, basemapStyle } from '../../src/map/basemap-style';
import { STAGE_COLORS } from '../../src/style/scales';
import { buildSite, ROOT, type SiteBuild } from '../browser/build-site';

/**
 * Hosts that may appear in string literals of the shipped JS, and why none is ever fetched.
 * Any other host fails the test: a dependency that starts calling a CDN or a tile server must
 * be noticed. (Comments and licence headers are not string literals and are not checked.)
 */
const ALLOWED_HOSTS: Record<string, string> = {
  'www.w3.org': 'XML namespace identifiers (createElementNS), never requested',
  'svelte.dev': 'documentation link inside Svelte error messages',
  'maplibre.org': 'href of the MapLibre logo control, which this site does not show',
  'maplibre.invalid': 'placeholder base MapLibre uses to parse relative URLs (.invalid never resolves)',
  'wiki.openstreetmap.org': 'link in MapLibre\'s "this map requires WebGL" error message',
  'github.com': 'issue and README links in MapLibre and PMTiles error messages',
  'en.wikipedia.org': 'link in a luma.gl error message about float precision',
  'unpkg.com':
    "loaders.gl's default CDN for worker loaders; the site passes aggregates to deck.gl as arrays, so no loader runs (the browser tests fail on any request off the test server)",
};

interface Asset {
  path: string;
  bytes: Buffer;
}

/** URLs (`http://…`, `https://…`, `//host.tld/…`) inside the JS's string and template literals. */
function urlsInStrings(source: string, fileName: string): string[] {
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const urls: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      for (const m of node.text.matchAll(/(?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`<>)]*/gi)) {
        // `//` also starts comments in code carried as strings; keep only absolute or protocol-relative URLs.
        if (/^https?:/i.test(m[0]) || m.index === 0) urls.push(m[0]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return urls;
}

const hostOf = (url: string) => new URL(url.startsWith('//') ? `https:${url}` : url).hostname;

describe('vite build', () => {
  let build: SiteBuild;
  let assets: Asset[];
  let html: string;

  beforeAll(async () => {
    build = await buildSite();
    assets = await Promise.all(
      (await listFiles(build.dir)).map(async (path) => ({
        path,
        bytes: await readFile(join(build.dir, path)),
      })),
    );
    html = await readFile(join(build.dir, 'index.html'), 'utf8');
  }, 300_000);

  it('keeps the strict Content-Security-Policy in index.html', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta, 'CSP meta tag').not.toBeNull();
    const policy = meta![1]!;
    const directives = new Map(
      policy.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(html).toMatch(/<html lang="zh-CN">/);
  });

  it('references every asset by a relative path', () => {
    // data: URLs (the empty favicon) are inline, not paths.
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((r) => !r.startsWith('data:'));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref, ref).toMatch(/^\.\//);
    for (const ref of refs)
      expect(
        assets.some((a) => `./${a.path}` === ref),
        `${ref} exists`,
      ).toBe(true);
  });

  it('has no inline script or style that the policy would block', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle="/);
  });

  it('ships no URL of another host in its code, except the listed non-fetched ones', () => {
    const offenders: string[] = [];
    const seen = new Set<string>();
    for (const asset of assets.filter((a) => /\.m?js$/.test(a.path))) {
      for (const url of urlsInStrings(asset.bytes.toString('utf8'), asset.path)) {
        const host = hostOf(url);
        seen.add(host);
        if (!(host in ALLOWED_HOSTS)) offenders.push(`${asset.path}: ${url}`);
      }
    }
    for (const asset of assets.filter((a) => a.path.endsWith('.css'))) {
      const css = asset.bytes.toString('utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const m of css.matchAll(/url\(\s*['"]?((?:https?:)?\/\/[^'")\s]+)/g))
        offenders.push(`${asset.path}: ${m[1]}`);
    }
    expect(offenders).toEqual([]);
    // The allowlist must not rot: every entry should still be needed.
    const unused = Object.keys(ALLOWED_HOSTS).filter((h) => !seen.has(h));
    expect(unused, 'allowlisted hosts no longer in the bundle; remove them').toEqual([]);
  });

  it('keeps deck.gl out of the entry chunk and ships MapLibre worker and basemap', () => {
    const entryPath = /<script[^>]*src="\.\/([^"]+)"/.exec(html)![1]!;
    const entry = assets.find((a) => a.path === entryPath)!.bytes.toString('utf8');
    expect(entry).not.toContain('H3HexagonLayer');
    const lazy = assets.filter(
      (a) => a.path.endsWith('.js') && a.bytes.toString('utf8').includes('H3HexagonLayer'),
    );
    expect(lazy.map((a) => a.path)).toEqual([expect.stringMatching(/^assets\/funding-hex-overlay-/)]);
    expect(assets.some((a) => /^assets\/maplibre-gl-worker-.*\.mjs$/.test(a.path))).toBe(true);
  });

  it('ships the offline basemap as one archive holding every layer its style draws', async () => {
    const file = assets.find((a) => a.path === BASEMAP_FILES.archive);
    expect(file, BASEMAP_FILES.archive).toBeDefined();
    expect(assets.some((a) => a.path.endsWith('.geojson') && a.path.startsWith('basemap/'))).toBe(false);
    const archive = openArchive(new Uint8Array(file!.bytes));
    const metadata = (await archive.getMetadata()) as { vector_layers: { id: string }[] };
    const drawn = basemapStyle('http://localhost/').layers.flatMap((l) =>
      'source-layer' in l && l['source-layer'] ? [l['source-layer']] : [],
    );
    expect(drawn.length).toBeGreaterThan(0);
    for (const layer of drawn) expect(metadata.vector_layers.map((l) => l.id)).toContain(layer);
  });

  describe('link previews', () => {
    const meta = (key: 'property' | 'name', name: string) =>
      new RegExp(`<meta\\s+${key}="${name}"\\s+content="([^"]*)"`).exec(html)?.[1];

    it('has the Open Graph and Twitter card tags, the image among them', () => {
      for (const name of ['og:type', 'og:title', 'og:description', 'og:image', 'og:image:alt'])
        expect(meta('property', name), name).toBeTruthy();
      expect(meta('name', 'twitter:card')).toBe('summary_large_image');
      expect(meta('property', 'og:image:width')).toBe('1200');
      expect(meta('property', 'og:image:height')).toBe('630');
      const image = meta('property', 'og:image')!;
      // Relative in a build without ATLAS_PUBLIC_URL (the test's), absolute with it.
      expect(image).toMatch(
        process.env.ATLAS_PUBLIC_URL ? /^https?:\/\/.+\/og-image\.png$/ : /^\.\/og-image\.png$/,
      );
      expect(meta('name', 'twitter:image')).toBe(image);
      expect(meta('property', 'og:image:alt')).toContain('地图上的小区');
    });

    it('ships a 1200 × 630 PNG drawn from the data: not blank, with the communities’ stage colours', async () => {
      const file = assets.find((a) => a.path === 'og-image.png');
      expect(file, 'og-image.png').toBeDefined();
      const { width, height, rgba } = decodePng(new Uint8Array(file!.bytes));
      expect([width, height]).toEqual([1200, 630]);

      const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
      const near = (p: number, c: number[], tolerance: number) =>
        Math.abs(rgba[p]! - c[0]!) <= tolerance &&
        Math.abs(rgba[p + 1]! - c[1]!) <= tolerance &&
        Math.abs(rgba[p + 2]! - c[2]!) <= tolerance;
      // The map: right of the card, above the source line.
      const inMap = (p: number) => (p / 4) % width > 450 && Math.floor(p / 4 / width) < 560;
      const colours = new Set<number>();
      let land = 0;
      let mapPixels = 0;
      for (let p = 0; p < rgba.length; p += 4) {
        colours.add((rgba[p]! << 16) | (rgba[p + 1]! << 8) | rgba[p + 2]!);
        if (!inMap(p)) continue;
        mapPixels++;
        if (near(p, hex(BASEMAP_COLORS.land), 3)) land++;
      }
      // Text, land, sea and marks: far more than a blank or single-colour image.
      expect(colours.size).toBeGreaterThan(500);
      expect(land / mapPixels, 'share of the map that is land').toBeGreaterThan(0.2);

      const communities = JSON.parse(
        await readFile(join(ROOT, 'public/data/communities.geojson'), 'utf8'),
      ) as FeatureCollection<Point>;
      const stages = new Set(communities.features.map((f) => f.properties?.stage as Stage | undefined));
      const present = STAGES.filter((s) => stages.has(s));
      expect(present.length).toBeGreaterThan(0);
      for (const stage of present) {
        let count = 0;
        const colour = hex(STAGE_COLORS[stage]);
        for (let p = 0; p < rgba.length; p += 4) if (inMap(p) && near(p, colour, 12)) count++;
        expect(count, `${stage} (${STAGE_COLORS[stage]}) pixels on the map`).toBeGreaterThan(4);
      }
    });
  });
});
