/**
 * The offline vector basemap in a real build: the site is built with a configuration naming a
 * Protomaps extract (scripts/fixtures/protomaps: a schematic Xiangtan), which the build copies
 * into the site and the page reads through `pmtiles://` from its own origin.
 *
 * The map must show the extract's water, land and roads in the light flavor, and in the dark one
 * under `?theme=dark`; its Chinese place names must be drawn (with the computer's fonts: the style
 * names no glyph server and no sprite); the community must be drawn above it; switching back to
 * the offline basemap must leave nothing of it; and no request may leave the test server (the
 * fixture fails a test on any, browser.ts).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { namedFlavor } from '@protomaps/basemaps';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_PLACE_NAMES,
  FIXTURE_SPOTS,
  XIANGTAN,
} from '../../scripts/fixtures/protomaps/fixture-features';
import { writeProtomapsExtract } from '../../scripts/fixtures/protomaps/make-extract';
import { buildData } from '../../scripts/pipeline/build';
import { BASEMAP_COLORS } from '../../src/map/basemap-style';
import { STAGE_COLORS } from '../../src/style/scales';
import { countColors, screenshot, waitForMapIdle } from './browser';
import { runViteBuild } from './build-site';
import { useSite } from './fixture';
import { pixelOffset } from './web-mercator';

/** The checks' zoom: streets and names drawn, communities as circles without their labels (z14). */
const ZOOM = 13;
/** SwiftShader on two shared cores: a page may take a while to go idle. */
const PAGE_TIMEOUT = 120_000;
/** The community drawn over the basemap: on land, west of the centre, clear of roads and names. */
const COMMUNITY: [number, number] = [112.925, 27.833];
const ID = 'city';
const VECTOR_PREFIX = `basemap-vector-${ID}-`;

/** The ledger: the community in view, and one far outside it that keeps the data's bounds a box. */
async function writeLedger(work: string): Promise<string> {
  const csv = [
    '编号,小区名称,市,区县,经度,纬度,户数,改造状态',
    `x-1,湘潭测试小区,湘潭市,雨湖区,${COMMUNITY[0]},${COMMUNITY[1]},800,施工中`,
    `x-2,远处测试小区,湘潭市,岳塘区,113.1,27.95,600,已完工`,
  ];
  const file = join(work, 'communities.csv');
  await writeFile(file, csv.join('\n'));
  return file;
}

/** What the map calls expose to this test (the build's bench hook, BasemapPicker.svelte). */
type ExposedMap = {
  getStyle(): { layers: { id: string }[] };
  queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[];
};

describe('offline vector basemap (Protomaps extract)', { timeout: 3 * PAGE_TIMEOUT }, () => {
  const atlas = useSite({
    data: {
      site: {
        make: async (work) => {
          const out = join(work, 'data');
          await buildData({ communities: await writeLedger(work), out });
          return out;
        },
      },
    },
    build: async (work) => {
      writeProtomapsExtract(join(work, 'xiangtan.pmtiles'));
      const config = join(work, 'atlas.config.json');
      // Relative to the configuration file, as a deployer would write it.
      await writeFile(
        config,
        JSON.stringify({
          basemaps: [
            {
              type: 'pmtiles',
              id: ID,
              file: 'xiangtan.pmtiles',
              label: { zh: '湘潭街道图', en: 'Xiangtan streets' },
            },
          ],
        }),
      );
      const dist = join(work, 'dist');
      // The bench hook exposes the map, so the test can ask it which labels it placed.
      process.env.ATLAS_BENCH_HOOKS = '1';
      try {
        await runViteBuild(dist, config);
      } finally {
        delete process.env.ATLAS_BENCH_HOOKS;
      }
      return dist;
    },
    idleTimeout: PAGE_TIMEOUT,
  });

  const open = (query: string): Promise<Page> =>
    atlas.open(`./${query}#map=${ZOOM}/${XIANGTAN[1]}/${XIANGTAN[0]}`);

  /** A square of `2r` px around a place on the map, in page pixels. */
  async function around(page: Page, lngLat: readonly number[], r: number) {
    const box = (await page.locator('.map').boundingBox())!;
    const [dx, dy] = pixelOffset(XIANGTAN, lngLat, ZOOM);
    const x = Math.round(box.x + box.width / 2 + dx - r);
    const y = Math.round(box.y + box.height / 2 + dy - r);
    return { x, y, width: 2 * r, height: 2 * r };
  }

  /** The fraction of a region's pixels within `tolerance` of `color`. */
  async function share(
    png: Buffer,
    region: Awaited<ReturnType<typeof around>>,
    color: string,
    tolerance: number,
  ) {
    const [n] = await countColors(atlas.browser, png, [color], tolerance, region);
    return n! / (region.width * region.height);
  }

  /** Names of the features the map placed in one of the extract's label layers. */
  const placed = (page: Page, layer: string): Promise<unknown[]> =>
    page.evaluate((id) => {
      const map = (globalThis as unknown as { __atlasMap: ExposedMap }).__atlasMap;
      return map.queryRenderedFeatures({ layers: [id] }).map((f) => f.properties.name);
    }, `${VECTOR_PREFIX}${layer}`);

  const vectorLayers = (page: Page): Promise<string[]> =>
    page.evaluate(
      (prefix) =>
        (globalThis as unknown as { __atlasMap: ExposedMap }).__atlasMap
          .getStyle()
          .layers.map((l) => l.id)
          .filter((id) => id.startsWith(prefix)),
      VECTOR_PREFIX,
    );

  /** The colour checks of one flavor: river, land, highway, the community above, the city's name. */
  async function checkDrawn(page: Page, flavorName: 'light' | 'dark', shot: string) {
    const flavor = namedFlavor(flavorName);
    const png = await screenshot(page, shot);
    /** Pixels of `color` (within `tolerance`) in the square of half-side `radius` px around `lngLat`. */
    const pixels = async (color: string, tolerance: number, lngLat: readonly number[], radius: number) =>
      (await countColors(atlas.browser, png, [color], tolerance, await around(page, lngLat, radius)))[0];
    // Fills are drawn exactly; a small tolerance keeps dark water (#31353f) apart from dark land (#1f1f1f).
    expect(
      await share(png, await around(page, FIXTURE_SPOTS.river, 12), flavor.water, 6),
      'river',
    ).toBeGreaterThan(0.95);
    expect(
      await share(png, await around(page, FIXTURE_SPOTS.land, 8), flavor.earth, 6),
      'land',
    ).toBeGreaterThan(0.95);
    // A 2 px road through a 24 px square: at least a road's worth of its colour, where the land is otherwise.
    const road = await pixels(flavor.highway, 6, [FIXTURE_SPOTS.highwayLng, 27.818], 12);
    expect(road, 'highway pixels').toBeGreaterThan(24);
    // The community is drawn above the basemap.
    const circle = await pixels(STAGE_COLORS.construction, 30, COMMUNITY, 14);
    expect(circle, 'community pixels').toBeGreaterThan(20);
    // The city's name is placed, and drawn: text pixels in the label colour around the centre.
    expect(await placed(page, 'places_locality')).toContain(FIXTURE_PLACE_NAMES.city);
    const text = await pixels(flavor.city_label, 24, XIANGTAN, 40);
    expect(text, 'label pixels').toBeGreaterThan(30);
  }

  it('draws the extract in the light flavor, with Chinese names, from the site itself', async () => {
    const page = await open(`?basemap=${ID}`);
    await checkDrawn(page, 'light', 'protomaps-light');
    const server = atlas.server();
    expect(server.requests.some((r) => r.startsWith(`/basemap/${ID}.pmtiles`))).toBe(true);
    // Drawn with the computer's fonts and no icons: nothing asked for glyphs or a sprite.
    expect(server.requests.filter((r) => /glyph|sprite|\.pbf|fonts?\//i.test(r))).toEqual([]);
    expect(await page.locator('.site-footer p').textContent()).toContain(
      '© OpenStreetMap contributors (ODbL) · Protomaps',
    );
    expect(await page.locator('.basemap-picker select').inputValue()).toBe(ID);
  });

  it('follows the site’s dark theme', async () => {
    const page = await open(`?basemap=${ID}&theme=dark`);
    await checkDrawn(page, 'dark', 'protomaps-dark');
  });

  it('paints the coarse world beyond the extract as the extract’s own land', async () => {
    const zoom = 8;
    const page = await atlas.open(`./?basemap=${ID}&theme=dark#map=${zoom}/${XIANGTAN[1]}/${XIANGTAN[0]}`);
    const png = await screenshot(page, 'protomaps-beyond-extract');
    const box = (await page.locator('.map').boundingBox())!;
    // 0.6° east of the fixture's edge: Natural Earth's land only, in the dark flavor's land colour.
    const [dx, dy] = pixelOffset(XIANGTAN, [113.62, 27.83], zoom);
    const region = {
      x: Math.round(box.x + box.width / 2 + dx - 8),
      y: Math.round(box.y + box.height / 2 + dy - 8),
      width: 16,
      height: 16,
    };
    expect(await share(png, region, namedFlavor('dark').earth, 6)).toBeGreaterThan(0.95);
  });

  it('leaves nothing of itself when the picker goes back to the offline basemap', async () => {
    const page = await open(`?basemap=${ID}`);
    expect((await vectorLayers(page)).length).toBeGreaterThan(20);
    await page.locator('.basemap-picker select').selectOption('offline');
    await expect.poll(() => new URL(page.url()).searchParams.get('basemap')).toBeNull();
    await waitForMapIdle(page, PAGE_TIMEOUT);
    expect(await vectorLayers(page)).toEqual([]);
    const png = await screenshot(page, 'protomaps-back-to-offline');
    // The offline land in its own colour again, where the extract's land was.
    expect(
      await share(png, await around(page, FIXTURE_SPOTS.land, 8), BASEMAP_COLORS.land, 6),
    ).toBeGreaterThan(0.95);
  });
});
