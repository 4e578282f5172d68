/**
 * The three map layers in headless Chromium: each `?layer=` draws what it should (pixel colours
 * checked against the shared scales), the switcher and every option change the address and the
 * drawing, old `?hex=1` links open the funding layer, the time slider replays the ledger's dates,
 * the gap view marks exactly the communities lacking the chosen amenity (checked against
 * communities.geojson), and each legend lists exactly the scale its layer is drawn with.
 * Every page must log no console error and request nothing from another origin.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { STAGE_LABELS } from '../../src/domain/vocabulary';
import type { H3Cell } from '../../src/lib/aggregates';
import { formatNumber, formatYuan } from '../../src/lib/format';
import {
  COMPLETION_FILL_OPACITY,
  COMPLETION_SCALE,
  COVERAGE_NO_DATA_COLOR,
  COVERAGE_SCALE,
  householdRadius,
  STAGE_SCALE,
  TIMELINE_SCALE,
  TIMELINE_UNDATED_COLOR,
  UNKNOWN_STAGE_COLOR,
} from '../../src/style/scales';
import {
  FUNDING_DENSITY_COLORS,
  FUNDING_DENSITY_OPACITY,
  FUNDING_NO_DATA_COLOR,
  LEVERAGE_COLORS,
} from '../../src/style/view-scales';
import { BASEMAP_COLORS } from '../../src/map/basemap-style';
import { gapClass, timelineClass } from '../../src/map/layers/community-style';
import { cellValue, fundingScale } from '../../src/map/layers/funding-metric';
import { countColors, mapRegion, screenshot, waitForMapIdle, type PageOptions, type Region } from './browser';
import { blend, cssRgb, hexRgb } from './colours';
import {
  DEMO_DATA,
  demoCommunities,
  FIXTURES,
  params,
  PHONE,
  sidewaysOverflow,
  useSite,
  type Props,
} from './fixture';

/** Changsha at city scale: resolution-7 hexagons, hundreds of communities. */
const CHANGSHA = '#map=10/28.2/112.97';

// The machine these run on is shared and slow: SwiftShader rendering gets generous time.
describe('map layers in a browser', { timeout: 300_000 }, () => {
  const site = useSite({
    data: {
      demo: 'demo',
      fixture: {
        fixture: {
          communities: join(FIXTURES, 'communities.csv'),
          amenities: join(FIXTURES, 'amenities.csv'),
          boundaries: join(FIXTURES, 'boundaries.geojson'),
          buildTime: new Date(0),
        },
      },
    },
    pageTimeout: 120_000,
    idleTimeout: 180_000,
  });
  let communities: FeatureCollection<Point, Props>;

  beforeAll(async () => {
    communities = { type: 'FeatureCollection', features: await demoCommunities() };
  });

  const open = (server: 'demo' | 'fixture', path: string, options?: PageOptions): Promise<Page> =>
    site.open(path, { ...options, server });

  /** A layer's button in the switcher (the label a person clicks; its radio lies over it). */
  const switcher = (page: Page, name: string) => page.locator('.switcher label', { hasText: name });

  /** Waits for the map and the deck.gl overlay to settle (MapView's aria-busy), then screenshots. */
  async function settle(page: Page, name: string): Promise<Buffer> {
    await waitForMapIdle(page, 180_000);
    return screenshot(page, name);
  }

  async function legendEntries(page: Page, list: string) {
    return page.locator(`${list} li`).evaluateAll((items) =>
      items.map((li) => ({
        color: getComputedStyle(li.querySelector('.dot, .box')!).backgroundColor,
        label: li.textContent?.trim() ?? '',
      })),
    );
  }

  async function loadCells(resolution: number): Promise<H3Cell[]> {
    const json = JSON.parse(await readFile(join(DEMO_DATA, `aggregates/h3-r${resolution}.json`), 'utf8')) as {
      cells: H3Cell[];
    };
    return json.cells;
  }

  it('opens on the status layer, coloured by stage, with the stage legend', async () => {
    const page = await open('demo', `./${CHANGSHA}`);
    expect(await page.getByRole('radio', { name: '改造进度' }).isChecked()).toBe(true);
    const png = await settle(page, 'layers-status');
    const counts = await countColors(
      site.browser,
      png,
      [...STAGE_SCALE.map((e) => e.color), UNKNOWN_STAGE_COLOR],
      24,
      await mapRegion(page),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(200);
    expect(await legendEntries(page, '.stages')).toEqual([
      ...STAGE_SCALE.map((e) => ({ color: cssRgb(e.color), label: STAGE_LABELS[e.stage].zh })),
      { color: cssRgb(UNKNOWN_STAGE_COLOR), label: '状态未知' },
    ]);
    // Status shows no hexagons and loads no aggregates.
    expect(
      site.server('demo').requests.some((r) => /aggregates\/h3-r/.test(r) && r.includes(page.url())),
    ).toBe(false);
  });

  it('switches layers with the radio group, by mouse and keyboard, and writes the address', async () => {
    const page = await open('demo', `./${CHANGSHA}`);
    await switcher(page, '资金密度').click();
    expect(params(page).get('layer')).toBe('funding');
    expect(params(page).get('v')).toBe('2');
    await page.locator('.ramp.funding').waitFor();
    await page.getByRole('radio', { name: '资金密度' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '配套服务' }).isChecked()).toBe(true);
    expect(params(page).get('layer')).toBe('services');
    await page.keyboard.press('ArrowRight');
    expect(params(page).get('layer')).toBeNull();
    expect(params(page).get('v')).toBeNull();
  });

  it('opens an old ?hex=1 link on the funding layer and rewrites it', async () => {
    const page = await open('demo', `./?hex=1${CHANGSHA}`);
    expect(await page.getByRole('radio', { name: '资金密度' }).isChecked()).toBe(true);
    await page.locator('.ramp.funding').waitFor();
    expect(params(page).get('layer')).toBe('funding');
    expect(params(page).get('v')).toBe('2');
    expect(params(page).has('hex')).toBe(false);
    expect(new URL(page.url()).hash).toBe(CHANGSHA);
  });

  describe('funding layer', () => {
    /** Hexagon pixels of each colour: the colour over the land at any opacity from the layer's up. */
    const hexCounts = (png: Buffer, colors: readonly string[], region: Region) =>
      countTranslucent(site.browser, png, colors, BASEMAP_COLORS.land, FUNDING_DENSITY_OPACITY, 10, region);

    it('draws the hexagons of the legend’s scale, and its breaks are the data’s', async () => {
      const page = await open('demo', `./?layer=funding${CHANGSHA}`);
      await page.locator('.ramp.funding').waitFor();
      const resolution = Number(await page.locator('.ramp.funding').getAttribute('data-resolution'));
      const scale = fundingScale(await loadCells(resolution), { measure: 'total', per: 'km2' });
      const entries = await legendEntries(page, '.ramp.funding');
      expect(entries.map((e) => e.color)).toEqual([...scale.colors, FUNDING_NO_DATA_COLOR].map(cssRgb));
      expect(entries[0]!.label).toBe(`< ${formatYuan(scale.breaks[0]!, 'zh')}`);
      scale.breaks.forEach((b, i) => expect(entries[i + 1]!.label).toBe(`≥ ${formatYuan(b, 'zh')}`));
      const png = await settle(page, 'layers-funding');
      const counts = await hexCounts(png, scale.colors, await mapRegion(page));
      // Several classes are on screen, each in its legend colour.
      expect(
        counts.filter((n) => n > 100).length,
        `hexagon pixels per class ${counts}`,
      ).toBeGreaterThanOrEqual(3);
    });

    it('redraws for a channel, per household, as leverage and in 3D, each in the address', async () => {
      const page = await open('demo', `./?layer=funding${CHANGSHA}`);
      await page.locator('.ramp.funding').waitFor();
      const region = await mapRegion(page);
      const total = await settle(page, 'layers-funding-total');
      /** Pixels that changed from the total-per-km² drawing. */
      const changed = async (name: string) =>
        diffPixels(site.browser, total, await settle(page, name), region);

      await page.locator('select[name="fund"]').selectOption('fund_central');
      expect(params(page).get('fund')).toBe('central');
      await page.locator('.ramp.funding').waitFor();
      expect(await changed('layers-funding-central'), 'central vs total').toBeGreaterThan(1500);

      await page.locator('select[name="fund"]').selectOption('total');
      await page.locator('.segmented label', { hasText: '每户' }).click();
      expect(params(page).get('per')).toBe('household');
      expect(await page.locator('#legend-funding').textContent()).toContain('元 / 户');
      expect(await changed('layers-funding-household'), 'per household vs per km²').toBeGreaterThan(1500);

      await page.locator('select[name="fund"]').selectOption('leverage');
      expect(params(page).get('fund')).toBe('leverage');
      expect(params(page).has('per')).toBe(false);
      const leveragePng = await settle(page, 'layers-funding-leverage');
      const leverage = await hexCounts(leveragePng, LEVERAGE_COLORS, region);
      const density = await hexCounts(leveragePng, FUNDING_DENSITY_COLORS.slice(1), region);
      expect(
        leverage.reduce((a, b) => a + b, 0),
        `leverage pixels ${leverage}`,
      ).toBeGreaterThan(1500);
      expect(
        density.reduce((a, b) => a + b, 0),
        'density colours left',
      ).toBeLessThan(200);
      expect(await legendEntries(page, '.ramp.funding')).toHaveLength(LEVERAGE_COLORS.length + 1);

      await page.locator('select[name="fund"]').selectOption('total');
      await page.locator('.segmented label', { hasText: '每平方公里' }).click();
      expect(await changed('layers-funding-total-again'), 'back to total per km²').toBeLessThan(200);
      await page.locator('input[name="extrude"]').check();
      expect(params(page).get('extrude')).toBe('1');
      // The map tilts (pitch is the hash's fifth field) and the hexagons stand up.
      await expect.poll(() => Number(new URL(page.url()).hash.split('/')[4] ?? 0)).toBeGreaterThan(40);
      expect(await changed('layers-funding-3d'), '3D vs 2D').toBeGreaterThan(3000);
    });

    it('shows a hexagon’s figures on hover', async () => {
      const page = await open('demo', `./?layer=funding${CHANGSHA}`);
      await page.locator('.ramp.funding').waitFor();
      const resolution = Number(await page.locator('.ramp.funding').getAttribute('data-resolution'));
      const cells = await loadCells(resolution);
      const png = await settle(page, 'layers-funding-hover');
      const region = await mapRegion(page);
      // Find a pixel inside a coloured hexagon, then hover it.
      const hit = await findPixel(site.browser, png, FUNDING_DENSITY_COLORS, BASEMAP_COLORS.land, region);
      expect(hit, 'a hexagon pixel').not.toBeNull();
      await page.mouse.move(hit!.x, hit!.y);
      const tooltip = page.locator('.hex-tooltip');
      await tooltip.waitFor();
      const values = await tooltip.locator('dd').allTextContents();
      const [measure, count, households] = values;
      // The tooltip writes numbers as people read them (4.48万): find the cells it can be.
      const candidates = cells.filter(
        (c) => formatNumber(c.count, 'zh') === count && formatNumber(c.households, 'zh') === households,
      );
      expect(
        candidates.length,
        `a cell with ${count} communities and ${households} households`,
      ).toBeGreaterThan(0);
      const shown = candidates.map((c) => {
        const v = cellValue(c, { measure: 'total', per: 'km2' });
        return v === null ? '—' : formatYuan(v, 'zh');
      });
      expect(shown).toContain(measure);
      await screenshot(page, 'layers-funding-tooltip');
    });
  });

  describe('status layer over time', () => {
    const TIMELINE_COLORS = [...TIMELINE_SCALE.map((c) => c.color), TIMELINE_UNDATED_COLOR];

    it('draws each community’s stage as of the month, as the ledger dates say', async () => {
      const changsha = communities.features.filter((f) => f.properties.programme === 'changsha-2021-2023');
      for (const month of ['2020-06', '2022-06', '2024-12'] as const) {
        const page = await open('demo', `./?month=${month}${CHANGSHA}`);
        expect(await page.getByRole('slider').getAttribute('aria-valuetext')).toBe(
          `${month.slice(0, 4)}年${Number(month.slice(5))}月`,
        );
        const png = await settle(page, `layers-time-${month}`);
        const counts = await countColors(site.browser, png, TIMELINE_COLORS, 20, await mapRegion(page));
        const expected = TIMELINE_COLORS.map(
          (_, i) =>
            changsha.filter(
              (f) =>
                timelineClass(f.properties, month) === [...TIMELINE_SCALE.map((c) => c.key), 'undated'][i],
            ).length,
        );
        const dominant = (xs: number[]) => xs.indexOf(Math.max(...xs));
        expect(dominant(counts), `${month}: drawn ${counts} vs communities ${expected}`).toBe(
          dominant(expected),
        );
        expect(await legendEntries(page, '.timeline-classes')).toEqual(
          TIMELINE_COLORS.map((c, i) => ({
            color: cssRgb(c),
            label: ['尚未开工', '施工中', '已完工', '日期不详'][i],
          })),
        );
      }
    });

    it('is driven by keyboard and by play/pause, keeping ?month= in step', async () => {
      const manifest = JSON.parse(await readFile(join(DEMO_DATA, 'manifest.json'), 'utf8')) as {
        timeline: { first: string; last: string };
      };
      const page = await open('demo', `./${CHANGSHA}`);
      const slider = page.getByRole('slider');
      await slider.focus();
      await page.keyboard.press('Home');
      expect(params(page).get('month')).toBe(manifest.timeline.first);
      await page.keyboard.press('End');
      expect(params(page).has('month')).toBe(false);
      expect(await slider.getAttribute('aria-valuetext')).toBe('现状');
      await page.keyboard.press('ArrowLeft');
      expect(params(page).get('month')).toBe(manifest.timeline.last);
      const before = await settle(page, 'layers-time-last');
      await page.keyboard.press('Home');
      const first = await settle(page, 'layers-time-first');
      expect(before.equals(first)).toBe(false);

      const play = page.getByRole('button', { name: '播放' });
      await play.click();
      await expect.poll(() => params(page).get('month')! > manifest.timeline.first).toBe(true);
      await page.getByRole('button', { name: '暂停' }).press('Enter');
      const paused = params(page).get('month');
      await page.waitForTimeout(700);
      expect(params(page).get('month')).toBe(paused);
      await screenshot(page, 'layers-time-paused');
    });
  });

  describe('services layer', () => {
    it('colours communities by coverage, with the coverage legend and the distance method', async () => {
      const page = await open('demo', `./?layer=services${CHANGSHA}`);
      expect(await legendEntries(page, '.coverage-classes')).toEqual([
        ...COVERAGE_SCALE.map((c, i) => ({
          color: cssRgb(c.color),
          label:
            i + 1 < COVERAGE_SCALE.length
              ? `${c.min * 100}% – ${COVERAGE_SCALE[i + 1]!.min * 100}%`
              : `≥ ${c.min * 100}%`,
        })),
        { color: cssRgb(COVERAGE_NO_DATA_COLOR), label: '无覆盖率数据' },
      ]);
      const manifest = JSON.parse(await readFile(join(DEMO_DATA, 'manifest.json'), 'utf8')) as {
        life_circles: { method: string };
      };
      expect(await page.locator('.method').getAttribute('data-method')).toBe(manifest.life_circles.method);
      expect(await page.locator('.method').textContent()).toContain('直线距离');
      const png = await settle(page, 'layers-services');
      const counts = await countColors(
        site.browser,
        png,
        COVERAGE_SCALE.map((c) => c.color),
        20,
        await mapRegion(page),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(200);
    });

    it('highlights exactly the communities lacking the chosen amenity within the circle', async () => {
      const type = 'elderly_daycare';
      const zoom = 16;
      const page0 = await open('demo', './?layer=services');
      const map = (await page0.locator('.map').boundingBox())!;
      const legend = (await page0.locator('.legend-slot').boundingBox())!;
      const view = await pickGapView(communities, type, zoom, map, legend);
      const page = await open(
        'demo',
        `./?layer=services&amenity=${type}&circle=5&gap=1#map=${zoom}/${view.lat}/${view.lng}`,
      );
      expect(params(page).get('gap')).toBe('1');
      await page.locator('.gap-classes').waitFor();
      expect((await legendEntries(page, '.gap-classes')).map((e) => e.label)).toEqual([
        '300 米 内缺少老年人日间照料中心',
        '300 米 内有老年人日间照料中心',
        '当前缩放级别无法判断，请放大',
      ]);
      const png = await settle(page, 'layers-services-gap');
      const red = await countAround(site.browser, png, view.points);
      view.points.forEach((p, i) => {
        const lacking = gapClass(p.properties, type, 'lc5', true) === 'lacking';
        if (lacking) expect(red[i], `${p.properties.id} lacks ${type}: red ring`).toBeGreaterThan(6);
        else expect(red[i], `${p.properties.id} has ${type}: no red`).toBeLessThan(2);
      });
      expect(view.points.some((p) => gapClass(p.properties, type, 'lc5', true) === 'lacking')).toBe(true);
      expect(view.points.some((p) => gapClass(p.properties, type, 'lc5', true) === 'served')).toBe(true);
    });

    it('draws the life circles around a selected community', async () => {
      const target = communities.features.find((f) => f.properties.programme === 'shiquan-chengguan')!;
      const [lng, lat] = target.geometry.coordinates as [number, number];
      const page = await open('demo', `./?layer=services#map=15/${lat}/${lng}`);
      const before = await settle(page, 'layers-services-before-select');
      const box = (await page.locator('.map').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.locator('.panel-slot aside').waitFor();
      const after = await settle(page, 'layers-services-rings');
      const ringColors = ['#6a3d9a', '#b15928', '#1f4e79'];
      const [b, a] = await Promise.all([
        countColors(site.browser, before, ringColors, 30, await mapRegion(page)),
        countColors(site.browser, after, ringColors, 30, await mapRegion(page)),
      ]);
      expect(a.reduce((s, v) => s + v, 0)).toBeGreaterThan(b.reduce((s, v) => s + v, 0) + 300);
    });
  });

  it('shades boundaries by completion rate on the status layer only', async () => {
    const page = await open('fixture', './#map=12/28.2/113');
    expect(await legendEntries(page, '.ramp.completion')).toEqual(
      COMPLETION_SCALE.map((c, i) => ({
        color: cssRgb(c.color),
        label:
          i + 1 < COMPLETION_SCALE.length
            ? `${c.min * 100}% – ${COMPLETION_SCALE[i + 1]!.min * 100}%`
            : `≥ ${c.min * 100}%`,
      })),
    );
    // East street: its one community is completed (100%); west street: none of two (0%).
    const east = blend(COMPLETION_SCALE.at(-1)!.color, COMPLETION_FILL_OPACITY, BASEMAP_COLORS.land);
    const west = blend(COMPLETION_SCALE[0]!.color, COMPLETION_FILL_OPACITY, BASEMAP_COLORS.land);
    const region = await mapRegion(page);
    const status = await countColors(
      site.browser,
      await settle(page, 'layers-boundaries'),
      [east, west],
      6,
      region,
    );
    expect(status[0], 'completed street').toBeGreaterThan(2000);
    expect(status[1], 'street with nothing done').toBeGreaterThan(2000);
    await switcher(page, '配套服务').click();
    const services = await countColors(
      site.browser,
      await settle(page, 'layers-boundaries-services'),
      [east, west],
      6,
      region,
    );
    expect(services).toEqual([0, 0]);
  });

  it('fits a phone, every layer', async () => {
    for (const layer of ['status', 'funding', 'services']) {
      const page = await open('demo', `./?layer=${layer}&lang=en${CHANGSHA}`, PHONE);
      const overflow = await sidewaysOverflow(page);
      expect(overflow, layer).toEqual([0, 0]);
      await settle(page, `layers-phone-${layer}`);
      // On a phone the switcher, the slider and the legend are in the bottom sheet's legend section.
      await page.getByRole('button', { name: 'Legend', exact: true }).click();
      await page.locator('.sheet[data-snap="half"] .legend-slot').waitFor();
      const switcher = (await page.locator('.switcher').boundingBox())!;
      expect(switcher.x + switcher.width).toBeLessThanOrEqual(390);
      if (layer === 'status') {
        const slider = (await page.locator('.time-slot').boundingBox())!;
        expect(slider.x).toBeGreaterThanOrEqual(0);
        expect(slider.x + slider.width).toBeLessThanOrEqual(390);
      }
      expect(await sidewaysOverflow(page), layer).toEqual([0, 0]);
      await screenshot(page, `layers-phone-${layer}-legend`);
    }
  });
});

/** Web-Mercator pixel of a position at `zoom` (MapLibre's 512-pixel world). */
function worldPixel(lng: number, lat: number, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lng + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}

interface GapPoint {
  x: number;
  y: number;
  r: number;
  properties: Props;
}

/**
 * A view centred on a community where several communities stand apart (no circle within reach
 * of another) clear of the legend, with both lacking and served ones: their screen positions.
 */
async function pickGapView(
  fc: FeatureCollection<Point, Props>,
  type: string,
  zoom: number,
  map: { x: number; y: number; width: number; height: number },
  legend: { x: number; y: number; width: number; height: number },
): Promise<{ lng: number; lat: number; points: GapPoint[] }> {
  const all = fc.features.map((f) => ({
    f,
    w: worldPixel(f.geometry.coordinates[0]!, f.geometry.coordinates[1]!, zoom),
    r: householdRadius(Number(f.properties.households ?? 300), zoom) + 2,
  }));
  let best: { lng: number; lat: number; points: GapPoint[]; score: number } | null = null;
  for (const centre of all) {
    const points: GapPoint[] = [];
    for (const c of all) {
      const x = map.x + map.width / 2 + (c.w[0] - centre.w[0]);
      const y = map.y + map.height / 2 + (c.w[1] - centre.w[1]);
      const margin = c.r + 30;
      if (x < legend.x + legend.width + margin || x > map.x + map.width - margin) continue;
      if (y < map.y + margin || y > map.y + map.height - margin) continue;
      const alone = all.every(
        (o) => o === c || Math.hypot(o.w[0] - c.w[0], o.w[1] - c.w[1]) > c.r + o.r + 14,
      );
      if (alone) points.push({ x, y, r: c.r, properties: c.f.properties });
    }
    const lacking = points.filter((p) => gapClass(p.properties, type, 'lc5', true) === 'lacking').length;
    const score = Math.min(lacking, points.length - lacking);
    if (!best || score > best.score) {
      const [lng, lat] = centre.f.geometry.coordinates as [number, number];
      best = { lng, lat, points, score };
    }
  }
  if (!best || best.score < 2) throw new Error('no view with isolated lacking and served communities');
  return best;
}

/** The decoded screenshot, as `withPixels` leaves it in the page. */
type PageImage = { image: ImageData };

/**
 * Decodes a PNG in a blank page, then runs `fn(arg)` there (Playwright sends its source); `fn`
 * finds the pixels as `globalThis.image`. The tests need no image library.
 */
async function withPixels<A, R>(
  browser: Browser,
  png: Buffer,
  arg: A,
  fn: (arg: A) => R | Promise<R>,
): Promise<R> {
  const page = await browser.newPage();
  try {
    await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      (globalThis as unknown as PageImage).image = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    }, png.toString('base64'));
    return (await page.evaluate(fn as (arg: unknown) => unknown, arg as unknown)) as R;
  } finally {
    await page.close();
  }
}

/**
 * Pixels of each colour drawn translucent over `under`, at any opacity from `minAlpha` to 1
 * (deck.gl's overlay canvas composites its opacity a little differently from a plain blend).
 * Each pixel counts for the colour it is closest to, within `tolerance` per channel.
 */
function countTranslucent(
  browser: Browser,
  png: Buffer,
  colors: readonly string[],
  under: string,
  minAlpha: number,
  tolerance: number,
  region: Region,
): Promise<number[]> {
  const arg = { targets: colors.map(hexRgb), under: hexRgb(under), minAlpha, tolerance, region };
  return withPixels(browser, png, arg, (a) => {
    const { data, width } = (globalThis as unknown as PageImage).image;
    const counts = a.targets.map(() => 0);
    for (let y = a.region.y; y < a.region.y + a.region.height; y++)
      for (let x = a.region.x; x < a.region.x + a.region.width; x++) {
        const o = (y * width + x) * 4;
        let best = -1;
        let bestErr = Infinity;
        a.targets.forEach((c, t) => {
          let num = 0;
          let den = 0;
          for (let k = 0; k < 3; k++) {
            num += (data[o + k]! - a.under[k]!) * (c[k]! - a.under[k]!);
            den += (c[k]! - a.under[k]!) ** 2;
          }
          const alpha = Math.min(1, Math.max(a.minAlpha, den ? num / den : 1));
          let err = 0;
          for (let k = 0; k < 3; k++)
            err = Math.max(err, Math.abs(data[o + k]! - (alpha * c[k]! + (1 - alpha) * a.under[k]!)));
          if (err < bestErr) [best, bestErr] = [t, err];
        });
        if (best >= 0 && bestErr <= a.tolerance) counts[best]!++;
      }
    return counts;
  });
}

/** Pixels in `region` that differ between two screenshots by more than 40 in some channel. */
function diffPixels(browser: Browser, a: Buffer, b: Buffer, region: Region): Promise<number> {
  return withPixels(browser, a, { other: b.toString('base64'), region }, async (arg) => {
    const { data, width } = (globalThis as unknown as PageImage).image;
    const bytes = Uint8Array.from(atob(arg.other), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const other = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let n = 0;
    for (let y = arg.region.y; y < arg.region.y + arg.region.height; y++)
      for (let x = arg.region.x; x < arg.region.x + arg.region.width; x++) {
        const o = (y * width + x) * 4;
        if ([0, 1, 2].some((k) => Math.abs(data[o + k]! - other[o + k]!) > 40)) n++;
      }
    return n;
  });
}

/**
 * For each point, the clearly red pixels within its circle's box: the gap view's "lacking"
 * colour, which blur and opacity soften but never turn grey or green.
 */
function countAround(browser: Browser, png: Buffer, points: readonly GapPoint[]): Promise<number[]> {
  const arg = points.map(({ x, y, r }) => ({ x: Math.round(x), y: Math.round(y), half: Math.ceil(r + 2) }));
  return withPixels(browser, png, arg, (pts) => {
    const { data, width } = (globalThis as unknown as PageImage).image;
    return pts.map(({ x, y, half }) => {
      let n = 0;
      for (let py = y - half; py <= y + half; py++)
        for (let px = x - half; px <= x + half; px++) {
          const o = (py * width + px) * 4;
          const [r, g, b] = [data[o]!, data[o + 1]!, data[o + 2]!];
          if (r - g >= 60 && r - b >= 50) n++;
        }
      return n;
    });
  });
}

/** Page coordinates of a pixel in `region`, nearest its centre, whose 5×5 neighbourhood is all of one of `colors`. */
function findPixel(
  browser: Browser,
  png: Buffer,
  colors: readonly string[],
  under: string,
  region: Region,
): Promise<{ x: number; y: number } | null> {
  const arg = { targets: colors.map(hexRgb), under: hexRgb(under), region };
  return withPixels(browser, png, arg, (a) => {
    const { data, width } = (globalThis as unknown as PageImage).image;
    // Same rule as countTranslucent: the colour over the land at opacity ≥ 0.5, ±10.
    const match = (x: number, y: number) => {
      const o = (y * width + x) * 4;
      return a.targets.some((c) => {
        let num = 0;
        let den = 0;
        for (let k = 0; k < 3; k++) {
          num += (data[o + k]! - a.under[k]!) * (c[k]! - a.under[k]!);
          den += (c[k]! - a.under[k]!) ** 2;
        }
        const alpha = Math.min(1, Math.max(0.5, den ? num / den : 1));
        return [0, 1, 2].every(
          (k) => Math.abs(data[o + k]! - (alpha * c[k]! + (1 - alpha) * a.under[k]!)) <= 10,
        );
      });
    };
    const cx = a.region.x + a.region.width / 2;
    const cy = a.region.y + a.region.height / 2;
    const candidates: [number, number][] = [];
    for (let y = a.region.y + 3; y < a.region.y + a.region.height - 3; y += 3)
      for (let x = a.region.x + 3; x < a.region.x + a.region.width - 3; x += 3) candidates.push([x, y]);
    candidates.sort((p, q) => Math.hypot(p[0] - cx, p[1] - cy) - Math.hypot(q[0] - cx, q[1] - cy));
    for (const [x, y] of candidates) {
      let ok = true;
      for (let dy = -2; dy <= 2 && ok; dy++)
        for (let dx = -2; dx <= 2 && ok; dx++) ok = match(x + dx, y + dy);
      if (ok) return { x, y };
    }
    return null;
  });
}
