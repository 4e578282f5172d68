/**
 * Walking networks in headless Chromium, on data built with roads (`--roads`):
 *
 * - the street layer is drawn under the data, major roads and minor streets in their own colours
 *   (a town built from the same ledger without roads shows none of them);
 * - the accessibility view (`?layer=services&access=<type>`) colours the streets from the
 *   walking-distance scale the legend lists, near the facility and across the river alike, and
 *   the legend's shares of households are those of communities.geojson under the filters;
 * - selecting a community draws its walking catchment, which stops at the river the straight-line
 *   circles cross, and the panel says its distances were walked; a community off the network gets
 *   a note instead;
 * - at city scale (a 179,000-segment grid) the catchment is timed from selection to screen;
 * - the demo, built without roads, says its distances are straight-line.
 *
 * The town (tests/browser/fixtures/walk-town/): a grid of streets on each bank of a 280 m river
 * whose only bridge lies 2.5 km east; 北岸小区 (north bank), 南岸小区 (south bank), 远郊小区 10 km
 * from any road; a kindergarten and a health centre north, a market south.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build';
import {
  STREET_STYLE,
  WALK_DISTANCE_NONE_COLOR,
  WALK_DISTANCE_SCALE,
  walkDistanceClass,
} from '../../src/style/scales';
import { countColors, mapRegion, screenshot, waitForMapIdle } from './browser';
import { FIXTURES, useSite, type Props } from './fixture';

const TOWN = join(FIXTURES, 'walk-town');
const TOWN_INPUTS = {
  communities: join(TOWN, 'communities.csv'),
  amenities: join(TOWN, 'amenities.csv'),
  buildTime: new Date(0),
};
/** 北岸小区 and the point straight across the river from it, on 滨江南路. */
const NORTH: [number, number] = [113.1025, 28.3012];
const ACROSS: [number, number] = [113.1025, 28.2975];
/** A point of 北一街, the street 北岸小区 joins, 190 m east of it. */
const ALONG: [number, number] = [113.1045, 28.301];

/** City scale: a grid of GRID × GRID junctions 44 m apart (179,400 street segments). */
const GRID = 300;
const CITY_ORIGIN: [number, number] = [113.3, 28.1];
const CITY_STEP: [number, number] = [0.00045, 0.0004];
const cityAt = (i: number, j: number): [number, number] => [
  Number((CITY_ORIGIN[0] + i * CITY_STEP[0]).toFixed(6)),
  Number((CITY_ORIGIN[1] + j * CITY_STEP[1]).toFixed(6)),
];
/** The community timed at city scale, in the middle of the grid. */
const CITY_CENTRE = cityAt(GRID / 2 + 0.3, GRID / 2 + 0.5);

/** Writes the city's ledger, amenities and grid of streets, and builds its data. */
async function makeCity(work: string): Promise<string> {
  const features: Feature<LineString>[] = [];
  const line = (coordinates: [number, number][], cls: string) =>
    features.push({
      type: 'Feature',
      properties: { 道路等级: cls },
      geometry: { type: 'LineString', coordinates },
    });
  for (let j = 0; j < GRID; j++)
    line(
      Array.from({ length: GRID }, (_, i) => cityAt(i, j)),
      j % 10 === 0 ? '主干路' : '支路',
    );
  for (let i = 0; i < GRID; i++)
    line(
      Array.from({ length: GRID }, (_, j) => cityAt(i, j)),
      i % 10 === 0 ? '主干路' : '支路',
    );
  const roads = join(work, 'city-roads.geojson');
  await writeFile(roads, JSON.stringify({ type: 'FeatureCollection', features }));
  const communities = join(work, 'city-communities.csv');
  await writeFile(
    communities,
    [
      '编号,小区名称,市,区县,经度,纬度,户数,改造状态',
      `c-1,城中小区,网城市,中区,${CITY_CENTRE.join(',')},900,施工中`,
      `c-2,城东小区,网城市,东区,${cityAt(250.5, 40.5).join(',')},500,已完工`,
    ].join('\n'),
  );
  const amenities = join(work, 'city-amenities.csv');
  await writeFile(
    amenities,
    [
      '编号,名称,类型,经度,纬度',
      `ca-1,城中幼儿园,幼儿园,${cityAt(GRID / 2 + 4, GRID / 2 + 3).join(',')}`,
    ].join('\n'),
  );
  const out = join(work, 'data-city-built');
  await buildData({ communities, amenities, roads, out, buildTime: new Date(0) });
  return out;
}

/** Page pixel of a WGS84 position on a map whose hash put `centre` at the middle at `zoom`. */
async function pixelOf(
  page: Page,
  centre: readonly [number, number],
  zoom: number,
  [lng, lat]: readonly [number, number],
): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.map').boundingBox())!;
  // MapLibre's world is 512 px wide at zoom 0.
  const world = 512 * 2 ** zoom;
  const mercY = (l: number) => Math.log(Math.tan(Math.PI / 4 + (l * Math.PI) / 360)) / (2 * Math.PI);
  return {
    x: box.x + box.width / 2 + ((lng - centre[0]) / 360) * world,
    y: box.y + box.height / 2 + (mercY(centre[1]) - mercY(lat)) * world,
  };
}

/** A square of `half` px around a page point. */
const around = ({ x, y }: { x: number; y: number }, half: number) => ({
  x: Math.round(x - half),
  y: Math.round(y - half),
  width: 2 * half,
  height: 2 * half,
});

/** Pixels of `region` that differ between two screenshots by more than `threshold` in any channel. */
async function changedPixels(
  browser: Browser,
  a: Buffer,
  b: Buffer,
  region: { x: number; y: number; width: number; height: number },
  threshold = 12,
): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ a, b, region, threshold }) => {
        const pixels = async (base64: string) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
          const canvas = new OffscreenCanvas(region.width, region.height);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(bitmap, -region.x, -region.y);
          return ctx.getImageData(0, 0, region.width, region.height).data;
        };
        const [pa, pb] = [await pixels(a), await pixels(b)];
        let n = 0;
        for (let p = 0; p < pa.length; p += 4)
          if ([0, 1, 2].some((k) => Math.abs(pa[p + k]! - pb[p + k]!) > threshold)) n++;
        return n;
      },
      { a: a.toString('base64'), b: b.toString('base64'), region, threshold },
    );
  } finally {
    await page.close();
  }
}

/** The catchment measure the page recorded last: from the selection reaching the layer to on screen. */
interface CatchmentTiming {
  startTime: number;
  duration: number;
  walkMs: number;
  /** From the start to MapLibre's worker having cut the polygons, and to their tiles loaded. */
  contentMs: number | null;
  loadedMs: number | null;
  /** What ended the measure: the first frame after loading, or the map going idle. */
  by: string;
}

/** The timing as one line of the test's output. */
const timingText = (t: CatchmentTiming, clickAt: number) =>
  `${t.duration.toFixed(0)} ms from selection to screen (walk ${t.walkMs.toFixed(1)} ms, ` +
  `polygons cut ${t.contentMs?.toFixed(0)} ms, loaded ${t.loadedMs?.toFixed(0)} ms, ended by ${t.by}), ` +
  `${(t.startTime + t.duration - clickAt).toFixed(0)} ms from the click`;

async function lastCatchment(page: Page, after: number, timeout: number): Promise<CatchmentTiming> {
  const handle = await page.waitForFunction(
    (since) => {
      const m = performance
        .getEntriesByName('atlas:catchment', 'measure')
        .filter((e) => e.startTime >= since);
      const last = m[m.length - 1] as PerformanceMeasure | undefined;
      return last
        ? ({
            startTime: last.startTime,
            duration: last.duration,
            ...(last.detail as object),
          } as CatchmentTiming)
        : null;
    },
    after,
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue())!;
}

const networkLoaded = (page: Page, timeout: number) =>
  page.waitForFunction(() => performance.getEntriesByName('atlas:walk-network-loaded').length > 0, null, {
    timeout,
  });

describe('walking network in a browser', { timeout: 600_000 }, () => {
  const site = useSite({
    data: {
      town: { fixture: { ...TOWN_INPUTS, roads: join(TOWN, 'roads.geojson') } },
      plain: { fixture: TOWN_INPUTS },
      city: { make: makeCity },
      demo: 'demo',
    },
    pageTimeout: 120_000,
    idleTimeout: 180_000,
    // Flying to a selected community cancels the tile reads the old view started: MapLibre aborts
    // them itself, and Chromium reports each as a failed request. Any other failure still counts.
    ignoreErrors: /^request failed: \S+\.pmtiles net::ERR_ABORTED$/,
  });

  const open = (server: string, path: string) => site.open(path, { server });

  async function townCommunities(): Promise<FeatureCollection<Point, Props>> {
    return JSON.parse(
      await readFile(join(site.work, 'data-town', 'communities.geojson'), 'utf8'),
    ) as FeatureCollection<Point, Props>;
  }

  it('draws the streets under the data, major roads and minor streets apart', async () => {
    const view = `./#map=16/28.2995/113.104`;
    const colors = [STREET_STYLE.major.color, STREET_STYLE.minor.color, STREET_STYLE.path.color];
    const counts: Record<string, number[]> = {};
    for (const server of ['town', 'plain']) {
      const page = await open(server, view);
      const png = await screenshot(page, `walk-streets-${server}`);
      counts[server] = await countColors(site.browser, png, colors, 10, await mapRegion(page));
    }
    const [major, minor] = counts.town!;
    expect(major, 'major road pixels').toBeGreaterThan(1500);
    expect(minor, 'minor street pixels').toBeGreaterThan(1500);
    // Built without roads, the same view has no streets at all.
    expect(counts.plain![0]! + counts.plain![1]!).toBeLessThan(50);
  });

  it('colours every street by walking distance from the scale the legend lists', async () => {
    const zoom = 15;
    const centre: [number, number] = [113.106, 28.2992];
    const page = await open(
      'town',
      `./?layer=services&access=kindergarten#map=${zoom}/${centre[1]}/${centre[0]}`,
    );
    const legend = page.locator('[data-legend="access"] li');
    expect(await legend.evaluateAll((items) => items.map((li) => li.getAttribute('data-color')))).toEqual([
      ...WALK_DISTANCE_SCALE.map((c) => c.color),
      WALK_DISTANCE_NONE_COLOR,
    ]);
    expect((await legend.allTextContents()).map((text) => text.trim())).toEqual([
      '≤ 300 米（5 分钟）',
      '300 米 – 500 米（10 分钟）',
      '500 米 – 1 公里（15 分钟）',
      '> 1 公里',
      '搜索范围内没有',
    ]);
    expect(await page.locator('select[name="access"]').inputValue()).toBe('kindergarten');

    const png = await screenshot(page, 'walk-access-kindergarten');
    const region = await mapRegion(page);
    const scale = [...WALK_DISTANCE_SCALE.map((c) => c.color), WALK_DISTANCE_NONE_COLOR];
    const drawn = await countColors(site.browser, png, scale, 10, region);
    // The kindergarten's own streets are a 5-minute walk; across the river, only by the far bridge.
    expect(drawn[walkDistanceClass(100)], '≤ 300 m streets').toBeGreaterThan(500);
    expect(drawn[3]! + drawn[4]!, 'the far bank: beyond 1000 m or none').toBeGreaterThan(500);
    // The major roads' tan, which no blend of the scale's colours with the land comes near.
    const plain = await countColors(site.browser, png, [STREET_STYLE.major.color], 10, region);
    expect(plain[0], 'no road left in its plain colour').toBeLessThan(50);
    const farBank = await countColors(
      site.browser,
      png,
      scale.slice(0, 3),
      10,
      around(await pixelOf(page, centre, zoom, ACROSS), 12),
    );
    expect(
      farBank.reduce((s, v) => s + v, 0),
      'no short walk drawn across the river',
    ).toBe(0);
  });

  it("gives the share of the filtered communities' households within each circle", async () => {
    const features = (await townCommunities()).features;
    for (const [query, keep] of [
      ['', () => true],
      ['&district=江北区', (p: Props) => p.district === '江北区'],
    ] as const) {
      const page = await open('town', `./?layer=services&access=kindergarten${query}#map=14/28.2992/113.106`);
      const kept = features.map((f) => f.properties).filter(keep);
      for (const circle of ['lc5', 'lc10', 'lc15']) {
        const counted = kept.filter((p) => typeof p[`${circle}_met`] === 'boolean');
        const item = page.locator(`[data-legend="access-shares"] li[data-share="${circle}"]`);
        expect(Number(await item.getAttribute('data-households')), `${circle}${query}`).toBe(
          counted.reduce((s, p) => s + Number(p.households), 0),
        );
        expect(Number(await item.getAttribute('data-within')), `${circle}${query}`).toBe(
          counted.filter((p) => p[`${circle}_met`]).reduce((s, p) => s + Number(p.households), 0),
        );
      }
      const kindergarten = page.locator('[data-legend="access-shares"] li[data-share="kindergarten"]');
      expect(Number(await kindergarten.getAttribute('data-within'))).toBe(
        kept
          .filter((p) => typeof p.dist_kindergarten === 'number' && (p.dist_kindergarten as number) <= 300)
          .reduce((s, p) => s + Number(p.households), 0),
      );
    }
  });

  it('draws the walking catchment of a selected community, stopping at the river', async () => {
    const zoom = 15;
    const page = await open('town', `./?layer=services#map=${zoom}/${NORTH[1]}/${NORTH[0]}`);
    await networkLoaded(page, 60_000);
    const before = await screenshot(page, 'walk-catchment-before');
    const clickAt = await page.evaluate(() => performance.now());
    const box = (await page.locator('.map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('.panel-slot aside').waitFor();
    const timing = await lastCatchment(page, clickAt, 60_000);
    await waitForMapIdle(page, 180_000);
    const after = await screenshot(page, 'walk-catchment-town');

    const along = await changedPixels(
      site.browser,
      before,
      after,
      around(await pixelOf(page, NORTH, zoom, ALONG), 10),
    );
    const across = await changedPixels(
      site.browser,
      before,
      after,
      around(await pixelOf(page, NORTH, zoom, ACROSS), 14),
    );
    expect(along, 'the street it walks along is shaded').toBeGreaterThan(300);
    // 411 m away in a straight line, inside the 10- and 15-minute circles; 5 km on foot.
    expect(across, 'the far bank is left as it was').toBe(0);
    expect(await page.locator('[data-legend="catchments"] li').count()).toBe(3);
    expect(await page.locator('[data-section="life-circles"] .note').getAttribute('data-method')).toBe(
      'network',
    );
    expect(await page.locator('[data-section="life-circles"] .note').textContent()).toContain('步行距离');
    console.log(`catchment (town): ${timingText(timing, clickAt)}`);
  });

  it('says why a community off the network has no catchment', async () => {
    const page = await open('town', './?layer=services&community=wt-3');
    await page.locator('.panel-slot aside').waitFor();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('未接入步行路网');
    const note = page.locator('[data-section="life-circles"] .note');
    expect(await note.getAttribute('data-method')).toBe('straight_line');
    expect(await note.textContent()).toContain('直线距离');
  });

  it('draws a catchment at city scale, timed from selection to screen', async () => {
    const zoom = 15;
    const page = await open('city', `./?layer=services#map=${zoom}/${CITY_CENTRE[1]}/${CITY_CENTRE[0]}`);
    await networkLoaded(page, 120_000);
    const edges = await page.evaluate(
      () =>
        (performance.getEntriesByName('atlas:walk-network-loaded')[0] as PerformanceMark).detail as {
          edges: number;
        },
    );
    expect(edges.edges).toBeGreaterThan(170_000);
    const before = await screenshot(page, 'walk-catchment-city-before');
    const clickAt = await page.evaluate(() => performance.now());
    const box = (await page.locator('.map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const timing = await lastCatchment(page, clickAt, 60_000);
    await waitForMapIdle(page, 180_000);
    const after = await screenshot(page, 'walk-catchment-city');
    // 500 m east along the grid: inside the 10-minute catchment.
    const east = await pixelOf(page, CITY_CENTRE, zoom, [CITY_CENTRE[0] + 0.005, CITY_CENTRE[1]]);
    expect(await changedPixels(site.browser, before, after, around(east, 10))).toBeGreaterThan(100);
    console.log(`catchment (city, ${edges.edges} segments): ${timingText(timing, clickAt)}`);
  });

  it('says the demo, built without roads, measures straight-line distances and has no streets', async () => {
    const page = await open('demo', './?layer=services');
    expect(await page.locator('.method').textContent()).toContain('直线距离，未提供路网');
    expect(await page.locator('select[name="access"]').count()).toBe(0);
    expect(await page.locator('[data-legend="catchments"]').count()).toBe(0);
    const en = await open('demo', './?layer=services&lang=en');
    expect(await en.locator('.method').textContent()).toContain('Straight-line: no road network supplied');
  });
});
