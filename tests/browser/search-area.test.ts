/**
 * Search, `?community=` links, the camera in the hash and area statistics in headless Chromium,
 * on the demo data. What the page shows is checked against communities.geojson, read here in
 * node with turf: row i of the explore index the page counts is feature i of that file.
 *
 * Every page must log no console error, request nothing from another origin and, on a phone,
 * scroll nothing sideways. Screenshots land in tmp/screenshots/search-*.png and area-*.png.
 */
import { readFile } from 'node:fs/promises';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import turfDistance from '@turf/distance';
import Papa from 'papaparse';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DONE_STAGES, FUNDING_CHANNELS, LIFE_CIRCLES } from '../../src/domain/vocabulary';
import { screenshot, waitForMapIdle, type PageOptions } from './browser';
import { demoCommunities, PHONE, sidewaysOverflow, useSite, type Community, type Props } from './fixture';

/** What the area tool's GeoJSON download carries besides the communities. */
interface Download extends FeatureCollection<Point, Props> {
  selection: Feature<
    Polygon,
    { kind: string; center?: [number, number]; radius_m?: number; area_km2: number }
  >;
}

/** The totals the page should show for a set of communities, computed here from the GeoJSON. */
function expectedTotals(features: readonly Community[]) {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const done = new Set<string>(DONE_STAGES);
  const fund = Object.fromEntries(
    FUNDING_CHANNELS.map((c) => [c.field, features.reduce((s, f) => s + num(f.properties[c.field]), 0)]),
  );
  return {
    communities: features.length,
    households: features.reduce((s, f) => s + Math.max(0, num(f.properties.households)), 0),
    residents: features.reduce((s, f) => s + Math.max(0, num(f.properties.residents)), 0),
    fund_total: Object.values(fund).reduce((a, b) => a + b, 0),
    fund,
    done: features.filter((f) => done.has(String(f.properties.stage))).length,
    met: Object.fromEntries(
      LIFE_CIRCLES.map((c) => [c.key, features.filter((f) => f.properties[`${c.key}_met`] === true).length]),
    ),
  };
}

/** The machine running these may be busy: SwiftShader draws on the CPU. */
const SLOW_MS = 180_000;

describe('search, community links and area statistics', { timeout: 2 * SLOW_MS }, () => {
  const site = useSite({
    requires: ['manifest.json', 'explore-core.bin', 'communities.geojson'],
    pageTimeout: SLOW_MS,
    idleTimeout: SLOW_MS,
    // Flying to a community cancels the tile reads the old view started: MapLibre aborts them
    // itself, and Chromium reports each as a failed request. Any other failure still counts.
    ignoreErrors: /^request failed: \S+\.pmtiles net::ERR_ABORTED$/,
  });
  let communities: Community[];

  beforeAll(async () => {
    communities = await demoCommunities();
  });

  const open = (path: string, options?: PageOptions): Promise<Page> => site.open(path, options);

  /** Waits until the search box has its index (its placeholder stops saying it is loading). */
  async function searchReady(page: Page): Promise<void> {
    await expect
      .poll(() => page.getByRole('combobox').getAttribute('placeholder'), { timeout: SLOW_MS })
      .toBe('搜索小区、街道、区县或编号');
  }

  const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);
  /** `#map=zoom/lat/lng[/bearing/pitch]` as numbers. */
  const camera = (page: Page) =>
    (/map=([^&]+)/.exec(new URL(page.url()).hash)?.[1] ?? '').split('/').map(Number);
  const horizontalOverflow = sidewaysOverflow;

  /**
   * Among communities that report money, the one with the most such others within `radiusM`,
   * rounded to 4 decimals for the hash: positions are street centroids, so a city's centre can be
   * empty while its streets are full, and the funding sums should have something to add up.
   */
  function densestPoint(radiusM: number): [number, number] {
    const funded = communities.filter((f) => Number(f.properties.fund_total) > 0);
    let best = funded[0]!.geometry.coordinates;
    let most = -1;
    for (const f of funded) {
      const n = funded.filter(
        (g) => turfDistance(f.geometry.coordinates, g.geometry.coordinates, { units: 'meters' }) <= radiusM,
      ).length;
      if (n > most) [best, most] = [f.geometry.coordinates, n];
    }
    return [Number(best[0]!.toFixed(4)), Number(best[1]!.toFixed(4))];
  }

  /** A ledger (not illustrative) community whose name no other community contains. */
  function uniqueLedgerCommunity(): Community {
    const named = communities.filter((f) => f.properties.is_synthetic === false);
    const found = named.find(
      (f) =>
        communities.filter((g) => String(g.properties.name).includes(String(f.properties.name))).length === 1,
    );
    if (!found) throw new Error('the demo data has no ledger community with a unique name');
    return found;
  }

  it('finds a community by name and opens its panel from the keyboard, the address following', async () => {
    const target = uniqueLedgerCommunity();
    const name = String(target.properties.name);
    const page = await open('./');
    const box = page.getByRole('combobox');
    await searchReady(page);
    await box.click();
    // Typing part of the name (not from its start) must still find it.
    await box.pressSequentially(name.slice(1, 4));
    const listbox = page.getByRole('listbox');
    await listbox.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    const first = listbox.locator('[role="group"]').first().getByRole('option').first();
    await expect
      .poll(() => first.getAttribute('data-key'), { timeout: SLOW_MS })
      .toBe(String(target.properties.id));
    await screenshot(page, 'search-results');

    await page.keyboard.press('ArrowDown');
    const activeId = await box.getAttribute('aria-activedescendant');
    expect(activeId).toBe(await first.getAttribute('id'));
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');

    const panel = page.locator('.panel-slot aside');
    await panel.waitFor();
    await expect.poll(() => panel.locator('h2').textContent(), { timeout: SLOW_MS }).toBe(name);
    expect(param(page, 'community')).toBe(String(target.properties.id));
    // Flown in to the tiles' full detail: every property is there, the distances among them.
    await expect
      .poll(() => panel.locator('[data-field="id"] dd').textContent(), { timeout: SLOW_MS })
      .toBe(String(target.properties.id));
    const [, lat, lng] = camera(page);
    expect(Math.abs(lat! - target.geometry.coordinates[1]!)).toBeLessThan(0.01);
    expect(Math.abs(lng! - target.geometry.coordinates[0]!)).toBeLessThan(0.01);
    await waitForMapIdle(page, SLOW_MS);
    await screenshot(page, 'search-panel');

    await panel.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => page.locator('.panel-slot').count(), { timeout: SLOW_MS }).toBe(0);
    expect(param(page, 'community')).toBeNull();
  });

  it('lists streets and districts, and fits the map to a street', async () => {
    const page = await open('./');
    const box = page.getByRole('combobox');
    await searchReady(page);
    const target = communities.find((f) => typeof f.properties.street === 'string')!;
    const street = String(target.properties.street);
    await box.fill(street);
    const option = page.locator(`[role="option"][data-kind="street"]`).first();
    await option.waitFor();
    expect(await option.locator('.label').textContent()).toBe(street);
    const before = camera(page);
    await option.click();
    await expect.poll(() => camera(page).join('/'), { timeout: SLOW_MS }).not.toBe(before.join('/'));
    await waitForMapIdle(page, SLOW_MS);
    // The street's communities are all inside the view now.
    const inStreet = communities.filter(
      (f) => f.properties.street === street && f.properties.district === target.properties.district,
    );
    const [, lat, lng] = camera(page);
    const meanLat = inStreet.reduce((s, f) => s + f.geometry.coordinates[1]!, 0) / inStreet.length;
    const meanLng = inStreet.reduce((s, f) => s + f.geometry.coordinates[0]!, 0) / inStreet.length;
    expect(Math.abs(lat! - meanLat)).toBeLessThan(0.2);
    expect(Math.abs(lng! - meanLng)).toBeLessThan(0.2);
  });

  it('opens the panel of an old ?community= link, with funding, life circles and source', async () => {
    // A community that reports money in at least two channels and has life-circle results.
    const target = communities.find(
      (f) =>
        FUNDING_CHANNELS.filter((c) => typeof f.properties[c.field] === 'number').length >= 2 &&
        typeof f.properties.lc5_met === 'boolean',
    )!;
    expect(target, 'a community with two funding channels').toBeDefined();
    const id = String(target.properties.id);
    // Written before the address had a version: no `v`.
    const page = await open(`./?community=${encodeURIComponent(id)}`);
    const panel = page.locator('.panel-slot aside');
    await panel.waitFor({ timeout: 60_000 });
    await expect
      .poll(() => panel.locator('h2').textContent(), { timeout: SLOW_MS })
      .toBe(String(target.properties.name));
    expect(param(page, 'community')).toBe(id);
    expect(param(page, 'v')).toBe('2');

    const channels = FUNDING_CHANNELS.filter((c) => typeof target.properties[c.field] === 'number').map(
      (c) => c.field,
    );
    const bars = await panel
      .locator('[data-section="funding"] rect[data-field]')
      .evaluateAll((rects) => rects.map((r) => r.getAttribute('data-field')));
    expect([...bars].sort()).toEqual([...channels].sort());
    // The table under the chart is its text alternative: one row per channel.
    expect(await panel.locator('[data-section="funding"] tbody tr').count()).toBe(channels.length);

    for (const c of LIFE_CIRCLES) {
      const verdict = await panel.locator(`[data-circle="${c.key}"] .verdict`).textContent();
      expect(verdict, c.key).toBe(target.properties[`${c.key}_met`] ? '达标' : '未达标');
    }
    expect(await panel.locator('.source').textContent()).toContain(String(target.properties.source));
    await waitForMapIdle(page, SLOW_MS);
    await screenshot(page, 'search-community-link');
  });

  it('keeps bearing and pitch in the hash through a search', async () => {
    const page = await open('./#map=13/28.2/112.97/30/45');
    expect(camera(page).slice(3)).toEqual([30, 45]);
    const target = uniqueLedgerCommunity();
    const box = page.getByRole('combobox');
    await searchReady(page);
    await box.fill(String(target.properties.name));
    await page.locator('[role="option"][data-kind="community"]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.panel-slot aside').waitFor();
    await waitForMapIdle(page, SLOW_MS);
    const [zoom, , , bearing, pitch] = camera(page);
    expect(zoom).toBeGreaterThanOrEqual(14);
    expect([bearing, pitch]).toEqual([30, 45]);
  });

  /** Opens the area tool, draws with `draw`, returns the page's figures and both downloads. */
  async function drawAndDownload(page: Page, draw: () => Promise<void>) {
    await page.getByRole('button', { name: '区域统计' }).click();
    await draw();
    const results = page.locator('.area-tool .results');
    await results.waitFor();
    const value = async (stat: string) =>
      Number(await results.locator(`[data-stat="${stat}"]`).getAttribute('data-value'));
    const shown = {
      communities: await value('communities'),
      households: await value('households'),
      residents: await value('residents'),
      fund_total: await value('fund_total'),
    };
    /** The results' items that carry the attribute `key`, as its value → the number in `number`. */
    const numbersBy = async (key: string, number: string) =>
      Object.fromEntries(
        await results
          .locator(`[${key}]`)
          .evaluateAll(
            (items, [k, n]) => items.map((li) => [li.getAttribute(k), Number(li.getAttribute(n))]),
            [key, number] as const,
          ),
      ) as Record<string, number>;
    const channelValues = await numbersBy('data-channel', 'data-value');
    const circles = await numbersBy('data-circle', 'data-met');

    const [geojsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      results.getByRole('button', { name: '下载 GeoJSON' }).click(),
    ]);
    const geojson = JSON.parse(await readFile((await geojsonDownload.path())!, 'utf8')) as Download;
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      results.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    const csvText = await readFile((await csvDownload.path())!, 'utf8');
    return {
      shown,
      channelValues,
      circles,
      geojson,
      geojsonName: geojsonDownload.suggestedFilename(),
      csvText,
      csvName: csvDownload.suggestedFilename(),
    };
  }

  /** Checks the page's figures and downloads against the communities node finds in `inside`. */
  function checkAgainstNode(result: Awaited<ReturnType<typeof drawAndDownload>>, inside: Community[]) {
    const expected = expectedTotals(inside);
    expect(expected.communities, 'the drawn area should hold some communities').toBeGreaterThan(3);
    expect(result.shown.communities).toBe(expected.communities);
    expect(result.shown.households).toBe(expected.households);
    expect(result.shown.residents).toBe(expected.residents);
    expect(result.shown.fund_total).toBeCloseTo(expected.fund_total, 2);
    for (const [field, yuan] of Object.entries(result.channelValues))
      expect(yuan, field).toBeCloseTo(expected.fund[field]!, 2);
    for (const c of LIFE_CIRCLES) expect(result.circles[c.key], c.key).toBe(expected.met[c.key]);

    const ids = inside.map((f) => String(f.properties.id)).sort();
    expect(result.geojson.features.map((f) => String(f.id)).sort()).toEqual(ids);

    expect(result.csvText.charCodeAt(0), 'UTF-8 byte-order mark').toBe(0xfeff);
    const table = Papa.parse<string[]>(result.csvText.slice(1), { skipEmptyLines: true }).data;
    const [header, ...body] = table;
    expect(body).toHaveLength(inside.length);
    const col = (name: string) => header!.indexOf(name);
    expect(body.map((r) => r[col('id')]).sort()).toEqual(ids);
    const byId = new Map(inside.map((f) => [String(f.properties.id), f]));
    for (const r of body) {
      const f = byId.get(r[col('id')]!)!;
      expect(r[col('name')]).toBe(String(f.properties.name));
      expect(r[col('households')]).toBe(
        typeof f.properties.households === 'number' ? String(f.properties.households) : '',
      );
    }
    expect(result.csvName).toMatch(/\.csv$/);
    expect(result.geojsonName).toMatch(/\.geojson$/);
  }

  it('counts a drawn polygon as node does with turf, and downloads its communities', async () => {
    const [lng, lat] = densestPoint(1500);
    const page = await open(`./#map=13/${lat}/${lng}`);
    const map = (await page.locator('.map').boundingBox())!;
    const cx = map.x + map.width / 2;
    const cy = map.y + map.height / 2;
    const result = await drawAndDownload(page, async () => {
      // A pentagon around the right of the centre, finished by a double-click on its last vertex.
      const r = 180;
      const points = [0, 1, 2, 3, 4].map((k) => [
        cx + r * Math.cos((2 * Math.PI * k) / 5),
        cy + r * Math.sin((2 * Math.PI * k) / 5),
      ]);
      for (const [x, y] of points.slice(0, -1)) await page.mouse.click(x!, y!);
      const [lx, ly] = points.at(-1)!;
      await page.mouse.dblclick(lx!, ly!);
    });
    expect(result.geojson.selection.properties.kind).toBe('polygon');
    expect(result.geojson.selection.geometry.coordinates[0]).toHaveLength(6);
    const inside = communities.filter((f) =>
      booleanPointInPolygon(f.geometry.coordinates, result.geojson.selection),
    );
    checkAgainstNode(result, inside);
    await waitForMapIdle(page, SLOW_MS);
    await screenshot(page, 'area-polygon');
  });

  it('counts a circle of a typed radius as node does with turf', async () => {
    const [lng, lat] = densestPoint(1500);
    const page = await open(`./#map=13/${lat}/${lng}`);
    const result = await drawAndDownload(page, async () => {
      await page.getByRole('radio', { name: '圆形（半径）' }).check();
      await page.getByRole('button', { name: '以地图中心为圆心' }).click();
      await page.getByLabel('半径（米）').fill('2500');
      await page.getByLabel('半径（米）').press('Enter');
    });
    const { center, radius_m } = result.geojson.selection.properties;
    expect(radius_m).toBe(2500);
    expect(center![0]).toBeCloseTo(lng, 4);
    expect(center![1]).toBeCloseTo(lat, 4);
    const inside = communities.filter(
      (f) => turfDistance(center!, f.geometry.coordinates, { units: 'meters' }) <= radius_m!,
    );
    checkAgainstNode(result, inside);
    await screenshot(page, 'area-circle');
  });

  it('draws a circle by dragging, and Esc cancels a polygon', async () => {
    const page = await open('./#map=12/28.2/112.98');
    await page.getByRole('button', { name: '区域统计' }).click();
    const map = (await page.locator('.map').boundingBox())!;
    const cx = map.x + map.width / 2;
    const cy = map.y + map.height / 2;
    await page.mouse.click(cx - 50, cy - 50);
    await page.mouse.click(cx + 50, cy - 50);
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.locator('.area-tool .progress').textContent(), { timeout: SLOW_MS })
      .toContain('0');
    await page.getByRole('radio', { name: '圆形（半径）' }).check();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 60, cy, { steps: 5 });
    await page.mouse.move(cx + 120, cy, { steps: 5 });
    await page.mouse.up();
    const results = page.locator('.area-tool .results');
    await results.waitFor();
    const radius = Number(await page.getByLabel('半径（米）').inputValue());
    // MapLibre's zoom 12 is 512 px tiles: at 28.2°N a pixel is about 16.8 m, 120 px about 2,020 m.
    expect(radius).toBeGreaterThan(1900);
    expect(radius).toBeLessThan(2150);
    // The map did not pan while the radius was dragged.
    expect(camera(page).slice(0, 3)).toEqual([12, 28.2, 112.98]);
    // No community panel opened from the clicks that drew.
    expect(await page.locator('.panel-slot').count()).toBe(0);
  });

  it('works on a 390 px phone without sideways scrolling', async () => {
    const [lng, lat] = densestPoint(1500);
    const page = await open(`./#map=12/${lat}/${lng}`, PHONE);
    expect(await horizontalOverflow(page)).toEqual([0, 0]);
    // The phone's header opens the search from a button (src/panels/SiteHeader.svelte).
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    const box = page.getByRole('combobox');
    await searchReady(page);
    await box.fill('小区');
    await page.getByRole('listbox').waitFor();
    expect(await horizontalOverflow(page)).toEqual([0, 0]);
    const list = (await page.getByRole('listbox').boundingBox())!;
    expect(list.x).toBeGreaterThanOrEqual(0);
    expect(list.x + list.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'search-phone');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '区域统计' }).click();
    await page.getByRole('radio', { name: '圆形（半径）' }).check();
    await page.getByRole('button', { name: '以地图中心为圆心' }).click();
    await page.getByLabel('半径（米）').fill('3000');
    await page.getByLabel('半径（米）').press('Enter');
    await page.locator('.area-tool .results').waitFor();
    expect(
      Number(await page.locator('[data-stat="communities"]').getAttribute('data-value')),
    ).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toEqual([0, 0]);
    await waitForMapIdle(page, SLOW_MS);
    await screenshot(page, 'area-phone');
  });
});
