/**
 * Presentation mode (`?present=1`) of the built site in headless Chromium at 1920×1080, the size
 * of a meeting-room projector: chapter navigation by every clicker key with the chapter number
 * and the address following, Esc back to the normal view at the same camera, headline figures
 * checked against sums computed here from communities.geojson and against the published values
 * of data/programmes.json, the playback's running count, PNG export (decoded: twice the
 * viewport, many colours), the dark theme, type big enough to read across a room. Every page
 * must log no console error and request nothing from another origin. Screenshots land in
 * tmp/screenshots/present-*.png.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventMonth } from '../../src/domain/months';
import type { Programme } from '../../src/domain/programmes';
import { DONE_STAGES } from '../../src/domain/vocabulary';
import { BASEMAP_COLORS } from '../../src/map/basemap-style';
import { EXPORT_KEYWORD, type ExportRecord } from '../../src/present/export-png';
import { readTextChunks } from '../../src/present/png-text';
import { DARK_BASEMAP } from '../../src/present/present-map';
import type { Story } from '../../src/present/story';
import { countColors, SCREENSHOT_DIR, screenshot, waitForMapIdle } from './browser';
import { ROOT } from './build-site';
import { DEMO_DATA, demoCommunities, params, useSite, type Props } from './fixture';

const PROJECTOR = { width: 1920, height: 1080 };

/** Relative luminance of an `rgb(…)`/`rgba(…)` colour (WCAG). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) as [number, number, number];
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('presentation mode', { timeout: 300_000 }, () => {
  const site = useSite({
    requires: ['manifest.json', 'story.json', 'communities.geojson'],
    // A tile request MapLibre cancels because the camera moved on (a quick clicker) is no fault.
    ignoreErrors: /^request failed: \S+\.pmtiles net::ERR_ABORTED$/,
  });
  let story: Story;
  let programmes: Programme[];
  let features: Props[];

  beforeAll(async () => {
    story = JSON.parse(await readFile(join(DEMO_DATA, 'story.json'), 'utf8')) as Story;
    programmes = JSON.parse(await readFile(join(ROOT, 'data/programmes.json'), 'utf8')) as Programme[];
    features = (await demoCommunities()).map((f) => f.properties ?? {});
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });

  async function open(path: string, viewport = PROJECTOR): Promise<Page> {
    const page = await site.open(path, { viewport, idle: false });
    await page.locator('.card').waitFor();
    await waitForMapIdle(page);
    return page;
  }

  const counter = (page: Page) =>
    page
      .locator('.card .counter')
      .textContent()
      .then((s) => s?.replace(/\s+/g, ' ').trim());
  const query = params;
  const chapterOf = (n: number) => story.chapters[n - 1]!;
  /** The programme a chapter's view filters on (null: none). */
  const viewProgramme = (n: number) => new URLSearchParams(chapterOf(n).view).get('programme');

  async function expectChapter(page: Page, n: number): Promise<void> {
    await expect.poll(() => counter(page)).toBe(`${n} / ${story.chapters.length}`);
    expect(await page.locator('.card h1').textContent()).toBe(chapterOf(n).title.zh);
    await expect.poll(() => query(page).get('chapter')).toBe(String(n));
    expect(query(page).get('present')).toBe('1');
    expect(query(page).get('programme')).toBe(viewProgramme(n));
  }

  /** Sums of the named metrics the demo story uses, computed here from the GeoJSON. */
  const METRICS: Record<string, (fs: Props[]) => { value: number; from: Props[] }> = {
    communities: (fs) => ({ value: fs.length, from: fs }),
    completed: (fs) => ({
      value: fs.filter((f) => (DONE_STAGES as readonly unknown[]).includes(f.stage)).length,
      from: fs,
    }),
    households: (fs) => {
      const from = fs.filter((f) => typeof f.households === 'number');
      return { value: from.reduce((s, f) => s + (f.households as number), 0), from };
    },
    fund_total: (fs) => ({ value: fs.reduce((s, f) => s + Number(f.fund_total ?? 0), 0), from: fs }),
  };
  const QUALIFIER_ZH: Record<string, string> = {
    about: '约',
    nearly: '近',
    more_than: '超',
    expected: '预计',
  };

  /** Checks every figure of chapter `n` against the data or the programme records; returns their kinds. */
  async function checkFigures(page: Page, n: number): Promise<string[]> {
    const programme = viewProgramme(n);
    const scope = programme ? features.filter((f) => f.programme === programme) : features;
    const shown = await page.locator('.card .figure').evaluateAll((items) =>
      items.map((li) => ({
        key: li.getAttribute('data-key')!,
        kind: li.getAttribute('data-kind')!,
        value: Number(li.getAttribute('data-value')),
        prefix: li.querySelector('.prefix')?.textContent ?? '',
        number: li.querySelector('.number')!.textContent!,
        unit: li.querySelector('.unit')?.textContent ?? '',
        // A figure's own source, or the one its card names once for all its figures.
        source: (li.querySelector('.source') ?? li.closest('.card')!.querySelector('.source.shared'))!
          .textContent!,
      })),
    );
    expect(shown.length, `chapter ${n} figures`).toBeGreaterThan(0);
    for (const f of shown) {
      if (f.kind === 'computed') {
        const expected = METRICS[f.key]!(scope);
        expect(f.value, `chapter ${n} ${f.key}`).toBeCloseTo(expected.value, 2);
        const illustrative = expected.from.filter((x) => x.is_synthetic === true).length;
        // A computed figure says it is computed, and how much of it is illustrative.
        expect(f.source).toBe(`由 ${expected.from.length} 个小区计算，其中 ${illustrative} 个为示意数据`);
      } else {
        const record = programmes.find((p) => p.id === programme)!;
        const figure = record.figures.find((x) => x.key === f.key)!;
        expect(f.value, `chapter ${n} ${f.key}`).toBe(figure.value_canonical);
        // The number as published, its unit and hedge, and the document it comes from, cited
        // readably (the seed file only when the story carries no citation).
        expect(Number(f.number.replace(/,/g, ''))).toBe(figure.value);
        expect(f.unit).toBe(figure.unit);
        expect(f.prefix).toBe(figure.qualifier ? QUALIFIER_ZH[figure.qualifier] : '');
        const cited = chapterOf(n).figures.find((x) => x.key === f.key)?.citation?.zh ?? figure.source;
        expect(f.source).toBe(`来源：${cited}`);
      }
    }
    return shown.map((f) => f.kind);
  }

  /** Type sizes (px) and colours of the card, and how much of it would need scrolling. */
  const cardMetrics = (page: Page) =>
    page.locator('.card').evaluate((card) => {
      const px = (sel: string) => parseFloat(getComputedStyle(card.querySelector(sel)!).fontSize);
      const s = getComputedStyle(card);
      return {
        title: px('h1'),
        text: px('.text'),
        number: px('.figure .value'),
        label: px('.figure .label'),
        source: px('.source'),
        counter: px('.counter'),
        bg: s.backgroundColor,
        fg: s.color,
        muted: getComputedStyle(card.querySelector('.source')!).color,
        overflow: card.scrollHeight - card.clientHeight,
      };
    });

  it('moves by every clicker key; on every chapter the figures match the data and read across a room', async () => {
    const page = await open('./?present=1');
    await expectChapter(page, 1);
    expect(story.chapters.length).toBe(6);
    const steps: [string, number][] = [
      ['ArrowRight', 2],
      ['PageDown', 3],
      ['Space', 4],
      ['ArrowLeft', 3],
      ['PageUp', 2],
      ['End', 6],
      ['ArrowRight', 6],
      ['Home', 1],
      ['ArrowLeft', 1],
    ];
    for (const [key, n] of steps) {
      await page.keyboard.press(key);
      await expectChapter(page, n);
    }
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('F');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);

    const kinds: string[] = [];
    for (let n = 1; n <= story.chapters.length; n++) {
      if (n > 1) await page.keyboard.press('PageDown');
      await expectChapter(page, n);
      kinds.push(...(await checkFigures(page, n)));
      const m = await cardMetrics(page);
      expect(m.title).toBeGreaterThanOrEqual(44);
      expect(m.text).toBeGreaterThanOrEqual(22);
      expect(m.number).toBeGreaterThanOrEqual(56);
      expect(m.label).toBeGreaterThanOrEqual(20);
      expect(m.source).toBeGreaterThanOrEqual(16);
      expect(m.counter).toBeGreaterThanOrEqual(22);
      expect(contrast(m.fg, m.bg)).toBeGreaterThan(12);
      expect(contrast(m.muted, m.bg)).toBeGreaterThan(7);
      // The whole card fits on the screen: nothing to scroll in front of an audience.
      expect(m.overflow, `chapter ${n} card overflow`).toBeLessThanOrEqual(1);
      await waitForMapIdle(page);
      await screenshot(page, `present-1080p-${n}`);
    }
    expect(kinds.filter((k) => k === 'published').length).toBeGreaterThan(10);
    expect(kinds.filter((k) => k === 'computed').length).toBeGreaterThan(2);
  });

  /** Width, height and number of distinct colours of a PNG, decoded by the browser. */
  async function decodePng(bytes: Buffer): Promise<{ width: number; height: number; colours: number }> {
    const blank = await site.browser.newPage();
    try {
      return await blank.evaluate(async (base64) => {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const px = new Uint32Array(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data.buffer);
        return { width: bitmap.width, height: bitmap.height, colours: new Set(px).size };
      }, bytes.toString('base64'));
    } finally {
      await blank.close();
    }
  }

  /** The layout an exported PNG carries (src/present/export-png.ts `ExportRecord`). */
  const exportLayout = (bytes: Buffer) =>
    (JSON.parse(readTextChunks(new Uint8Array(bytes)).get(EXPORT_KEYWORD)!) as ExportRecord).layout;

  async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: await readFile(path) };
  }

  it('plays, exports, switches theme and leaves with Esc at the same camera', async () => {
    const n = story.chapters.findIndex((c) => c.playback) + 1;
    expect(n).toBeGreaterThan(1);
    const programme = viewProgramme(n)!;
    const members = features.filter((f) => f.programme === programme);
    const dated = members.filter((f) => eventMonth(f.completion_date) !== null);
    const undated = members.filter(
      (f) => eventMonth(f.completion_date) === null && (DONE_STAGES as readonly unknown[]).includes(f.stage),
    );
    const page = await open(`./?present=1&chapter=${n}&theme=dark`);
    await expectChapter(page, n);

    // Dark theme from the address: a dark card with light type.
    expect(await page.locator('.present').getAttribute('data-theme')).toBe('dark');
    const dark = await cardMetrics(page);
    expect(luminance(dark.bg)).toBeLessThan(0.05);
    expect(contrast(dark.fg, dark.bg)).toBeGreaterThan(10);

    // The running count rises month by month to the communities with a completion date.
    const count = () => page.locator('.playback .count').getAttribute('data-count').then(Number);
    const seen: number[] = [];
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const c = await count();
      if (seen.at(-1) !== c) seen.push(c);
      if ((await page.locator('.playback .play').textContent())?.trim() === '重播') break;
      await page.waitForTimeout(50);
    }
    expect(seen.length, `counts seen: ${seen.join(',')}`).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    expect(seen.at(-1)).toBe(dated.length);
    expect(await page.locator('.playback .month').textContent()).toBe(
      dated
        .map((f) => eventMonth(f.completion_date)!)
        .sort()
        .at(-1),
    );
    if (undated.length)
      expect(await page.locator('.playback .note').textContent()).toContain(String(undated.length));
    await waitForMapIdle(page);
    const shot = await screenshot(page, 'present-dark-playback');
    const [darkLand, lightLand] = await countColors(
      site.browser,
      shot,
      [DARK_BASEMAP.land, BASEMAP_COLORS.land],
      4,
    );
    expect(darkLand).toBeGreaterThan(100_000);
    expect(lightLand).toBe(0);

    // The theme toggle, and the address follows.
    await page.locator('.controls .theme').click();
    expect(await page.locator('.present').getAttribute('data-theme')).toBe('light');
    await expect.poll(() => query(page).get('theme')).toBeNull();

    // PNG export at twice the resolution: the title card beside the part of the map the card
    // leaves free, the full height of the screen (tests/browser/export-legend.test.ts checks the rest).
    await waitForMapIdle(page);
    const png = await download(page, () => page.locator('.controls .export').click());
    expect(png.name).toMatch(new RegExp(`^renovation-atlas-${chapterOf(n).id}-\\d{4}-\\d{2}-\\d{2}\\.png$`));
    await writeFile(join(SCREENSHOT_DIR, 'present-export.png'), png.bytes);
    const image = await decodePng(png.bytes);
    const layout = exportLayout(png.bytes);
    expect(layout.map.height).toBe(PROJECTOR.height);
    expect({ width: image.width, height: image.height }).toEqual({
      width: Math.round(layout.width * 2),
      height: Math.round(layout.height * 2),
    });
    expect(image.colours, 'distinct colours').toBeGreaterThan(500);
    const [land] = await countColors(site.browser, png.bytes, [BASEMAP_COLORS.land], 4);
    expect(land, 'basemap pixels in the export').toBeGreaterThan(100_000);
    await page.locator('.controls .export:not([disabled])').waitFor();

    // Esc: the normal view, at the same camera, with the chapter's view (idle: hash written).
    await waitForMapIdle(page);
    const before = await page.evaluate(() => location.hash);
    await page.keyboard.press('Escape');
    await page.locator('.legend-slot').waitFor();
    expect(await page.locator('.card').count()).toBe(0);
    const q = query(page);
    expect(q.get('present') ?? q.get('chapter') ?? q.get('theme')).toBeNull();
    expect(q.get('programme')).toBe(programme);
    await waitForMapIdle(page);
    const camera = (hash: string) =>
      /map=([\d.-]+)\/([\d.-]+)\/([\d.-]+)/.exec(hash)!.slice(1, 4).map(Number);
    const [z0, lat0, lng0] = camera(before);
    const [z1, lat1, lng1] = camera(await page.evaluate(() => location.hash));
    expect(Math.abs(z1! - z0!)).toBeLessThan(0.02);
    expect(Math.abs(lat1! - lat0!)).toBeLessThan(0.001);
    expect(Math.abs(lng1! - lng0!)).toBeLessThan(0.001);
    await screenshot(page, 'present-after-exit');

    // The normal view's toolbar: export at twice the map's size, and back into presentation mode.
    const map = (await page.locator('.map').boundingBox())!;
    const normal = await download(page, () => page.locator('.map-tools button').click());
    await writeFile(join(SCREENSHOT_DIR, 'present-export-normal-view.png'), normal.bytes);
    const normalImage = await decodePng(normal.bytes);
    const normalLayout = exportLayout(normal.bytes);
    expect(normalLayout.map).toMatchObject({ width: Math.round(map.width), height: Math.round(map.height) });
    expect({ width: normalImage.width, height: normalImage.height }).toEqual({
      width: Math.round(normalLayout.width * 2),
      height: Math.round(normalLayout.height * 2),
    });
    expect(normalImage.colours).toBeGreaterThan(500);
    await page.locator('.map-tools a').click();
    await page.locator('.card').waitFor();
    await expectChapter(page, 1);
  });

  it('speaks English with ?lang=en and fits a 390 px phone without horizontal scrolling', async () => {
    const page = await open('./?present=1&chapter=2&lang=en', { width: 390, height: 844 });
    expect(await page.locator('.card h1').textContent()).toBe(chapterOf(2).title.en);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow).toBe(0);
    await waitForMapIdle(page);
    await screenshot(page, 'present-phone-en');
  });

  it('runs from the built folder alone, served by its own serve.mjs', async () => {
    // What a meeting-room PC does: `node dist/serve.mjs`, then the browser; the folder's own data.
    const child = spawn(process.execPath, [join(site.dist, 'serve.mjs'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolvePort, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          const m = /localhost:(\d+)/.exec(d.toString());
          if (m) resolvePort(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
      });
      const url = `http://127.0.0.1:${port}/`;
      const recorded = await site.record({ baseUrl: url, viewport: { width: 1280, height: 720 } });
      const ranges: number[] = [];
      recorded.page.on('response', (r) => {
        if (r.url().endsWith('.pmtiles')) ranges.push(r.status());
      });
      await recorded.page.goto(`${url}?present=1&chapter=4`);
      await recorded.page.locator('.card').waitFor();
      await waitForMapIdle(recorded.page);
      expect(await recorded.page.locator('.card .counter').textContent()).toContain('4 /');
      // The tiles were read by byte range, which is what Python's http.server cannot do.
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges.every((status) => status === 206)).toBe(true);
    } finally {
      child.kill();
    }
  });
});
