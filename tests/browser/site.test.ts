/**
 * The built site in headless Chromium: the map draws the communities, the legend is the map's
 * own scale, a click opens the panel with ledger text shown literally, the language switch,
 * a phone-sized layout, the lazily loaded funding layer. Every page must log no console error
 * and request nothing from another origin. Screenshots land in tmp/screenshots/.
 *
 * Runs on the demo data (public/data, copied into the build) and, for the hostile-name case,
 * on a three-community fixture built by the real data pipeline into a temp folder.
 */
import type { Feature, Point } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STAGE_LABELS } from '../../src/domain/vocabulary';
import { STAGE_SCALE, UNKNOWN_STAGE_COLOR } from '../../src/style/scales';
import { FUNDING_DENSITY_COLORS, FUNDING_DENSITY_OPACITY } from '../../src/style/view-scales';
import { BASEMAP_COLORS } from '../../src/map/basemap-style';
import { countColors, screenshot, waitForMapIdle, type PageOptions } from './browser';
import { blend, cssRgb as rgb } from './colours';
import { demoCommunities, params, PHONE, sidewaysOverflow, useSite } from './fixture';

const HOSTILE_NAME = '<b>x</b><img src=x onerror=alert(1)>';

/** The community farthest from its nearest neighbour: clicking it cannot hit another. */
function mostIsolated(features: Feature<Point>[]): Feature<Point> {
  let best = features[0]!;
  let bestGap = -1;
  for (const f of features) {
    const [x, y] = f.geometry.coordinates as [number, number];
    let gap = Infinity;
    for (const g of features) {
      if (g === f) continue;
      const [gx, gy] = g.geometry.coordinates as [number, number];
      gap = Math.min(gap, Math.hypot((gx - x) * Math.cos((y * Math.PI) / 180), gy - y));
    }
    if (gap > bestGap) [best, bestGap] = [f, gap];
  }
  return best;
}

describe('site in a browser', () => {
  const site = useSite({ data: { demo: 'demo', fixture: { fixture: true } } });
  const open = (server: 'demo' | 'fixture', path: string, options?: PageOptions): Promise<Page> =>
    site.open(path, { ...options, server });

  /** Clicks the middle of the map, where `#map=z/lat/lng` put the community. */
  async function clickMapCentre(page: Page): Promise<void> {
    const box = (await page.locator('.map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('.panel-slot aside').waitFor();
  }

  it('draws the communities in the stage colours', async () => {
    const page = await open('demo', './');
    const png = await screenshot(page, 'desktop-zh');
    const map = (await page.locator('.map').boundingBox())!;
    const legend = (await page.locator('.legend-slot').boundingBox())!;
    // Only the map right of the legend: the legend's own swatches use the same colours.
    const region = {
      x: Math.ceil(legend.x + legend.width),
      y: Math.ceil(map.y),
      width: Math.floor(map.x + map.width - legend.x - legend.width),
      height: Math.floor(map.height),
    };
    const counts = await countColors(
      site.browser,
      png,
      [...STAGE_SCALE.map((e) => e.color), UNKNOWN_STAGE_COLOR],
      24,
      region,
    );
    expect(
      counts.reduce((a, b) => a + b, 0),
      `stage-coloured pixels ${counts.join(',')}`,
    ).toBeGreaterThan(200);
  });

  it('lists exactly the stage scale in the legend', async () => {
    const page = await open('demo', './');
    const entries = await page.locator('.stages li').evaluateAll((items) =>
      items.map((li) => ({
        stage: li.getAttribute('data-stage'),
        color: getComputedStyle(li.querySelector('.dot')!).backgroundColor,
        label: li.textContent?.trim(),
      })),
    );
    expect(entries).toEqual([
      ...STAGE_SCALE.map((e) => ({ stage: e.stage, color: rgb(e.color), label: STAGE_LABELS[e.stage].zh })),
      { stage: '', color: rgb(UNKNOWN_STAGE_COLOR), label: '状态未知' },
    ]);
  });

  it('opens the panel of a clicked community', async () => {
    const target = mostIsolated(await demoCommunities());
    const [lng, lat] = target.geometry.coordinates as [number, number];
    const page = await open('demo', `./#map=15/${lat}/${lng}`);
    await clickMapCentre(page);
    await expect
      .poll(() => page.locator('.panel-slot h2').textContent())
      .toBe(String(target.properties!.name));
    await expect
      .poll(() => page.locator('.panel-slot [data-field="id"] dd').textContent())
      .toBe(String(target.properties!.id));
    await screenshot(page, 'desktop-panel');
  });

  it('shows a name made of markup as text, with the synthetic and approximate badges', async () => {
    const page = await open('fixture', './#map=15/28.2/113');
    await clickMapCentre(page);
    const panel = page.locator('.panel-slot aside');
    expect(await panel.locator('h2').textContent()).toBe(HOSTILE_NAME);
    expect(await panel.locator('img, b').count()).toBe(0);
    expect(await panel.locator('.badge').allTextContents()).toEqual(['示意数据', '位置近似']);
    expect(await panel.locator('.source').textContent()).toContain('fixture: a name that is markup');
    await screenshot(page, 'fixture-hostile-name');
    await page.keyboard.press('Escape');
    expect(await page.locator('.panel-slot').count()).toBe(0);
  });

  it('switches to English with ?lang=en and back with the header link', async () => {
    const page = await open('demo', './?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Renovation Atlas');
    expect(await page.locator('.stages li').first().textContent()).toContain(
      STAGE_LABELS[STAGE_SCALE[0]!.stage].en,
    );
    await screenshot(page, 'desktop-en');
    await page.locator('a.lang').click();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toBe('小区焕新地图');
    expect(params(page).get('lang')).toBeNull();
  });

  it('fits a 390 px phone without horizontal scrolling, panel open or not', async () => {
    const page = await open('fixture', './#map=15/28.2/113', PHONE);
    const overflow = () => sidewaysOverflow(page);
    expect(await overflow()).toEqual([0, 0]);
    await screenshot(page, 'phone-zh');
    await clickMapCentre(page);
    expect(await overflow()).toEqual([0, 0]);
    await waitForMapIdle(page);
    await screenshot(page, 'phone-panel');
  });

  it('loads deck.gl and the funding aggregates only when the layer is switched on', async () => {
    const start = site.server('demo').requests.length;
    // A city view, where resolution-7 hexagons are tens of pixels across.
    const page = await open('demo', './#map=10/28.2/112.97');
    const lazy = () =>
      site
        .server('demo')
        .requests.slice(start)
        .filter((r) => /aggregates\/h3-r\d+\.json|funding-hex-overlay/.test(r));
    expect(lazy()).toEqual([]);
    await page.getByRole('radio', { name: '资金密度' }).check();
    await page.locator('.ramp').waitFor();
    // The legend and the layer are chunks of their own, loaded side by side: the ramp can show
    // before the layer has asked for deck.gl and the cells.
    await expect.poll(() => lazy().some((r) => r.includes('funding-hex-overlay'))).toBe(true);
    await expect.poll(() => lazy().some((r) => /aggregates\/h3-r\d+\.json/.test(r))).toBe(true);
    expect(params(page).get('layer')).toBe('funding');
    await waitForMapIdle(page);
    const png = await screenshot(page, 'funding-density');
    const map = (await page.locator('.map').boundingBox())!;
    // Hexagons are drawn translucent over the land colour.
    const blended = FUNDING_DENSITY_COLORS.map((c) => blend(c, FUNDING_DENSITY_OPACITY, BASEMAP_COLORS.land));
    const counts = await countColors(site.browser, png, blended, 14, {
      x: Math.ceil(map.x + 300),
      y: Math.ceil(map.y),
      width: Math.floor(map.width - 300),
      height: Math.floor(map.height),
    });
    expect(
      counts.reduce((a, b) => a + b, 0),
      'hexagon pixels',
    ).toBeGreaterThan(100);
  });
});
