/**
 * The offline basemap in the built site, in Chromium: what the demo's first view downloads for
 * it (issue 12: no more than the 1:50m GeoJSON it replaces), and the coastline at city zoom,
 * where Xiamen island must be drawn at its 1:10m outline.
 */
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../scripts/og/png-pixels';
import { BASEMAP_COLORS, BASEMAP_FILES } from '../../src/map/basemap-style';
import { screenshot, waitForMapIdle } from '../browser/browser';
import { useSite } from '../browser/fixture';

/**
 * What the first view fetched for the basemap before issue 12: the whole 1:50m land and borders
 * as GeoJSON (land.geojson 1,144,937 bytes + borders.geojson 351,110 bytes, from world-atlas
 * 2.0.2; the shipped server does not compress).
 */
const GEOJSON_BASEMAP_BYTES = 1_496_047;

/** Bytes of every basemap response the page receives from now on. */
function countBasemapBytes(page: Page): { total: () => Promise<number>; requests: string[] } {
  const sizes: Promise<number>[] = [];
  const requests: string[] = [];
  page.on('response', (response: Response) => {
    if (!new URL(response.url()).pathname.includes('/basemap/')) return;
    requests.push(`${response.status()} ${response.request().headers().range ?? 'whole'}`);
    sizes.push(
      response.body().then(
        (b) => b.length,
        () => 0,
      ),
    );
  });
  return { total: async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0), requests };
}

/** Screen position of a place, with the map centred on `centre` at `zoom` (512 px tiles). */
function pixelOf(
  box: { x: number; y: number; width: number; height: number },
  centre: [number, number],
  zoom: number,
  place: [number, number],
): [number, number] {
  const world = 512 * 2 ** zoom;
  const x = (lng: number) => ((lng + 180) / 360) * world;
  const y = (lat: number) => {
    const phi = (lat * Math.PI) / 180;
    return ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * world;
  };
  return [
    Math.round(box.x + box.width / 2 + x(place[0]) - x(centre[0])),
    Math.round(box.y + box.height / 2 + y(place[1]) - y(centre[1])),
  ];
}

describe('offline basemap', () => {
  const site = useSite();

  it('costs the first view a fraction of the GeoJSON it replaces', async () => {
    const recorded = await site.record();
    const counter = countBasemapBytes(recorded.page);
    await recorded.page.goto(site.server().url);
    await waitForMapIdle(recorded.page);
    const bytes = await counter.total();
    console.log(
      `basemap bytes at the demo's first view (${new URL(recorded.page.url()).hash}): ${bytes} ` +
        `in ${counter.requests.length} responses (${counter.requests.join(', ')}); ` +
        `before: ${GEOJSON_BASEMAP_BYTES} (1:50m GeoJSON)`,
    );
    expect(site.server().requests.some((r) => r.includes(BASEMAP_FILES.archive))).toBe(true);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(GEOJSON_BASEMAP_BYTES / 5);
    await screenshot(recorded.page, 'basemap-first-view');
  });

  it('draws Xiamen island at its 1:10m outline at city zoom', async () => {
    const centre: [number, number] = [118.15, 24.5];
    const zoom = 11;
    const page = await site.open(`./#map=${zoom}/${centre[1]}/${centre[0]}`);
    const png = await screenshot(page, 'basemap-xiamen-z11');
    const box = (await page.locator('.maplibregl-canvas').first().boundingBox())!;
    const { width, rgba } = decodePng(new Uint8Array(png));
    const colourAt = ([x, y]: [number, number]) => {
      const p = (y * width + x) * 4;
      return `#${[rgba[p]!, rgba[p + 1]!, rgba[p + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    };
    // The island's north-east (no community there): land at 1:10m, sea in the 1:50m trapezoid.
    expect(colourAt(pixelOf(box, centre, zoom, [118.17, 24.525])), 'north-east Xiamen island').toBe(
      BASEMAP_COLORS.land,
    );
    // The water between Xiamen and Kinmen.
    expect(colourAt(pixelOf(box, centre, zoom, [118.23, 24.48])), 'Xiamen–Kinmen waters').toBe(
      BASEMAP_COLORS.sea,
    );
    const detail = await site.open(`./#map=13/24.47/118.10`);
    await screenshot(detail, 'basemap-xiamen-z13');
  });
});
