/**
 * Exploring in headless Chromium, on the demo data: the filter panel and the linked charts.
 * Filters set in the panel or by clicking a chart bar reach the address and the map (the drawn
 * communities are read with `window.__atlas.renderedCommunityIds()`, which the page exposes only
 * under automation); a `?stage=` link restores them; every count the panel and the charts show
 * equals the same sum computed here from public/data/communities.geojson. A 390 px phone gets
 * the panel as a drawer without sideways scrolling. No console error, no request elsewhere.
 * Screenshots: tmp/screenshots/explore-*.png.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { DONE_STAGES, ITEMS, STAGE_LABELS, STAGES } from '../../src/domain/vocabulary';
import { loadMessages, message } from '../../src/i18n/messages';
import { resolutionForZoom } from '../../src/lib/aggregate-resolution';
import { screenshot, waitForMapIdle, type PageOptions } from './browser';
import { demoCommunities, params, PHONE, sidewaysOverflow, useSite, type Community } from './fixture';

// The funding layer's text is in the Chinese views' part (a chunk of its own on the page).
await loadMessages('zh');

/** A page, its map and the index take a while on SwiftShader when the machine is busy. */
const TEST_MS = 180_000;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const itemsOf = (f: Community) =>
  String(f.properties.items ?? '')
    .split(',')
    .filter(Boolean);

describe('exploring: filters and linked charts', () => {
  const site = useSite({ requires: ['explore-core.bin'] });
  let features: Community[];
  let byId: Map<string, Community>;

  beforeAll(async () => {
    features = await demoCommunities();
    byId = new Map(features.map((f) => [String(f.properties.id), f]));
  });

  async function open(path: string, options?: PageOptions): Promise<Page> {
    const page = await site.open(path, options);
    // The counts appear once the explore index is loaded and decoded.
    await page.locator('.explore-bar .counts[data-matched]').waitFor();
    return page;
  }

  const matched = async (page: Page) =>
    Number(await page.locator('.explore-bar .counts').getAttribute('data-matched'));

  const rendered = (page: Page) =>
    page.evaluate(() => {
      const hooks = (window as unknown as { __atlas?: { renderedCommunityIds?: () => string[] } }).__atlas;
      if (!hooks?.renderedCommunityIds) throw new Error('window.__atlas.renderedCommunityIds is missing');
      return hooks.renderedCommunityIds();
    });

  async function openPanel(page: Page): Promise<void> {
    const toggle = page.locator('.explore-bar .toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.locator('#explore-panel .chart-stage').waitFor();
  }

  /** The stage chart's bars as `stage → count`. */
  const stageBars = (page: Page) =>
    page
      .locator('.chart-stage g[data-stage]')
      .evaluateAll((gs) =>
        Object.fromEntries(
          gs.map((g) => [g.getAttribute('data-stage'), Number(g.getAttribute('data-count'))]),
        ),
      );

  /** Expected stage bars for some communities: every stage, plus unknown when some lack one. */
  function expectedStages(list: readonly Community[]) {
    const out: Record<string, number> = Object.fromEntries(
      STAGES.map((s) => [s, list.filter((f) => f.properties.stage === s).length]),
    );
    const unknown = list.filter((f) => !f.properties.stage).length;
    if (unknown) out[''] = unknown;
    return out;
  }

  it(
    'charts count what communities.geojson says, and follow a programme filter',
    async () => {
      const page = await open('./');
      expect(await matched(page)).toBe(features.length);
      await openPanel(page);

      expect(await stageBars(page)).toEqual(expectedStages(features));

      // Items: communities with each item, and with any item of each category.
      const itemBars = await page
        .locator('.chart-items g[data-item]')
        .evaluateAll((gs) =>
          gs.map((g) => [g.getAttribute('data-item'), Number(g.getAttribute('data-count'))]),
        );
      expect(itemBars.length).toBeGreaterThan(0);
      for (const [key, count] of itemBars)
        expect(count, String(key)).toBe(features.filter((f) => itemsOf(f).includes(String(key))).length);
      for (const category of ['basic', 'improvement', 'enhancement']) {
        const keys = ITEMS.filter((i) => i.category === category).map((i) => i.key);
        const count = Number(
          await page.locator(`.chart-items g[data-category="${category}"]`).getAttribute('data-count'),
        );
        expect(count, category).toBe(features.filter((f) => itemsOf(f).some((k) => keys.includes(k))).length);
      }

      // Funding per programme, in yuan.
      const programmes = [...new Set(features.map((f) => String(f.properties.programme)))];
      for (const programme of programmes) {
        const total = Number(
          await page.locator(`.chart-funding g[data-group="${programme}"]`).getAttribute('data-total'),
        );
        const expected = features
          .filter((f) => f.properties.programme === programme)
          .reduce((s, f) => s + num(f.properties.fund_total), 0);
        expect(Math.abs(total - expected), programme).toBeLessThan(1);
      }

      // Progress: the last cumulative completion is every finished community with a date.
      const done = features.filter((f) => (DONE_STAGES as readonly unknown[]).includes(f.properties.stage));
      const lastCompleted = await page
        .locator('.chart-progress table tbody tr')
        .last()
        .locator('td')
        .nth(1)
        .textContent();
      expect(Number(lastCompleted)).toBe(done.filter((f) => f.properties.completion_date).length);
      await screenshot(page, 'explore-desktop-charts');

      // Filtering by a programme from its bar: the other charts count that programme only.
      const programme = 'xiangtan-yuhu-2020';
      const members = features.filter((f) => f.properties.programme === programme);
      await page.locator(`.chart-funding g[data-group="${programme}"]`).click();
      await expect.poll(() => params(page).get('programme')).toBe(programme);
      await expect.poll(() => matched(page)).toBe(members.length);
      expect(await stageBars(page)).toEqual(expectedStages(members));
      expect(
        await page.locator(`.chart-funding g[data-group="${programme}"]`).getAttribute('aria-pressed'),
      ).toBe('true');
    },
    TEST_MS,
  );

  it(
    'filters the map and the address from the panel',
    async () => {
      // A z14 view (every community in the tiles) around the construction site with most neighbours at other stages.
      const construction = features.filter((f) => f.properties.stage === 'construction');
      const near = (a: Community, b: Community) =>
        Math.abs(a.geometry.coordinates[0]! - b.geometry.coordinates[0]!) < 0.01 &&
        Math.abs(a.geometry.coordinates[1]! - b.geometry.coordinates[1]!) < 0.006;
      const centre = construction
        .map((c) => ({
          c,
          others: features.filter((f) => near(f, c) && f.properties.stage !== 'construction').length,
        }))
        .sort((a, b) => b.others - a.others)[0]!.c;
      const [lng, lat] = centre.geometry.coordinates as [number, number];
      const page = await open(`./#map=14/${lat}/${lng}`);
      await openPanel(page);
      await waitForMapIdle(page);

      const before = await rendered(page);
      const stages = (ids: string[]) => new Set(ids.map((id) => byId.get(id)?.properties.stage));
      expect(before).toContain(String(centre.properties.id));
      expect([...stages(before)].some((s) => s !== 'construction')).toBe(true);

      await page
        .locator('#explore-panel fieldset')
        .filter({ hasText: STAGE_LABELS.construction.zh })
        .first()
        .getByRole('checkbox', { name: new RegExp(STAGE_LABELS.construction.zh) })
        .check();
      await expect.poll(() => params(page).get('stage')).toBe('construction');
      expect(page.url()).toContain('stage=construction');
      await expect.poll(() => matched(page)).toBe(construction.length);
      await expect.poll(async () => [...stages(await rendered(page))]).toEqual(['construction']);
      const after = await rendered(page);
      expect(after).toContain(String(centre.properties.id));
      expect(after.length).toBeLessThan(before.length);
      await waitForMapIdle(page);
      await screenshot(page, 'explore-desktop-filtered');

      await page.locator('.explore-bar .clear').click();
      await expect.poll(() => params(page).get('stage')).toBeNull();
      await expect.poll(async () => (await rendered(page)).length).toBe(before.length);
    },
    TEST_MS,
  );

  it(
    'restores the filters of a ?stage= link',
    async () => {
      const page = await open('./?stage=construction,design&lang=en');
      const expected = features.filter((f) =>
        ['construction', 'design'].includes(String(f.properties.stage)),
      );
      expect(await matched(page)).toBe(expected.length);
      // Opened by itself on a wide screen, because the link carries filters.
      await page.locator('#explore-panel').waitFor();
      for (const stage of STAGES) {
        const box = page.getByRole('checkbox', { name: new RegExp(`^${STAGE_LABELS[stage].en}`) });
        if (stage === 'construction' || stage === 'design')
          await expect.poll(() => box.isChecked()).toBe(true);
        else expect(await box.isChecked()).toBe(false);
      }
      const ids = await rendered(page);
      for (const id of ids) expect(['construction', 'design']).toContain(byId.get(id)?.properties.stage);
      expect(params(page).get('lang')).toBe('en');
      await screenshot(page, 'explore-desktop-link-en');
    },
    TEST_MS,
  );

  it(
    'filters by clicking a chart bar, and unfilters by clicking it again',
    async () => {
      const page = await open('./');
      await openPanel(page);
      const bar = page.locator('.chart-stage g[data-stage="design"]');
      await bar.click();
      await expect.poll(() => params(page).get('stage')).toBe('design');
      await expect
        .poll(() => matched(page))
        .toBe(features.filter((f) => f.properties.stage === 'design').length);
      expect(await bar.getAttribute('aria-pressed')).toBe('true');
      // Keyboard: Enter on a focused bar toggles it too.
      await bar.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => params(page).get('stage')).toBeNull();
      await expect.poll(() => matched(page)).toBe(features.length);
    },
    TEST_MS,
  );

  it(
    'draws the funding hexagons of the filtered communities only',
    async () => {
      const programme = 'changsha-2021-2023';
      const members = features.filter((f) => f.properties.programme === programme);
      // Zoom 10 asks for resolution 7 (src/lib/aggregates.ts resolutionForZoom).
      const resolution = resolutionForZoom(10, [5, 7, 8])!;
      const cells = new Set(
        members.map((f) => latLngToCell(f.geometry.coordinates[1]!, f.geometry.coordinates[0]!, resolution)),
      );
      const page = await open(`./?layer=funding&programme=${programme}#map=10/28.2/112.97`);
      const [before, after] = message('zh', 'funding.cells_custom').split('{count}') as [string, string];
      await expect
        .poll(() => page.locator('.legend-slot').textContent(), { timeout: 60_000 })
        .toContain(`${before}${cells.size}${after}`);
      await waitForMapIdle(page);
      await screenshot(page, 'explore-desktop-funding-filtered');
    },
    TEST_MS,
  );

  it(
    'is a drawer on a 390 px phone, without sideways scrolling',
    async () => {
      const page = await open('./', PHONE);
      const overflow = () => sidewaysOverflow(page);
      expect(await overflow()).toEqual([0, 0]);
      await screenshot(page, 'explore-phone-closed');
      await openPanel(page);
      expect(await overflow()).toEqual([0, 0]);
      const panel = (await page.locator('#explore-panel').boundingBox())!;
      expect(panel.width).toBeLessThanOrEqual(390);
      const charts = await page
        .locator('#explore-panel svg')
        .evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().right));
      for (const right of charts) expect(right).toBeLessThanOrEqual(390);
      await page.getByRole('checkbox', { name: new RegExp(STAGE_LABELS.design.zh) }).check();
      await expect.poll(() => params(page).get('stage')).toBe('design');
      expect(await overflow()).toEqual([0, 0]);
      await screenshot(page, 'explore-phone-drawer');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#explore-panel').count()).toBe(0);
    },
    TEST_MS,
  );
});
