/**
 * Data on another origin, as from a bucket or CDN (docs/deploy-cdn.md): the data is built with
 * content-hashed names (`hashNames`) and served by its own server on another port (another
 * origin) with the CORS and Range headers the deployment guide asks of a bucket; the site is
 * built with `data_url` in its atlas.config.json pointing there, and served without any data.
 * The map draws the communities, the filters and charts count them, the presentation reads its
 * story, the data checks pass (SHA-256: 127.0.0.1 is a secure context), and every data request
 * goes to the data origin under a hashed name, none to the site's. Without the CORS headers the
 * page says it could not load the data, naming CORS, instead of showing an empty map.
 *
 * The data is the three-community browser fixture ledger, through the real pipeline.
 * Screenshots: tmp/screenshots/two-origins-*.png.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build';
import { EXPLORE_PART_FILES } from '../../src/contracts/explore-binary';
import type { ManifestFile } from '../../src/contracts/manifest';
import { loadMessages, message } from '../../src/i18n/messages';
import { screenshot, waitForMapIdle } from './browser';
import { runViteBuild } from './build-site';
import { FIXTURES, useSite } from './fixture';
import { serveStatic, type StaticServer } from './static-server';

/** The fixture ledger's communities (tests/browser/fixtures/communities.csv). */
const COMMUNITIES = ['fx-1', 'fx-2', 'fx-3'];
/** The start of the page's "could not load the data" message, before the reason. */
await loadMessages('en');
const LOAD_FAILED = message('en', 'site.load_failed').split('{message}')[0]!;
/** The start of the mismatch message: it must not appear when the data is intact. */
const MISMATCH = message('en', 'data.mismatch').split('{files}')[0]!;

describe('data served from another origin', { timeout: 300_000 }, () => {
  let data: StaticServer;
  let dataFolder: string;
  let html: string;
  let corsOn = true;
  let siteOrigin = '';

  const atlas = useSite({
    // The site's own server has no data folder: a request for data there is a 404, and seen.
    data: {
      site: {
        make: async (work) => {
          const empty = join(work, 'no-data');
          await mkdir(empty, { recursive: true });
          return empty;
        },
      },
    },
    build: async (work) => {
      dataFolder = join(work, 'bucket');
      await buildData({
        communities: join(FIXTURES, 'communities.csv'),
        amenities: join(FIXTURES, 'amenities.csv'),
        out: dataFolder,
        buildTime: new Date(0),
        hashNames: true,
      });
      // The site's origin is known only once its server listens; the data server asks late.
      data = await serveStatic(dataFolder, {
        cors: { allowOrigin: () => siteOrigin, enabled: () => corsOn },
      });
      const config = join(work, 'atlas.config.json');
      await writeFile(config, JSON.stringify({ data_url: data.url }));
      const dist = join(work, 'dist');
      await runViteBuild(dist, config);
      html = await readFile(join(dist, 'index.html'), 'utf8');
      return dist;
    },
    checkPages: false,
    allowOrigins: () => [new URL(data.url).origin],
  });

  beforeAll(() => {
    siteOrigin = new URL(atlas.server('site').url).origin;
  });
  afterAll(() => data?.close());

  const rendered = (page: Page) =>
    page.evaluate(() => {
      const hooks = (window as unknown as { __atlas?: { renderedCommunityIds?: () => string[] } }).__atlas;
      if (!hooks?.renderedCommunityIds) throw new Error('window.__atlas.renderedCommunityIds is missing');
      return hooks.renderedCommunityIds();
    });
  const matched = async (page: Page) =>
    Number(await page.locator('.explore-bar .counts').getAttribute('data-matched'));

  it('builds a site that reads its data only from data_url, with nothing else opened up', async () => {
    const dataOrigin = new URL(data.url).origin;
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(policy).toContain(`connect-src 'self' ${dataOrigin}`);
    expect(policy).toMatch(/img-src 'self' data:;/);
    expect(existsSync(join(atlas.dist, 'data'))).toBe(false);
    expect(existsSync(join(atlas.dist, 'serve.mjs'))).toBe(true);
  });

  it('draws the map, filters and charts from the data origin, checked, under hashed names', async () => {
    corsOn = true;
    const site = atlas.server('site');
    const siteBefore = site.requests.length;
    const dataBefore = data.requests.length;
    const recorded = await atlas.openRecorded('./?lang=en', { server: 'site' });
    const { page } = recorded;

    await expect.poll(async () => (await rendered(page)).sort()).toEqual(COMMUNITIES);
    await page.locator('.explore-bar .counts[data-matched]').waitFor();
    expect(await matched(page)).toBe(COMMUNITIES.length);
    // A filter from the stage chart: the count follows, so the explore index came through whole.
    const toggle = page.locator('.explore-bar .toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.locator('.chart-stage g[data-stage="design"]').click();
    await expect.poll(() => matched(page)).toBe(1);
    await waitForMapIdle(page);
    await expect.poll(() => rendered(page)).toEqual(['fx-3']);
    await screenshot(page, 'two-origins-map');

    expect(await page.evaluate(() => isSecureContext)).toBe(true);
    expect((await page.locator('[role="alert"]').allInnerTexts()).join('\n')).not.toContain(MISMATCH);
    expect(recorded.errors).toEqual([]);
    expect(recorded.externalRequests).toEqual([]);

    // The network log: the site served the page only; the data came from the data origin,
    // every file but the manifest under the hashed name the manifest gives it.
    const siteRequests = site.requests.slice(siteBefore);
    expect(siteRequests.filter((r) => r.includes('data/'))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(dataFolder, 'manifest.json'), 'utf8')) as ManifestFile;
    const hashed = new Set(manifest.files!.map((f) => `/${f.hashed_path!}`));
    const dataRequests = data.requests.slice(dataBefore).map((r) => r.split('?')[0]!);
    expect(dataRequests).toContain('/manifest.json');
    for (const path of dataRequests.filter((r) => r !== '/manifest.json'))
      expect(hashed.has(path), `${path} is a listed hashed name`).toBe(true);
    for (const key of ['communities.pmtiles', EXPLORE_PART_FILES.core])
      expect(dataRequests).toContain(`/${manifest.files!.find((f) => f.path === key)!.hashed_path!}`);
  });

  it('presents the story, found through the manifest', async () => {
    corsOn = true;
    const recorded = await atlas.openRecorded('./?present=1', { server: 'site', idle: false });
    await recorded.page.locator('.card').waitFor();
    await waitForMapIdle(recorded.page);
    expect(recorded.errors).toEqual([]);
    const story = manifestPath('story.json');
    expect(data.requests.map((r) => r.split('?')[0])).toContain(`/${await story}`);
  });

  it('still refuses a data file that is not the one the manifest lists', async () => {
    const file = join(dataFolder, await manifestPath(EXPLORE_PART_FILES.core));
    const original = await readFile(file);
    // Another build's bytes under this build's name: a bucket overwritten by hand, a broken sync.
    await writeFile(file, Buffer.concat([original, Buffer.from(' ')]));
    try {
      const { page } = await atlas.openRecorded('./?view=table&lang=en', { server: 'site', idle: false });
      const alert = page.locator('.message.error[role="alert"]');
      await alert.waitFor();
      expect(await alert.innerText()).toContain(`${MISMATCH}${EXPLORE_PART_FILES.core} (`);
    } finally {
      await writeFile(file, original);
    }
  });

  it('says it could not load the data, naming CORS, when the data host sends no CORS headers', async () => {
    corsOn = false;
    try {
      const { page } = await atlas.openRecorded('./?lang=en', { server: 'site', idle: false });
      const alert = page.locator('.message.error[role="alert"]');
      await alert.waitFor();
      const text = await alert.innerText();
      expect(text).toContain(LOAD_FAILED);
      expect(text).toContain(`${data.url}manifest.json could not be fetched`);
      expect(text).toContain('CORS');
      await screenshot(page, 'two-origins-no-cors');
      expect(await rendered(page).catch(() => [])).toEqual([]);
    } finally {
      corsOn = true;
    }
  });

  /** The hashed name the built manifest gives `key`. */
  async function manifestPath(key: string): Promise<string> {
    const manifest = JSON.parse(await readFile(join(dataFolder, 'manifest.json'), 'utf8')) as ManifestFile;
    return manifest.files!.find((f) => f.path === key)!.hashed_path!;
  }
});
