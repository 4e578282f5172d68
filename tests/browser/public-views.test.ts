/**
 * Presenting and sharing, in headless Chromium on the real build: accessibility (axe-core) of the
 * main view, the table view, the embed and the English page; an embed in a real `<iframe>` on
 * a host page of another origin, at 320×240 and 800×500, with its "open the full map" link; the
 * embed dialog as a modal (focus trap, Esc, focus return); copy link with the Clipboard API and
 * with its fallback; the table sorted by keyboard; the table's rows and its CSV against the
 * communities computed here from communities.geojson; spreadsheet formulas neutralised in the
 * CSV; the print layout; a phone. Every page must log no console error and request nothing
 * from another origin. Screenshots: tmp/screenshots/public-*.png.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build';
import { AXE_DIR, seriousViolations } from './axe';
import { screenshot, waitForMapIdle, type PageOptions, type RecordedPage } from './browser';
import { demoCommunities, PHONE, useSite, type DataSource, type Props } from './fixture';
import type { StaticServer } from './static-server';

/** Ledger text that a spreadsheet would run as formulas, through the real pipeline. */
const FORMULA_DATA: DataSource = {
  make: async (work) => {
    const formulaData = join(work, 'formula');
    await mkdir(formulaData);
    const csv = [
      '编号,小区名称,市,区县,经度,纬度,定位精度,户数,改造状态,示意数据,来源',
      'f-1,=HYPERLINK("http://x.invalid"),测试市,测试区,113.0,28.2,exact,100,已完工,否,fixture',
      'f-2,@SUM(A1),测试市,测试区,113.01,28.21,exact,200,施工中,否,fixture',
      'f-3,+1+2,测试市,测试区,113.02,28.22,exact,300,已完工,否,fixture',
      'f-4,-3-4,测试市,-负号区,113.03,28.23,street,400,已完工,是,fixture',
    ].join('\n');
    await writeFile(join(formulaData, 'communities.csv'), `${csv}\n`);
    await buildData({
      communities: join(formulaData, 'communities.csv'),
      out: join(formulaData, 'out'),
      buildTime: new Date(0),
    });
    return join(formulaData, 'out');
  },
};

// Each test loads the map in SwiftShader on shared CPUs: allow for a slow machine.
describe('public views: embed, share, table, print, accessibility', { timeout: 180_000 }, () => {
  // axe is served by the site's servers (/__axe/), as the CSP allows scripts from there only.
  const site = useSite({ data: { demo: 'demo', formula: FORMULA_DATA }, mounts: { '/__axe/': AXE_DIR } });
  let demo: StaticServer;
  let formula: StaticServer;
  let host: StaticServer;
  let hostDir: string;
  let features: Props[];

  beforeAll(async () => {
    demo = site.server('demo');
    formula = site.server('formula');
    hostDir = join(site.work, 'host');
    await mkdir(hostDir);
    host = await site.serve(hostDir);
    features = (await demoCommunities()).map((f) => f.properties ?? {});
  });

  const record = (server: StaticServer, options?: PageOptions): Promise<RecordedPage> =>
    site.record({ ...options, baseUrl: server.url });

  const openMap = (server: StaticServer, path: string, options?: PageOptions): Promise<Page> =>
    site.open(path, { ...options, baseUrl: server.url });

  async function openTable(server: StaticServer, path: string, options?: PageOptions): Promise<Page> {
    const { page } = await record(server, options);
    await page.goto(new URL(path, server.url).href);
    await page.locator('.table-view tbody tr').first().waitFor({ timeout: 60_000 });
    return page;
  }

  /** Names on the current table page, top to bottom. */
  const pageNames = (page: Page) => page.locator('.table-view tbody th[scope="row"]').allTextContents();

  describe('accessibility (axe-core: no serious or critical violation)', () => {
    it('main view', async () => {
      const page = await openMap(demo, './');
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('table view', async () => {
      const page = await openTable(demo, './?view=table');
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('embed', async () => {
      const page = await openMap(demo, './?embed=1');
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('English', async () => {
      const page = await openMap(demo, './?lang=en');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('open dialogs: embed code and programme cards', async () => {
      const page = await openMap(demo, './');
      await page.getByRole('button', { name: '嵌入', exact: true }).click();
      await page.locator('dialog[open] textarea').waitFor();
      expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: '关于计划', exact: true }).click();
      await page.locator('dialog[open] .card .computed dl').first().waitFor();
      expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
      await screenshot(page, 'public-about-dialog');
    });
  });

  describe('embed', () => {
    it('gives iframe code in an accessible modal dialog', async () => {
      const page = await openMap(demo, './?lang=en#map=9/28.2/112.95');
      const opener = page.getByRole('button', { name: 'Embed', exact: true });
      await opener.click();
      const dialog = page.getByRole('dialog', { name: 'Embed this map' });
      await dialog.waitFor();
      // Its text is readable: the dialog sits inside the header (white text) in the DOM.
      const contrast = await dialog.locator('h2').evaluate((h2) => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = (c: string) => {
          const [r, g, b] = rgb(c).map((v) => {
            const x = v / 255;
            return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const fg = lum(getComputedStyle(h2).color);
        const bg = lum(getComputedStyle(h2.closest('dialog')!).backgroundColor);
        return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      });
      expect(contrast).toBeGreaterThanOrEqual(4.5);
      // Focus starts in the dialog and Tab / Shift+Tab never leave it.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
      for (const key of [...Array<string>(12).fill('Tab'), ...Array<string>(12).fill('Shift+Tab')]) {
        await page.keyboard.press(key);
        expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]'))), key).toBe(
          true,
        );
      }
      const code = await dialog.locator('textarea').inputValue();
      const src = /src="([^"]+)"/.exec(code)![1]!.replace(/&amp;/g, '&');
      const url = new URL(src);
      expect(url.searchParams.get('embed')).toBe('1');
      expect(url.searchParams.get('lang')).toBe('en');
      expect(url.hash).toBe(new URL(page.url()).hash);
      expect(code).toMatch(/^<iframe [^>]*title="Renovation Atlas \(embedded map\)"[^>]*><\/iframe>$/);
      await dialog.getByLabel('Height').selectOption('320');
      expect(await dialog.locator('textarea').inputValue()).toContain('height="320"');
      await screenshot(page, 'public-embed-dialog');
      // Esc closes it and gives focus back to the button that opened it.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    });

    for (const size of [
      { width: 320, height: 240 },
      { width: 800, height: 500 },
    ]) {
      it(`works in an iframe on another origin at ${size.width}×${size.height}`, async () => {
        // The code as the dialog writes it, pasted into a host page of another origin.
        const site = await openMap(demo, './#map=9/28.2/112.95');
        await site.getByRole('button', { name: '嵌入', exact: true }).click();
        const code = await site.locator('dialog[open] textarea').inputValue();
        const name = `host-${size.width}.html`;
        await writeFile(
          join(hostDir, name),
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>` +
            `<style>body{margin:0;font-family:sans-serif}.column{width:${size.width}px}` +
            `.column iframe{height:${size.height}px !important}</style></head>` +
            `<body><div class="column">${code}</div><p>Host page text.</p></body></html>`,
        );
        const recorded = await record(host, { allowOrigins: [new URL(demo.url).origin] });
        const page = recorded.page;
        await page.goto(new URL(name, host.url).href);
        const frameElement = page.locator('iframe');
        const frame = (await frameElement.elementHandle())!.contentFrame();
        const f = (await frame)!;
        await f.locator('.map[aria-busy="false"]').waitFor({ timeout: 60_000 });
        const box = (await frameElement.boundingBox())!;
        expect([Math.round(box.width), Math.round(box.height)]).toEqual([size.width, size.height]);

        // The map, its legend, the title and the sources; no header, filters, panels or footer.
        expect(await f.locator('.map').isVisible()).toBe(true);
        // Narrower than 900 px the legend starts folded behind its button.
        const legendToggle = f.locator('.legend-toggle');
        expect(await legendToggle.isVisible()).toBe(true);
        expect(await legendToggle.getAttribute('aria-expanded')).toBe('false');
        expect(await f.locator('.embed-bar .title').textContent()).toContain('小区焕新地图');
        // The sources name documents readably (src/domain/citation.ts), not by their file names.
        const source = await f.locator('.embed-bar .source summary').textContent();
        expect(source).toContain('《长沙推动既有小区品质三年行动》');
        expect(source).not.toContain('000_3984d62c0898ea74.txt');
        for (const chrome of ['.site-header', '.explore-bar', '.site-footer', '.share-tools'])
          expect(await f.locator(chrome).count(), chrome).toBe(0);
        // Nothing spills out of the frame, and the bar leaves the map most of it.
        const fit = await f.evaluate(() => {
          const bar = document.querySelector('.embed-bar')!.getBoundingClientRect();
          return {
            overflowX: document.documentElement.scrollWidth - innerWidth,
            overflowY: document.documentElement.scrollHeight - innerHeight,
            barBottom: Math.round(bar.bottom),
            barHeight: bar.height,
            height: innerHeight,
          };
        });
        expect(fit.overflowX).toBe(0);
        expect(fit.overflowY).toBe(0);
        expect(fit.barBottom).toBe(fit.height);
        expect(fit.barHeight).toBeLessThan(fit.height * 0.3);

        // "Open the full map": the same view without `embed`, in a new window.
        const link = f.getByRole('link', { name: /打开完整地图/ });
        expect(await link.getAttribute('target')).toBe('_blank');
        expect(await link.getAttribute('rel')).toContain('noopener');
        const check = async () => {
          const inFrame = new URL(await f.evaluate(() => location.href));
          const full = new URL((await link.getAttribute('href'))!);
          expect(full.searchParams.has('embed')).toBe(false);
          expect(full.origin + full.pathname).toBe(inFrame.origin + inFrame.pathname);
          expect(full.hash).toBe(inFrame.hash);
          expect(full.hash).toMatch(/^#map=/);
          return full.hash;
        };
        const before = await check();
        await screenshot(page, `public-embed-${size.width}x${size.height}`);
        // Pan the embedded map with the keyboard (MapLibre's arrow keys): the link follows the new view.
        await f.locator('canvas.maplibregl-canvas').focus();
        for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
        await expect.poll(() => link.getAttribute('href'), { timeout: 20_000 }).not.toContain(before);
        // Three key presses are several camera moves: compare once the map has stopped and the
        // link has followed the last one (MapView stays aria-busy until then).
        await waitForMapIdle(f);
        expect(await check()).not.toBe(before);
      });
    }
  });

  describe('copy link', () => {
    it('copies the current view with the Clipboard API and says so', async () => {
      const recorded = await record(demo);
      await recorded.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: new URL(demo.url).origin,
      });
      const page = recorded.page;
      await page.goto(new URL('./?stage=completed#map=10/28.2/112.95', demo.url).href);
      await waitForMapIdle(page);
      await page.getByRole('button', { name: '复制链接' }).click();
      const status = page.locator('.copy-link [role="status"]');
      await expect.poll(() => status.textContent()).toContain('链接已复制');
      expect(await status.locator('.ok').isVisible()).toBe(true);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.evaluate(() => location.href));
      expect(new URL(copied).hash).toMatch(/^#map=10\//);
      expect(new URL(copied).searchParams.get('stage')).toBe('completed');
      await screenshot(page, 'public-copied');
    });

    it('falls back to the link selected in a field when the clipboard refuses', async () => {
      const recorded = await record(demo);
      await recorded.page.addInitScript(() => {
        Object.defineProperty(navigator.clipboard, 'writeText', {
          value: () => Promise.reject(new DOMException('refused', 'NotAllowedError')),
        });
      });
      const page = recorded.page;
      await page.goto(new URL('./?lang=en#map=8/28.2/112.95', demo.url).href);
      await waitForMapIdle(page);
      await page.getByRole('button', { name: 'Copy link' }).click();
      const field = page.getByRole('textbox', { name: 'Link to this view' });
      await field.waitFor();
      const selection = await field.evaluate((el: HTMLInputElement) => ({
        focused: el === document.activeElement,
        start: el.selectionStart,
        end: el.selectionEnd,
        value: el.value,
      }));
      expect(selection).toEqual({
        focused: true,
        start: 0,
        end: selection.value.length,
        value: await page.evaluate(() => location.href),
      });
      expect(await page.locator('.copy-link .fallback').textContent()).toContain('Ctrl+C');
      await screenshot(page, 'public-copy-fallback');
    });
  });

  describe('table view', () => {
    it('sorts by keyboard: Tab to a header button, Enter, rows reorder, aria-sort follows', async () => {
      const page = await openTable(demo, './?view=table');
      const target = '户数';
      let found = false;
      for (let i = 0; i < 120 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(
          (label) =>
            document.activeElement?.matches('th[scope="col"] button') === true &&
            document.activeElement.textContent?.trim().startsWith(label) === true,
          target,
        );
      }
      expect(found, `Tab reaches the ${target} sort button`).toBe(true);
      const sortOf = () =>
        page
          .locator('th[scope="col"]')
          .evaluateAll((ths) =>
            ths.flatMap((th) =>
              th.hasAttribute('aria-sort')
                ? [`${th.textContent?.trim()} ${th.getAttribute('aria-sort')}`]
                : [],
            ),
          );
      expect(await sortOf()).toEqual([]);

      // Expected: households largest first, blanks last, ties in ledger order.
      const withHouseholds = features
        .map((p, i) => ({
          name: String(p.name),
          h: typeof p.households === 'number' ? p.households : null,
          i,
        }))
        .filter((x) => x.h !== null);
      const byDesc = [...withHouseholds].sort((a, b) => b.h! - a.h! || a.i - b.i).map((x) => x.name);
      const byAsc = [...withHouseholds].sort((a, b) => a.h! - b.h! || a.i - b.i).map((x) => x.name);

      await page.keyboard.press('Enter');
      await expect.poll(sortOf).toEqual([`${target}▼ descending`]);
      expect(await pageNames(page)).toEqual(byDesc.slice(0, 50));
      expect(await page.locator('.table-view caption').textContent()).toContain('按“户数”降序排列');
      expect(new URL(page.url()).searchParams.get('sort')).toBe('-households');
      // Focus stays on the button, so Enter again flips the order.
      await page.keyboard.press('Enter');
      await expect.poll(sortOf).toEqual([`${target}▲ ascending`]);
      expect(await pageNames(page)).toEqual(byAsc.slice(0, 50));
      await screenshot(page, 'public-table-sorted');

      // Sorting by name (pinyin, computed in a worker) reorders too.
      await page.getByRole('button', { name: /^小区名称/ }).press('Enter');
      await expect.poll(sortOf).toEqual(['小区名称▲ ascending']);
      const collator = new Intl.Collator('zh-CN', { numeric: true });
      const byName = features
        .map((p, i) => ({ name: String(p.name), i }))
        .sort((a, b) => collator.compare(a.name, b.name) || a.i - b.i)
        .map((x) => x.name);
      await expect.poll(() => pageNames(page)).toEqual(byName.slice(0, 50));
    });

    it('lists exactly the filtered communities, page by page, and downloads them as CSV', async () => {
      const programmes = ['xiangtan-yuhu-2020', 'shiquan-chengguan'];
      const stages = ['construction', 'accepted', 'completed'];
      const page = await openTable(
        demo,
        `./?view=table&programme=${programmes.join(',')}&stage=${stages.join(',')}`,
      );
      // Computed here, from the GeoJSON, independently of the explore index.
      const expected = features.filter(
        (p) => programmes.includes(String(p.programme)) && stages.includes(String(p.stage)),
      );
      expect(expected.length).toBeGreaterThan(25);
      expect(await page.locator('.table-view caption').textContent()).toContain(`：${expected.length} 个`);
      await page.getByLabel('每页行数').selectOption('25');
      const shown: string[] = [];
      for (;;) {
        shown.push(...(await pageNames(page)));
        const next = page.getByRole('button', { name: '下一页' });
        if (await next.isDisabled()) break;
        await next.click();
      }
      expect(shown).toEqual(expected.map((p) => String(p.name)));
      // Every row says in words whether it is illustrative and whether its position is approximate.
      const provenance = await page.locator('.table-view tbody td.provenance').allTextContents();
      expect(provenance.every((t) => /^(示意数据|台账)/.test(t))).toBe(true);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /下载 CSV/ }).click(),
      ]);
      const bytes = await readFile((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
      const header = lines[0]!.split(',');
      expect(header.slice(0, 2)).toEqual(['编号', '小区名称']);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected.map((p) => String(p.id)));
      const households = header.indexOf('户数');
      const synthetic = header.indexOf('示意数据');
      for (const [k, p] of expected.entries()) {
        const cells = lines[k + 1]!.split(',');
        expect(cells[households]).toBe(typeof p.households === 'number' ? String(p.households) : '');
        expect(cells[synthetic]).toBe(p.is_synthetic === true ? '是' : '否');
      }
    });

    it('has every community without a filter, and neutralises formulas in the CSV', async () => {
      const page = await openTable(demo, './?view=table');
      expect(await page.locator('.table-view caption').textContent()).toContain(
        `：${features.length.toLocaleString('en')} 个`,
      );

      const fx = await openTable(formula, './?view=table&lang=en');
      const [download] = await Promise.all([
        fx.waitForEvent('download'),
        fx.getByRole('button', { name: /Download CSV/ }).click(),
      ]);
      const text = (await readFile((await download.path())!)).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = text.slice(1).split('\r\n');
      expect(rows[1]).toMatch(/^f-1,"'=HYPERLINK\(""http:\/\/x\.invalid""\)",/);
      expect(rows[2]).toMatch(/^f-2,'@SUM\(A1\),/);
      expect(rows[3]).toMatch(/^f-3,'\+1\+2,/);
      expect(rows[4]).toMatch(/^f-4,'-3-4,.*,'-负号区,/);
      // Numbers are numbers, never prefixed.
      expect(rows[4]).toContain(',400,');
      // The names show literally in the table.
      expect(await pageNames(fx)).toEqual(['=HYPERLINK("http://x.invalid")', '@SUM(A1)', '+1+2', '-3-4']);
    });

    it('shows headline cards with published figures apart from computed ones', async () => {
      const page = await openTable(demo, './?view=table&lang=en');
      const card = page.locator('.card', { hasText: 'Changsha' });
      await card.locator('.computed dl').waitFor();
      const published = await card.locator('.published').textContent();
      expect(published).toContain('Published figures');
      expect(published).toContain('about 3.48M');
      // Named by its article (title, byline), not by the seed file name (only the about panel adds that).
      const sources = await card.locator('.sources').textContent();
      expect(sources).toContain('《长沙推动既有小区品质三年行动》');
      expect(sources).toContain('Wang Wen, Jiang Hongzhuang');
      expect(sources).not.toContain('000_3984d62c0898ea74.txt');
      const computed = await card.locator('.computed').textContent();
      expect(computed).toContain('not published');
      expect(computed).toContain('illustrative');
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, 'public-cards');
    });

    it('fits a phone: the table scrolls inside its own region, not the page', async () => {
      const page = await openTable(demo, './?view=table', PHONE);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow).toBe(0);
      const region = page.getByRole('region', { name: /符合当前筛选的小区/ });
      expect(await region.getAttribute('tabindex')).toBe('0');
      await screenshot(page, 'public-table-phone');
    });
  });

  it('gives every chart a text alternative', async () => {
    const page = await openMap(demo, './');
    await page.getByRole('button', { name: '筛选与统计' }).click();
    await page.locator('.charts figure svg').first().waitFor();
    // A chart is any drawing bigger than an icon; each needs a table of its data (names alone say no numbers).
    const charts = await page.locator('svg').evaluateAll((svgs) =>
      svgs
        .filter((svg) => {
          const box = svg.getBoundingClientRect();
          return box.width > 60 && box.height > 30 && !svg.closest('[aria-hidden="true"]');
        })
        .map((svg) => {
          const figure = svg.closest('figure') ?? svg.parentElement!;
          const rows = figure.querySelectorAll('table tbody tr').length;
          return {
            chart: figure.querySelector('figcaption')?.textContent?.trim() ?? svg.outerHTML.slice(0, 60),
            rows,
          };
        }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const c of charts) expect(c.rows, `${c.chart}: rows of its data table`).toBeGreaterThan(0);
  });

  it('keeps the tools on a phone without horizontal scrolling', async () => {
    const page = await openMap(demo, './', PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(0);
    // The phone's header keeps the tools in its menu (src/panels/SiteHeader.svelte).
    await page.getByRole('button', { name: '菜单', exact: true }).click();
    for (const name of ['地图', '表格'])
      expect(await page.getByRole('link', { name }).isVisible()).toBe(true);
    for (const name of ['复制链接', '嵌入', '关于计划'])
      expect(await page.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'public-phone');
  });

  it('prints the map, legend, title and sources without buttons', async () => {
    const page = await openMap(demo, './', { viewport: { width: 794, height: 1123 } });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.locator('button:visible').count()).toBe(0);
    expect(await page.locator('.share-tools').isVisible()).toBe(false);
    for (const visible of ['.map', '.legend', 'h1', '.print-colophon'])
      expect(await page.locator(visible).first().isVisible(), visible).toBe(true);
    const colophon = await page.locator('.print-colophon').textContent();
    expect(colophon).toContain('004_4796ed357d7a9c8a.txt');
    expect(colophon).toContain(await page.evaluate(() => location.href));
    await screenshot(page, 'public-print');
  });
});
