/**
 * The map first, on a phone and in an embed, in headless Chromium on the real build and the demo
 * data. A 390×844 phone: the map's share of the screen with the sheet at peek (from element
 * rectangles, and by sampling what is on top at each point; both printed), the bottom sheet
 * dragged between peek, half and full with a mouse and with touch (a flick included), moved by
 * its handle's keys and Escape, a community from the search opening in it at half with the
 * focus, the table opening in it from the menu. Embeds at 800×500 and 320×240: the legend
 * folded behind a button, the sources on one line that unfolds, the map, title and "open the
 * full map" link in the frame without scrolling; a wide embed keeps both unfolded. axe-core finds
 * no serious or critical violation in any of these views. Screenshots in Chinese and English:
 * tmp/screenshots/phone-*.png, embed-*.png.
 */
import type { CDPSession, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AXE_DIR, seriousViolations } from './axe';
import { screenshot, waitForMapIdle } from './browser';
import { demoCommunities, params, PHONE, sidewaysOverflow, useSite } from './fixture';

type Lang = 'zh' | 'en';

/** Interface words the tests look for (src/i18n/messages.ts). */
const WORDS = {
  zh: {
    menu: '菜单',
    search: '搜索',
    legend: '图例',
    filters: '筛选',
    table: '表格',
    close: '关闭',
    half: '面板：半屏',
    open: '打开完整地图',
    title: '小区焕新地图',
  },
  en: {
    menu: 'Menu',
    search: 'Search',
    legend: 'Legend',
    filters: 'Filters',
    table: 'Table',
    close: 'Close',
    half: 'Panel: half screen',
    open: 'Open the full map',
    title: 'Renovation Atlas',
  },
} satisfies Record<Lang, Record<string, string>>;

/** The least share of the phone's screen the map must keep with the sheet at peek. */
const MIN_MAP_SHARE = 0.7;

describe('the map first: a phone and small embeds', { timeout: 240_000 }, () => {
  const site = useSite({
    mounts: { '/__axe/': AXE_DIR },
    // A camera flight (to a searched community) cancels the tile reads it no longer needs.
    ignoreErrors: /^request failed: \S+\.pmtiles net::ERR_ABORTED$/,
  });
  let community: { id: string; name: string };

  beforeAll(async () => {
    // A ledger community whose name no other community has, to find by search.
    const features = await demoCommunities();
    const count = new Map<string, number>();
    for (const f of features)
      count.set(String(f.properties.name), (count.get(String(f.properties.name)) ?? 0) + 1);
    const found = features.find(
      (f) => f.properties.is_synthetic !== true && count.get(String(f.properties.name)) === 1,
    )!;
    community = { id: String(found.properties.id), name: String(found.properties.name) };
  });

  const sheet = (page: Page) => page.locator('.sheet');
  const snapOf = (page: Page) => sheet(page).getAttribute('data-snap');
  const handle = (page: Page) => page.locator('.sheet .handle');

  /** The sheet's resting heights, as BottomSheet computes them (sheet-state.ts), and its height now. */
  const sheetHeights = (page: Page) =>
    page.evaluate(() => {
      const area = document.querySelector('.sheet-area')!.getBoundingClientRect().height;
      const peek = (document.querySelector('.sheet-top') as HTMLElement).offsetHeight;
      const now = document.querySelector('.sheet')!.getBoundingClientRect().height;
      return { peek, half: Math.round(area / 2), full: Math.round(area), now };
    });

  /** Waits until the sheet rests at `snap` and its height has reached that position's. */
  async function settled(page: Page, snap: 'peek' | 'half' | 'full'): Promise<void> {
    await expect.poll(() => snapOf(page)).toBe(snap);
    await expect
      .poll(async () => {
        const h = await sheetHeights(page);
        return Math.abs(h.now - h[snap]) <= 1;
      })
      .toBe(true);
  }

  /**
   * The map's share of the screen: the part of the map element inside the viewport and under
   * neither the header nor the sheet, from their rectangles; and the share of points on a 10 px
   * grid where what is on top belongs to the map (so buttons floating over it count against it).
   */
  const mapShare = (page: Page) =>
    page.evaluate(() => {
      const view = new DOMRect(0, 0, innerWidth, innerHeight);
      const meet = (a: DOMRect, b: DOMRect) =>
        new DOMRect(
          Math.max(a.left, b.left),
          Math.max(a.top, b.top),
          Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)),
          Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)),
        );
      const area = (r: DOMRect) => r.width * r.height;
      const map = meet(document.querySelector('.map')!.getBoundingClientRect(), view);
      let visible = area(map);
      for (const selector of ['.site-header', '.sheet']) {
        const cover = document.querySelector(selector);
        if (cover) visible -= area(meet(map, cover.getBoundingClientRect()));
      }
      let onMap = 0;
      let points = 0;
      for (let x = 5; x < innerWidth; x += 10)
        for (let y = 5; y < innerHeight; y += 10) {
          points++;
          if (document.elementFromPoint(x, y)?.closest('.map')) onMap++;
        }
      return { rects: visible / area(view), sampled: onMap / points };
    });

  /** A drag of the sheet's handle by `dy` px (up is negative), slow, with a pause before letting go. */
  async function mouseDrag(page: Page, dy: number): Promise<void> {
    const box = (await handle(page).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    const steps = Math.max(4, Math.ceil(Math.abs(dy) / 15));
    for (let i = 1; i <= steps; i++) {
      await page.mouse.move(x, y + (dy * i) / steps);
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(200);
    await page.mouse.up();
  }

  /**
   * A touch drag of the handle through the DevTools protocol, its events stamped `stepMs` apart
   * (so the speed does not depend on how busy the machine is), with a still finger for `pauseMs`
   * before it lifts: 15 ms steps and no pause make a flick.
   */
  async function touchDrag(page: Page, cdp: CDPSession, dy: number, stepMs: number, pauseMs: number) {
    const box = (await handle(page).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const start = Date.now() / 1000;
    const touch = (
      type: 'touchStart' | 'touchMove' | 'touchEnd',
      at: number,
      points: { x: number; y: number }[],
    ) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points, timestamp: start + at / 1000 });
    await touch('touchStart', 0, [{ x, y }]);
    const steps = Math.max(3, Math.ceil(Math.abs(dy) / 15));
    for (let i = 1; i <= steps; i++) await touch('touchMove', i * stepMs, [{ x, y: y + (dy * i) / steps }]);
    await touch('touchEnd', steps * stepMs + Math.max(pauseMs, stepMs), []);
  }

  for (const lang of ['zh', 'en'] as const) {
    const w = WORDS[lang];
    const query = lang === 'en' ? '?lang=en' : '';

    it(`gives the map at least 70 % of a 390×844 phone (${lang})`, async () => {
      const page = await site.open(`./${query}`, PHONE);
      await settled(page, 'peek');
      expect(await sidewaysOverflow(page)).toEqual([0, 0]);
      const share = await mapShare(page);
      console.log(
        `map share of a 390×844 phone (${lang}), sheet at peek: ${(share.rects * 100).toFixed(1)} % ` +
          `(element rectangles), ${(share.sampled * 100).toFixed(1)} % (points where the map is on top)`,
      );
      expect(share.rects).toBeGreaterThanOrEqual(MIN_MAP_SHARE);
      expect(share.sampled).toBeGreaterThanOrEqual(MIN_MAP_SHARE);
      // Landmarks and headings are still there: the header's h1, the map in <main>, the sheet a region.
      expect(await page.locator('header h1').textContent()).toBe(w.title);
      expect(await page.getByRole('main').locator('.map').count()).toBe(1);
      expect(
        await page
          .getByRole('region', { name: /./ })
          .filter({ has: page.locator('.sheet-top') })
          .count(),
      ).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `phone-${lang}-default`);

      // The legend section at half: the map keeps the top half.
      await page.getByRole('button', { name: w.legend, exact: true }).click();
      await settled(page, 'half');
      await page.locator('.sheet .switcher').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `phone-${lang}-half`);

      // The menu holds the tools and the language switch, and closes with Escape.
      const menu = page.getByRole('button', { name: w.menu, exact: true });
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      expect(await page.getByRole('link', { name: lang === 'zh' ? 'English' : '中文' }).isVisible()).toBe(
        true,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
    });

    it(`opens a community from the search in the sheet at half, then full (${lang})`, async () => {
      const page = await site.open(`./${query}`, PHONE);
      await page.getByRole('button', { name: w.search, exact: true }).click();
      const box = page.getByRole('combobox');
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      await box.fill(community.name);
      await page.getByRole('option').first().waitFor();
      await box.press('Enter');

      const panel = page.locator('.sheet .panel-slot aside');
      await panel.waitFor();
      await settled(page, 'half');
      expect(await panel.locator('h2').textContent()).toBe(community.name);
      await expect.poll(() => params(page).get('community')).toBe(community.id);
      // The focus went into the panel, and the header shows the title again.
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.sheet .panel-slot')))).toBe(
        true,
      );
      expect(await page.locator('header h1').isVisible()).toBe(true);
      await waitForMapIdle(page);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `phone-${lang}-community-half`);

      await handle(page).focus();
      await page.keyboard.press('ArrowUp');
      await settled(page, 'full');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `phone-${lang}-full-panel`);

      // Closing the panel folds the sheet and leaves the focus on its handle.
      await panel.getByRole('button', { name: w.close, exact: true }).click();
      await settled(page, 'peek');
      expect(await page.locator('.panel-slot').count()).toBe(0);
      expect(await handle(page).evaluate((el) => el === document.activeElement)).toBe(true);
      expect(params(page).get('community')).toBeNull();
    });
  }

  it('drags the sheet between peek, half and full with a mouse and with touch', async () => {
    const page = await site.open('./', PHONE);
    await settled(page, 'peek');
    const h = await sheetHeights(page);
    expect(h.peek).toBeLessThan(h.half);

    // A slow mouse drag from peek up to about half rests at half.
    await mouseDrag(page, -(h.half - h.peek) - 20);
    await settled(page, 'half');
    expect(await page.locator('.sheet-body').isVisible()).toBe(true);

    // A slow touch drag most of the way up rests at full; the page itself does not scroll.
    const cdp = await page.context().newCDPSession(page);
    await touchDrag(page, cdp, -(h.full - h.half) * 0.7, 40, 200);
    await settled(page, 'full');
    expect(await page.evaluate(() => [scrollY, document.scrollingElement?.scrollTop ?? 0])).toEqual([0, 0]);

    // A short quick flick down (60 px in 60 ms) goes on to the next position down (half), not
    // back to the nearest (full).
    await touchDrag(page, cdp, 60, 15, 0);
    await settled(page, 'half');

    // A slow drag down past the middle of half and peek rests at peek, and the body goes.
    await mouseDrag(page, h.half - h.peek - 40);
    await settled(page, 'peek');
    expect(await page.locator('.sheet-body').isVisible()).toBe(false);
    expect(await page.locator('.sheet-body').evaluate((el) => el.childElementCount)).toBe(0);

    // A drag does not eat the next tap: the legend button still opens its section.
    await page.getByRole('button', { name: '图例', exact: true }).click();
    await settled(page, 'half');
    expect(await page.locator('.sheet .switcher').isVisible()).toBe(true);
  });

  it('moves the sheet with its handle by keyboard, and Escape folds it', async () => {
    const page = await site.open('./', PHONE);
    const grip = handle(page);
    await grip.focus();
    expect(await grip.getAttribute('aria-label')).toMatch(/^面板高度：收起/);
    expect(await grip.getAttribute('aria-expanded')).toBe('false');
    const moves: [string, string][] = [
      ['Enter', 'half'],
      ['ArrowUp', 'full'],
      ['ArrowDown', 'half'],
      ['ArrowDown', 'peek'],
      ['ArrowDown', 'peek'],
      ['Home', 'full'],
      ['End', 'peek'],
      ['Space', 'half'],
      ['PageUp', 'full'],
      ['Enter', 'peek'],
      ['ArrowUp', 'half'],
    ];
    for (const [key, snap] of moves) {
      await page.keyboard.press(key);
      await expect.poll(() => snapOf(page), { message: key }).toBe(snap);
    }
    await settled(page, 'half');
    expect(await grip.getAttribute('aria-expanded')).toBe('true');
    expect(await grip.getAttribute('aria-label')).toMatch(/^面板高度：半屏/);
    await expect.poll(() => page.locator('.sheet .sheet-status').textContent()).toBe(WORDS.zh.half);

    // Tab goes from the handle through the peek's buttons into the body (the legend, by default).
    let inBody = false;
    for (let i = 0; i < 10 && !inBody; i++) {
      await page.keyboard.press('Tab');
      inBody = await page.evaluate(() => Boolean(document.activeElement?.closest('.sheet-body')));
    }
    expect(inBody).toBe(true);
    // Escape from inside the body: back to peek, the focus on the handle, the body gone.
    await page.keyboard.press('Escape');
    await settled(page, 'peek');
    expect(await grip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('.sheet-body').evaluate((el) => el.childElementCount)).toBe(0);
  });

  it('opens the filters and, from the menu, the table in the sheet', async () => {
    const page = await site.open('./', PHONE);
    const filters = page.locator('.explore-bar .toggle');
    await page.locator('.explore-bar .counts[data-matched]').waitFor();
    expect((await filters.textContent())?.trim()).toBe(WORDS.zh.filters);
    await filters.click();
    expect(await filters.getAttribute('aria-expanded')).toBe('true');
    await page.locator('.sheet #explore-panel .chart-stage').waitFor();
    await settled(page, 'half');
    // Pressed again, the same button folds the sheet.
    await filters.click();
    await settled(page, 'peek');
    expect(await page.locator('#explore-panel').count()).toBe(0);

    await page.getByRole('button', { name: '菜单', exact: true }).click();
    await page.getByRole('link', { name: '表格', exact: true }).click();
    await settled(page, 'full');
    await page.locator('.sheet .table-view tbody tr').first().waitFor();
    expect(params(page).get('view')).toBe('table');
    // The menu closed and the focus moved to the table's heading in the sheet.
    expect(await page.locator('.site-header .menu').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.closest('.table-view') !== null)).toBe(true);
    expect(await sidewaysOverflow(page)).toEqual([0, 0]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'phone-zh-table');
    await page.keyboard.press('Escape');
    await settled(page, 'peek');
    expect(params(page).get('view')).toBeNull();
  });

  for (const lang of ['zh', 'en'] as const) {
    const w = WORDS[lang];
    const query = `?embed=1${lang === 'en' ? '&lang=en' : ''}`;

    it(`folds the legend and the sources of an 800×500 embed (${lang})`, async () => {
      const page = await site.open(`./${query}`, { viewport: { width: 800, height: 500 } });
      const toggle = page.locator('.legend-toggle');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('.legend-body').isVisible()).toBe(false);
      // The sources: a disclosure, folded, one line tall.
      const source = page.locator('.embed-bar details.source');
      expect(await source.getAttribute('open')).toBeNull();
      const line = () =>
        page.locator('.embed-bar .source summary').evaluate((el) => ({
          height: el.getBoundingClientRect().height,
          lineHeight: parseFloat(getComputedStyle(el).lineHeight),
        }));
      const folded = await line();
      expect(folded.height).toBeLessThan(folded.lineHeight * 1.5);
      // The map shows most of the frame: only the folded legend and the bar lie over it.
      const covered = await page.evaluate(() => {
        const area = (s: string) => {
          const r = document.querySelector(s)!.getBoundingClientRect();
          return r.width * r.height;
        };
        return (area('.legend') + area('.embed-bar')) / (innerWidth * innerHeight);
      });
      console.log(
        `800×500 embed (${lang}): legend and bar cover ${(covered * 100).toFixed(1)} % of the frame`,
      );
      expect(covered).toBeLessThan(0.12);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `embed-800x500-${lang}`);

      // The legend unfolds from the keyboard, with the layer switcher in it, and folds again.
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await page.locator('.legend-body .switcher').isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `embed-800x500-${lang}-legend`);
      await page.keyboard.press('Enter');
      expect(await page.locator('.legend-body').isVisible()).toBe(false);
      // The sources unfold to every line.
      await page.locator('.embed-bar .source summary').click();
      expect(await source.getAttribute('open')).not.toBeNull();
      expect((await line()).height).toBeGreaterThan(folded.height);
    });

    it(`keeps the map, title and link in a 320×240 embed (${lang})`, async () => {
      const page = await site.open(`./${query}`, { viewport: { width: 320, height: 240 } });
      const fit = await page.evaluate(() => [
        document.documentElement.scrollWidth - innerWidth,
        document.documentElement.scrollHeight - innerHeight,
      ]);
      expect(fit).toEqual([0, 0]);
      const inFrame = async (selector: string) => {
        const box = (await page.locator(selector).first().boundingBox())!;
        return box.x >= 0 && box.y >= 0 && box.x + box.width <= 320 && box.y + box.height <= 240;
      };
      for (const selector of ['.map', '.embed-bar .title', '.embed-bar a.open', '.legend-toggle'])
        expect(await inFrame(selector), selector).toBe(true);
      expect(await page.locator('.embed-bar .title').textContent()).toContain(w.title);
      expect(await page.getByRole('link', { name: new RegExp(w.open) }).isVisible()).toBe(true);
      expect(await page.locator('.legend-toggle').getAttribute('aria-expanded')).toBe('false');
      // The map keeps more than half the frame.
      const share = await page.evaluate(() => {
        const bar = document.querySelector('.embed-bar')!.getBoundingClientRect();
        const legend = document.querySelector('.legend')!.getBoundingClientRect();
        return 1 - (bar.width * bar.height + legend.width * legend.height) / (innerWidth * innerHeight);
      });
      expect(share).toBeGreaterThan(0.6);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `embed-320x240-${lang}`);
    });
  }

  it('keeps a wide embed as it was: legend and sources unfolded', async () => {
    const page = await site.open('./?embed=1', { viewport: { width: 1000, height: 600 } });
    expect(await page.locator('.legend-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('.legend-body').isVisible()).toBe(true);
    // The switcher stands above the legend card, as on the full page.
    expect(await page.locator('.legend-body .switcher').count()).toBe(0);
    expect(await page.locator('.embed-bar details.source').getAttribute('open')).not.toBeNull();
  });
});
