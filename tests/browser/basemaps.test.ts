/**
 * Opt-in online basemaps in a real build: the site is built with a configuration naming an
 * AMap-like and an OpenStreetMap-like basemap whose tiles come from this test's own fake tile
 * server on 127.0.0.1 (no internet), and data built with `--display-crs GCJ-02`.
 *
 * Under the AMap (GCJ-02) basemap a community must be drawn at its GCJ-02 position, under the
 * OSM one at its WGS84 position; the Content-Security-Policy must name the tile server and
 * nothing else; the default build (site.test.ts, vite-build.test.ts) names no tile host at all.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import gcoord from 'gcoord';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build';
import { STAGE_COLORS } from '../../src/style/scales';
import { screenshot, waitForMapIdle, type PageOptions } from './browser';
import { runViteBuild } from './build-site';
import { useSite, type DataSource } from './fixture';
import type { StaticServer } from './static-server';
import { pixelOffset } from './web-mercator';

/** The one community: Changsha, Yuelu district. */
const WGS: [number, number] = [112.9388, 28.2282];
/** Zoom of the checks: below the name labels (z14), so the circle alone is drawn. */
const ZOOM = 13;
/** SwiftShader on two shared cores: a page may take a while to go idle. */
const PAGE_TIMEOUT = 120_000;
/** Solid colours of the fake tiles, unlike any colour the data layers use. */
const TILE_COLORS = { amap: [200, 226, 240], osm: [226, 214, 240] } as const;

/** A solid 256 px PNG, encoded by hand so the test needs no image library. */
function solidPng([r, g, b]: readonly number[]): Buffer {
  const size = 256;
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([r!, g!, b!], 1 + x * 3);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The fake tile server: `/amap/z/x/y.png` and `/osm/z/x/y.png`, each a solid colour, with CORS as real tile hosts send. */
async function startTileServer(): Promise<{ origin: string; requests: string[]; server: Server }> {
  const pngs = { amap: solidPng(TILE_COLORS.amap), osm: solidPng(TILE_COLORS.osm) };
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/(amap|osm)\/\d+\/\d+\/\d+\.png$/.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' })
      .end(pngs[m[1] as 'amap' | 'osm']);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

/** The ledger: one community, and a second 5 km north-east (outside the checked window) that keeps the data's bounds a real box. */
async function writeLedger(work: string): Promise<string> {
  const csv = [
    '编号,小区名称,市,区县,经度,纬度,户数,改造状态',
    `t-1,岳麓测试小区,长沙市,岳麓区,${WGS[0]},${WGS[1]},800,施工中`,
    `t-2,芙蓉测试小区,长沙市,芙蓉区,${WGS[0] + 0.05},${WGS[1] + 0.03},800,已完工`,
  ];
  await writeFile(join(work, 'communities.csv'), csv.join('\n'));
  return join(work, 'communities.csv');
}

/** The ledger's data, built by the real pipeline with the given display CRSs. */
const ledgerData = (folder: string, displayCrs?: ['GCJ-02']): DataSource => ({
  make: async (work) => {
    const out = join(work, folder);
    await buildData({ communities: await writeLedger(work), out, ...(displayCrs ? { displayCrs } : {}) });
    return out;
  },
});

describe('online basemaps', { timeout: 2 * PAGE_TIMEOUT }, () => {
  let tiles: Awaited<ReturnType<typeof startTileServer>>;
  let html: string;
  const atlas = useSite({
    data: { site: ledgerData('data', ['GCJ-02']), wgsOnly: ledgerData('data-wgs') },
    // The site built with a configuration naming this test's tile server.
    build: async (work) => {
      tiles = await startTileServer();
      const config = join(work, 'atlas.config.json');
      await writeFile(
        config,
        JSON.stringify({
          basemaps: [
            { type: 'osm', tiles: [`${tiles.origin}/osm/{z}/{x}/{y}.png`] },
            { type: 'amap', tiles: [`${tiles.origin}/amap/{z}/{x}/{y}.png`] },
          ],
        }),
      );
      const dist = join(work, 'dist');
      await runViteBuild(dist, config);
      html = await readFile(join(dist, 'index.html'), 'utf8');
      return dist;
    },
    idleTimeout: PAGE_TIMEOUT,
    allowOrigins: () => [tiles.origin],
  });
  let site: StaticServer;
  let wgsOnly: StaticServer;
  const gcj = gcoord.transform(WGS, gcoord.WGS84, gcoord.GCJ02) as [number, number];

  beforeAll(() => {
    site = atlas.server('site');
    wgsOnly = atlas.server('wgsOnly');
  });

  afterAll(async () => {
    await new Promise((resolve) => tiles?.server.close(resolve));
  });

  const open = (server: StaticServer, path: string, options: PageOptions = {}): Promise<Page> =>
    atlas.open(path, { ...options, baseUrl: server.url });

  /**
   * Where the community is drawn, relative to the map's centre: the centroid of the pixels in
   * its stage colour within 150 px of the centre, and the colour at the map's lower-left
   * corner (the basemap, where nothing else is drawn).
   */
  async function drawn(
    page: Page,
    name: string,
  ): Promise<{ offset: [number, number]; pixels: number; corner: number[] }> {
    const png = await screenshot(page, name);
    const box = (await page.locator('.map').boundingBox())!;
    const centre = [box.x + box.width / 2, box.y + box.height / 2];
    const probe = await atlas.browser.newPage();
    try {
      return await probe.evaluate(
        async ({ base64, centre, corner, color }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(bitmap, 0, 0);
          const r = 150;
          const { data } = ctx.getImageData(centre[0]! - r, centre[1]! - r, 2 * r, 2 * r);
          const target = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
          let n = 0;
          let sx = 0;
          let sy = 0;
          for (let p = 0; p < data.length; p += 4) {
            if (target.every((v, k) => Math.abs(data[p + k]! - v) <= 30)) {
              n++;
              sx += (p / 4) % (2 * r);
              sy += Math.floor(p / 4 / (2 * r));
            }
          }
          const c = ctx.getImageData(corner[0]!, corner[1]!, 1, 1).data;
          return {
            offset: n
              ? ([sx / n - r + 0.5, sy / n - r + 0.5] as [number, number])
              : ([NaN, NaN] as [number, number]),
            pixels: n,
            corner: [c[0]!, c[1]!, c[2]!],
          };
        },
        {
          base64: png.toString('base64'),
          centre: centre.map(Math.round),
          corner: [Math.round(box.x + 330), Math.round(box.y + box.height - 40)],
          color: STAGE_COLORS.construction,
        },
      );
    } finally {
      await probe.close();
    }
  }

  it('widens the Content-Security-Policy by exactly the configured tile server', () => {
    const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)![1]!;
    const directives = new Map(
      content.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values] as const;
      }),
    );
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', tiles.origin]);
    expect(directives.get('connect-src')).toEqual(["'self'", tiles.origin]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('draws the community at its GCJ-02 position over the AMap basemap', async () => {
    const before = tiles.requests.length;
    // The camera is in display coordinates: centred on the WGS84 numbers, the GCJ-02 point is off centre.
    const page = await open(site, `./?basemap=amap#map=${ZOOM}/${WGS[1]}/${WGS[0]}`);
    const { offset, pixels, corner } = await drawn(page, 'basemap-amap');
    const [ex, ey] = pixelOffset(WGS, gcj, ZOOM);
    expect(Math.hypot(ex, ey), 'the GCJ-02 shift is visible at this zoom').toBeGreaterThan(15);
    expect(pixels, 'community pixels').toBeGreaterThan(20);
    expect(offset[0]).toBeCloseTo(ex, -0.5); // within ±1.6 px
    expect(offset[1]).toBeCloseTo(ey, -0.5);
    expect(corner).toEqual([...TILE_COLORS.amap]);
    expect(tiles.requests.slice(before).some((r) => r.startsWith('/amap/'))).toBe(true);
    expect(site.requests.some((r) => r.includes('/data/gcj02/communities.pmtiles'))).toBe(true);
    expect(await page.locator('.site-footer p').textContent()).toContain('底图：© 高德地图');
    expect(await page.locator('.basemap-picker select').inputValue()).toBe('amap');
  });

  it('draws it at its WGS84 position over the OpenStreetMap basemap', async () => {
    const page = await open(site, `./?basemap=osm#map=${ZOOM}/${WGS[1]}/${WGS[0]}`);
    const { offset, pixels, corner } = await drawn(page, 'basemap-osm');
    expect(pixels).toBeGreaterThan(20);
    expect(Math.hypot(...offset)).toBeLessThan(1.6);
    expect(corner).toEqual([...TILE_COLORS.osm]);
    expect(await page.locator('.site-footer p').textContent()).toContain('OpenStreetMap contributors');
  });

  it('keeps the offline basemap by default, asking the tile server for nothing', async () => {
    const before = tiles.requests.length;
    const page = await open(site, `./#map=${ZOOM}/${WGS[1]}/${WGS[0]}`);
    const { offset } = await drawn(page, 'basemap-default');
    expect(Math.hypot(...offset)).toBeLessThan(1.6);
    expect(tiles.requests.length).toBe(before);
    expect(await page.locator('.site-footer p').textContent()).toContain('Natural Earth');
    expect(await page.locator('.basemap-picker select').inputValue()).toBe('offline');
  });

  it('keeps the same ground in view when the picker switches to AMap, and remembers it in the address', async () => {
    const page = await open(site, `./?basemap=osm#map=${ZOOM}/${WGS[1]}/${WGS[0]}`);
    await page.locator('.basemap-picker select').selectOption('amap');
    await expect.poll(() => new URL(page.url()).searchParams.get('basemap')).toBe('amap');
    await waitForMapIdle(page, PAGE_TIMEOUT);
    const { offset, corner } = await drawn(page, 'basemap-switched');
    // The camera moved with the CRS: the community stays in the middle, now over AMap tiles.
    expect(Math.hypot(...offset)).toBeLessThan(1.6);
    expect(corner).toEqual([...TILE_COLORS.amap]);
    const [, lat, lng] = /#map=[\d.]+\/([\d.]+)\/([\d.]+)/.exec(page.url())!.map(Number);
    expect(lng).toBeCloseTo(gcj[0], 3);
    expect(lat).toBeCloseTo(gcj[1], 3);
  });

  it('fits the picker on a 390 px phone without horizontal scrolling', async () => {
    const page = await open(site, `./?basemap=amap#map=${ZOOM}/${WGS[1]}/${WGS[0]}`, {
      viewport: { width: 390, height: 844 },
      mobile: true,
    });
    await screenshot(page, 'basemap-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow).toBe(0);
    const picker = (await page.locator('.basemap-picker').boundingBox())!;
    expect(picker.x + picker.width).toBeLessThanOrEqual(390);
    // Over the map, clear of the header above it and of the bottom sheet (the legend is in the sheet).
    const map = (await page.locator('.map').boundingBox())!;
    const sheet = (await page.locator('.sheet').boundingBox())!;
    expect(picker.y).toBeGreaterThanOrEqual(map.y);
    expect(picker.y + picker.height).toBeLessThanOrEqual(sheet.y);
  });

  it('does not offer AMap when the data has no GCJ-02 tiles', async () => {
    const page = await open(wgsOnly, `./?basemap=amap#map=${ZOOM}/${WGS[1]}/${WGS[0]}`);
    const options = await page
      .locator('.basemap-picker option')
      .evaluateAll((o) => o.map((x) => x.getAttribute('value')));
    expect(options).toEqual(['offline', 'osm']);
    const { offset } = await drawn(page, 'basemap-no-gcj');
    expect(Math.hypot(...offset)).toBeLessThan(1.6);
  });
});
