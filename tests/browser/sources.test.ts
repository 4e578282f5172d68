/**
 * Readable sources, in headless Chromium on the real build with the demo data built afresh from
 * data/ (so the programmes' documents are in it whatever public/data holds): the table's
 * headline cards name each programme's article by title and byline, not by file name, and the
 * about panel (关于计划) shows the same citation with the seed file as its reference id, in
 * Chinese and English. Screenshots: tmp/screenshots/sources-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser';
import { ROOT } from './build-site';
import { useSite } from './fixture';

const CHANGSHA_REF = '000_3984d62c0898ea74.txt';
const CHANGSHA_TITLE = '《长沙推动既有小区品质三年行动》';
const BAIYIN_REF = '003_f8a48e91c9e19b1e.txt';

describe('readable sources on the cards and in the about panel', { timeout: 180_000 }, () => {
  const site = useSite({
    data: {
      demo: {
        fixture: {
          communities: join(ROOT, 'data/communities.csv'),
          amenities: join(ROOT, 'data/amenities.csv'),
          programmes: join(ROOT, 'data/programmes.json'),
          story: join(ROOT, 'data/story.json'),
          buildTime: new Date(0),
        },
      },
    },
    // Flying to a community cancels the tile reads the old view started: MapLibre aborts them
    // itself, and Chromium reports each as a failed request. Any other failure still counts.
    ignoreErrors: /^request failed: \S+\.pmtiles net::ERR_ABORTED$/,
  });

  /** The about panel's card of a programme, opened from the header's button. */
  async function aboutCard(page: Page, button: string, programme: RegExp) {
    await page.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    return dialog.locator('.card', { has: page.getByRole('heading', { level: 3, name: programme }) });
  }

  it('names the article and keeps its file as the reference in the about panel (中文)', async () => {
    const page = await site.open('./');
    const card = await aboutCard(page, '关于计划', /长沙/);
    const sources = (await card.locator('.sources').textContent()) ?? '';
    expect(sources).toContain(`来源：${CHANGSHA_TITLE}，王文、蒋宏装`);
    expect(sources).toContain(`参考文件：${CHANGSHA_REF}`);
    // The article without a title is described, and says so.
    const baiyin = page.getByRole('dialog').locator('.card', { hasText: '纺织路' });
    expect(await baiyin.locator('.sources .citation').textContent()).toContain('（报道，标题未载）');
    expect(await baiyin.locator('.sources .ref').textContent()).toContain(BAIYIN_REF);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'sources-about-zh');
    // The longest title (headline and subtitle of 004) wraps inside its card.
    const shiquan = page.getByRole('dialog').locator('.card', { hasText: '石泉' });
    expect(await shiquan.locator('.sources .citation').textContent()).toContain(
      '《改造旧小区 过上“新生活”——石泉县创新推进城镇老旧小区改造纪实》，通讯员 许兵 孟少猛',
    );
    await shiquan.locator('.sources').scrollIntoViewIfNeeded();
    await screenshot(page, 'sources-about-zh-untitled');
  });

  it('gives the English reader the translated title beside the original (English)', async () => {
    const page = await site.open('./?lang=en');
    const card = await aboutCard(page, 'About', /Changsha/);
    const sources = (await card.locator('.sources').textContent()) ?? '';
    expect(sources).toContain('(translated title)');
    expect(sources).toContain(`${CHANGSHA_TITLE}, Wang Wen, Jiang Hongzhuang`);
    expect(sources).toContain(`Reference file: ${CHANGSHA_REF}`);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'sources-about-en');
  });

  it('cites by title on the table’s headline cards, without the file name, in both languages', async () => {
    for (const [lang, expected] of [
      ['zh', `来源：${CHANGSHA_TITLE}，王文、蒋宏装`],
      ['en', `${CHANGSHA_TITLE}, Wang Wen, Jiang Hongzhuang`],
    ] as const) {
      const page = await site.open(`./?view=table&lang=${lang}`, { idle: false });
      const card = page.locator('.table-view .card', { hasText: lang === 'zh' ? '长沙' : 'Changsha' });
      await card.waitFor({ timeout: 60_000 });
      const sources = (await card.locator('.sources').textContent()) ?? '';
      expect(sources).toContain(expected);
      expect(sources).not.toContain('.txt');
      if (lang === 'zh') {
        await card.scrollIntoViewIfNeeded();
        await screenshot(page, 'sources-table-zh');
      }
    }
  });

  it('cites the article in a community’s panel, with its reference file', async () => {
    const page = await site.open('./?community=CS-N01');
    const source = page.locator('.panel-slot aside .source');
    await expect.poll(() => source.textContent(), { timeout: 60_000 }).toContain(CHANGSHA_TITLE);
    expect(await source.textContent()).toContain(CHANGSHA_REF);
  });
});
