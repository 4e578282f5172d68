/**
 * 导出图片 / Export PNG in headless Chromium, at the 1440×900 of the issue: each layer's picture
 * carries that layer's legend (checked against the scales the map is drawn with, and in the
 * PNG's pixels where each swatch is drawn), keeps the data clear of the title card, is written in
 * the chosen language, and draws the deck.gl hexagons at the export's resolution. Each picture
 * reads its legend and layout from the record it carries (src/present/png-text.ts). And a
 * headline figure never breaks inside its number: chapter 3 at 1920×1080, in both languages,
 * and the headline cards on a phone. Exports: tmp/screenshots/export-*.png; the chapter card:
 * tmp/screenshots/chapter3-1080p-{en,zh}.png.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { H3Cell } from '../../src/contracts/h3-cells';
import { STAGE_LABELS } from '../../src/domain/vocabulary';
import { formatYuan } from '../../src/lib/format';
import { resolutionForZoom } from '../../src/lib/aggregate-resolution';
import { BASEMAP_COLORS } from '../../src/map/basemap-style';
import { fundingScale, measureLabel } from '../../src/map/layers/funding-metric';
import type { FundingOptions } from '../../src/map/layers/layer-options';
import type { LegendSection } from '../../src/present/export-legend';
import type { Rect } from '../../src/present/export-layout';
import { EXPORT_KEYWORD, type ExportRecord } from '../../src/present/export-png';
import { readTextChunks } from '../../src/present/png-text';
import {
  COVERAGE_NO_DATA_COLOR,
  COVERAGE_SCALE,
  STAGE_SCALE,
  UNKNOWN_STAGE_COLOR,
} from '../../src/style/scales';
import { FUNDING_DENSITY_OPACITY, FUNDING_NO_DATA_COLOR, LEVERAGE_COLORS } from '../../src/style/view-scales';
import { SCREENSHOT_DIR, screenshot, waitForMapIdle } from './browser';
import { hexRgb } from './colours';
import { DEMO_DATA, PHONE, useSite } from './fixture';

const DESK = { viewport: { width: 1440, height: 900 } };
const PROJECTOR = { viewport: { width: 1920, height: 1080 } };
/** Changsha at city scale: resolution-7 hexagons, hundreds of communities. */
const CHANGSHA = '#map=10/28.2/112.97';
/** Xiamen island: communities coloured by their service coverage. */
const XIAMEN = '#map=12/24.47/118.11';

const CJK = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z]/;

/** A rectangle of the picture's CSS layout in image pixels, shrunk by `inset` image pixels. */
const imageRect = (r: Rect, scale: number, inset = 0) => ({
  x: Math.ceil(r.x * scale) + inset,
  y: Math.ceil(r.y * scale) + inset,
  width: Math.floor(r.width * scale) - 2 * inset,
  height: Math.floor(r.height * scale) - 2 * inset,
});

const intersects = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A check of a decoded picture: pixels of `region` within `tolerance` of `colors`, each drawn at `opacity` over `under`. */
interface PixelQuery {
  region: { x: number; y: number; width: number; height: number };
  colors: readonly string[];
  /** Translucent colours: blended over this ground at `opacity`; absent: the colours as they are. */
  under?: string;
  opacity?: number;
  tolerance: number;
}

/** Per query, the pixels matching each of its colours (decoded by the browser: no image library). */
async function countPixels(
  browser: Browser,
  png: Buffer,
  queries: readonly PixelQuery[],
): Promise<number[][]> {
  const page = await browser.newPage();
  try {
    const arg = {
      base64: png.toString('base64'),
      queries: queries.map((q) => ({
        ...q,
        targets: q.colors.map((c) => {
          const rgb = hexRgb(c);
          if (!q.under) return rgb;
          const under = hexRgb(q.under);
          return rgb.map((v, i) => q.opacity! * v + (1 - q.opacity!) * under[i]!);
        }),
      })),
    };
    return await page.evaluate(async ({ base64, queries }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data, width } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      return queries.map((q) => {
        const counts = q.targets.map(() => 0);
        for (let y = q.region.y; y < q.region.y + q.region.height; y++)
          for (let x = q.region.x; x < q.region.x + q.region.width; x++) {
            const o = (y * width + x) * 4;
            q.targets.forEach((t, i) => {
              if (t.every((v, k) => Math.abs(data[o + k]! - v) <= q.tolerance)) counts[i]!++;
            });
          }
        return counts;
      });
    }, arg);
  } finally {
    await page.close();
  }
}

describe('exported pictures', { timeout: 300_000 }, () => {
  const site = useSite({
    requires: ['manifest.json', 'story.json', 'aggregates/h3-r7.json'],
    pageTimeout: 120_000,
    idleTimeout: 180_000,
  });

  /** Clicks a page's export button and returns the PNG (saved as tmp/screenshots/export-<name>.png) and its record. */
  async function exportPicture(
    page: Page,
    button: string,
    name: string,
  ): Promise<{ png: Buffer; record: ExportRecord }> {
    await waitForMapIdle(page, 180_000);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.locator(button).click(),
    ]);
    const png = await readFile((await download.path())!);
    await writeFile(join(SCREENSHOT_DIR, `export-${name}.png`), png);
    const text = readTextChunks(new Uint8Array(png)).get(EXPORT_KEYWORD);
    expect(text, 'the PNG carries its record').toBeTruthy();
    return { png, record: JSON.parse(text!) as ExportRecord };
  }

  const section = (record: ExportRecord, key: LegendSection['key']) => {
    const found = record.legend.sections.find((s) => s.key === key);
    expect(found, `legend section ${key}`).toBeTruthy();
    return found!;
  };

  /**
   * What every picture must hold: each swatch drawn in its entry's colour where the record says,
   * the title card and the legend outside the map, and every line in the chosen language.
   */
  async function checkPicture(png: Buffer, record: ExportRecord): Promise<void> {
    const { layout, scale } = record;
    // The PNG's own size (its IHDR chunk) is the layout's at the export's scale.
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({
      width: Math.round(layout.width * scale),
      height: Math.round(layout.height * scale),
    });
    for (const r of [layout.card, layout.legend, layout.band])
      expect(intersects(r, layout.map), 'card, legend and band lie outside the map').toBe(false);

    // The legend's swatches, in the picture, in the colours of the model.
    const entries = record.legend.sections.flatMap((s) => s.entries.map((e) => ({ section: s.key, ...e })));
    expect(layout.swatches.map((s) => [s.section, s.key, s.color])).toEqual(
      entries.map((e) => [e.section, e.key, e.color]),
    );
    const probes = layout.swatches.map((s) => {
      const cx = s.rect.x + s.rect.width / 2;
      const cy = s.rect.y + s.rect.height / 2;
      // A ring's colour is in its stroke, 5.5 px from the centre; the other shapes are solid in the middle.
      const x = s.shape === 'ring' ? cx + s.rect.width / 2 - 2.5 : cx;
      return {
        region: { x: Math.round(x * scale) - 1, y: Math.round(cy * scale) - 1, width: 2, height: 2 },
        colors: [s.color],
        tolerance: 6,
      };
    });
    const found = await countPixels(site.browser, png, probes);
    found.forEach(([n], i) =>
      expect(n, `swatch ${layout.swatches[i]!.section}/${layout.swatches[i]!.key}`).toBe(4),
    );

    // Every line in the chosen language (names, numbers and units aside).
    for (const line of layout.lines) {
      if (record.lang === 'zh' && LATIN.test(line)) expect(line, 'a Chinese line').toMatch(CJK);
      if (record.lang === 'en' && CJK.test(line)) expect(line, 'an English line').toMatch(LATIN);
    }
    expect(layout.lines).toContain(record.legend.title);
  }

  /** Funding cells of the resolution the page's zoom shows (resolutionForZoom, as the layer picks it). */
  async function shownCells(page: Page): Promise<H3Cell[]> {
    const zoom = Number(/map=([\d.]+)/.exec(await page.evaluate(() => location.hash))![1]);
    const manifest = JSON.parse(await readFile(join(DEMO_DATA, 'manifest.json'), 'utf8')) as {
      aggregates: { resolutions: number[]; files: Record<string, string> };
    };
    const resolution = resolutionForZoom(zoom, manifest.aggregates.resolutions)!;
    const file = join(DEMO_DATA, manifest.aggregates.files[String(resolution)]!);
    return (JSON.parse(await readFile(file, 'utf8')) as { cells: H3Cell[] }).cells;
  }

  /** Checks a funding picture against the scale of these options over the shown cells; returns it. */
  async function checkFunding(page: Page, png: Buffer, record: ExportRecord, options: FundingOptions) {
    const scale = fundingScale(await shownCells(page), options);
    const funding = section(record, 'funding');
    const unit = {
      km2: { zh: '元 / 平方公里', en: 'yuan per km²' },
      household: { zh: '元 / 户', en: 'yuan per household' },
    };
    expect(funding.title).toBe(
      `${measureLabel(options.measure)[record.lang]} · ${unit[options.per][record.lang]}`,
    );
    expect(funding.entries.map((e) => e.color)).toEqual([...scale.colors, FUNDING_NO_DATA_COLOR]);
    expect(funding.entries[0]!.label).toBe(`< ${formatYuan(scale.breaks[0]!, record.lang)}`);
    scale.breaks.forEach((b, i) =>
      expect(funding.entries[i + 1]!.label).toBe(`≥ ${formatYuan(b, record.lang)}`),
    );
    // Drawn again at the export's resolution, not the screen's frame stretched.
    expect(record.drawn).toEqual({ map: record.scale, hexagons: record.scale });

    // Hexagons in the map, none under the title card or the legend.
    const hexagons = (rect: Rect) => ({
      region: imageRect(rect, record.scale, 2),
      colors: scale.colors,
      under: BASEMAP_COLORS.land,
      opacity: FUNDING_DENSITY_OPACITY,
      tolerance: 10,
    });
    const [inMap, inCard] = await countPixels(site.browser, png, [
      hexagons(record.layout.map),
      hexagons(record.layout.card),
    ]);
    expect(inMap!.filter((n) => n > 200).length, `hexagon pixels per class ${inMap}`).toBeGreaterThanOrEqual(
      3,
    );
    expect(
      inCard!.reduce((a, b) => a + b, 0),
      'hexagon colours under the title card',
    ).toBe(0);
    return scale;
  }

  it('status (中文): the stage legend, swatches in the stage colours, no data under the card', async () => {
    const page = await site.open(`./${CHANGSHA}`, DESK);
    const { png, record } = await exportPicture(page, '.map-tools button', 'status-zh');
    expect(record.lang).toBe('zh');
    expect(record.legend.layer).toBe('status');
    const stage = section(record, 'stage');
    expect(stage.title).toBe('改造状态');
    expect(stage.entries.map((e) => [e.color, e.label])).toEqual([
      ...STAGE_SCALE.map((e) => [e.color, STAGE_LABELS[e.stage].zh]),
      [UNKNOWN_STAGE_COLOR, '状态未知'],
    ]);
    await checkPicture(png, record);
    // The English ledger line of the manifest is said in Chinese.
    expect(record.layout.lines.join('\n')).not.toContain('Renovation data');
    expect(record.layout.lines).toContain('改造数据：构建本地图所用的台账');
    // The hues only: the greys (cancelled, unknown) are also what anti-aliased grey type is made of.
    const colours = STAGE_SCALE.filter((e) => e.stage !== 'cancelled').map((e) => e.color);
    const [inMap, inCard] = await countPixels(site.browser, png, [
      { region: imageRect(record.layout.map, record.scale), colors: colours, tolerance: 12 },
      { region: imageRect(record.layout.card, record.scale), colors: colours, tolerance: 12 },
    ]);
    expect(inMap!.reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
    expect(inCard!.reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('funding with a channel (中文, the issue’s 1440×900 ?layer=funding): its classes and unit', async () => {
    // 地方财政 (local government money): recorded for most of Changsha's hexagons.
    const options: FundingOptions = { measure: 'fund_local', per: 'km2', extrude: false };
    const page = await site.open(`./?layer=funding&fund=local${CHANGSHA}`, DESK);
    const { png, record } = await exportPicture(page, '.map-tools button', 'funding-local-zh');
    expect(record.legend.layer).toBe('funding');
    expect(record.legend.sections.map((s) => s.key)).toEqual(['funding']);
    await checkPicture(png, record);
    const scale = await checkFunding(page, png, record, options);
    // Not the stage legend, nor the leverage colours.
    expect(record.layout.lines).not.toContain('改造状态');
    expect(section(record, 'funding').entries.some((e) => LEVERAGE_COLORS.includes(e.color))).toBe(
      scale.colors.some((c) => LEVERAGE_COLORS.includes(c)),
    );
  });

  it('funding per household (English): its classes in yuan per household', async () => {
    const options: FundingOptions = { measure: 'total', per: 'household', extrude: false };
    const page = await site.open(`./?layer=funding&per=household&lang=en${CHANGSHA}`, DESK);
    const { png, record } = await exportPicture(page, '.map-tools button', 'funding-household-en');
    expect(record.lang).toBe('en');
    await checkPicture(png, record);
    await checkFunding(page, png, record, options);
  });

  it('services (English): the coverage classes and the life circles', async () => {
    const page = await site.open(`./?layer=services&lang=en${XIAMEN}`, DESK);
    const { png, record } = await exportPicture(page, '.map-tools button', 'services-en');
    expect(record.legend.layer).toBe('services');
    const coverage = section(record, 'coverage');
    expect(coverage.entries.map((e) => e.color)).toEqual([
      ...COVERAGE_SCALE.map((c) => c.color),
      COVERAGE_NO_DATA_COLOR,
    ]);
    expect(coverage.entries.map((e) => e.label)).toEqual([
      '0% – 20%',
      '20% – 40%',
      '40% – 60%',
      '60% – 80%',
      '≥ 80%',
      'No coverage data',
    ]);
    expect(section(record, 'circle').entries.map((e) => e.key)).toEqual(['lc5', 'lc10', 'lc15']);
    await checkPicture(png, record);
  });

  /** Each headline figure of the card: whether its number and unit sit on one line inside the figure. */
  const headlines = (page: Page) =>
    page.locator('.card .figure').evaluateAll((items) =>
      items.map((li) => {
        const box = li.querySelector<HTMLElement>('.value')!;
        const figure = li.querySelector<HTMLElement>('[data-fit="figure"]')!;
        const number = li.querySelector<HTMLElement>('.number')!;
        const range = document.createRange();
        range.selectNodeContents(number);
        const size = parseFloat(getComputedStyle(box).fontSize);
        const f = figure.getBoundingClientRect();
        return {
          text: figure.textContent,
          // A number broken over two lines has two client rects, and its box twice the line's height.
          numberRects: range.getClientRects().length,
          height: f.height,
          lineHeight: parseFloat(getComputedStyle(box).lineHeight),
          size,
          overflow: f.right - li.getBoundingClientRect().right,
        };
      }),
    );

  it('chapter 3 at 1920×1080: every headline figure on one line, in English and in Chinese', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const page = await site.open(
        `./?present=1&chapter=3&theme=dark${lang === 'en' ? '&lang=en' : ''}`,
        PROJECTOR,
      );
      await page.locator('.card[data-chapter]').waitFor();
      await page.evaluate(() => document.fonts.ready);
      const figures = await headlines(page);
      expect(figures.length).toBe(4);
      for (const f of figures) {
        expect(f.numberRects, `${lang} ${f.text}: the number in one piece`).toBe(1);
        expect(f.height, `${lang} ${f.text}: one line`).toBeLessThan(f.lineHeight * 1.5);
        expect(f.overflow, `${lang} ${f.text}: inside its figure`).toBeLessThanOrEqual(1);
        // Shrunk a little at most, so it still reads across a room.
        expect(f.size).toBeGreaterThanOrEqual(56);
      }
      if (lang === 'en') expect(figures.map((f) => f.text)).toContain('¥31.1M');
      await screenshot(page, `chapter3-1080p-${lang}`);
      const { png, record } = await exportPicture(page, '.controls .export', `chapter3-${lang}`);
      await checkPicture(png, record);
      // The card is set beside the map: the picture's map is the part the on-screen card leaves free.
      expect(record.layout.map.width).toBeLessThan(PROJECTOR.viewport.width * 0.7);
      expect(record.layout.lines.some((l) => l.includes(lang === 'en' ? '¥31.1M' : '3,105万元'))).toBe(true);
    }
  });

  it('keeps every figure of the headline cards in one piece on a phone', async () => {
    const page = await site.open('./?view=table&lang=en', { ...PHONE, idle: false });
    const values = page.locator('.cards .value');
    await values.first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    const shown = await values.evaluateAll((items) =>
      items.map((el) => {
        const r = el.getBoundingClientRect();
        const parent = el.parentElement!.getBoundingClientRect();
        const style = getComputedStyle(el);
        return {
          text: el.textContent,
          rects: el.getClientRects().length,
          height: r.height,
          line: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5,
          overflow: r.right - parent.right,
        };
      }),
    );
    expect(shown.length).toBeGreaterThan(5);
    for (const v of shown) {
      expect(v.rects, v.text ?? '').toBe(1);
      expect(v.height, v.text ?? '').toBeLessThan(v.line * 1.5);
      expect(v.overflow, v.text ?? '').toBeLessThanOrEqual(1);
    }
  });
});
