/**
 * The site refuses a data folder that mixes two builds (src/lib/data-integrity.ts): with
 * the explore index’s details part or communities.pmtiles copied in from another build, the page shows the mismatch
 * message where the map (or the table) would be and none of the other build's rows, and the
 * presentation refuses another build's story.json, fetched beside the manifest; the intact
 * folder, and a folder of a build older than the manifest's file list, load as before.
 *
 * Screenshots: tmp/screenshots/data-mismatch-*.png.
 *
 * Both data builds run through the real pipeline into a temp folder: the three-community browser
 * fixture and, as "another build", the two-community good-ledger fixture.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build';
import { message } from '../../src/i18n/messages';
import { screenshot, waitForMapIdle, type RecordedPage } from './browser';
import { ROOT } from './build-site';
import { FIXTURES, useSite, type DataSource } from './fixture';

/** A community name only the other build has: it must never reach the page. */
const OTHER_NAME = '和平小区';
/** A community name of the served build, shown by the table when the data is intact. */
const OWN_NAME = '晨光小区';
/** The start of the mismatch message, before the file list. */
const MISMATCH = message('zh', 'data.mismatch').split('{files}')[0]!;

/** The served build: the browser fixture ledger, through the real pipeline, once per suite. */
let good: Promise<string> | undefined;
const goodBuild = (work: string) =>
  (good ??= buildData({
    communities: join(FIXTURES, 'communities.csv'),
    amenities: join(FIXTURES, 'amenities.csv'),
    out: join(work, 'good'),
    buildTime: new Date(0),
  }).then(() => join(work, 'good')));

/** "Another build": the two-community good-ledger fixture. */
let other: Promise<string> | undefined;
const otherBuild = (work: string) =>
  (other ??= buildData({
    communities: join(ROOT, 'tests/fixtures/good/communities.csv'),
    out: join(work, 'other'),
  }).then(() => join(work, 'other')));

/** The served build with one file copied in from the other. */
const mixedWith = (file: string): DataSource => ({
  make: async (work) => {
    const mixed = join(work, `mixed-${file}`);
    await cp(await goodBuild(work), mixed, { recursive: true });
    await cp(join(await otherBuild(work), file), join(mixed, file));
    return mixed;
  },
});

/** A build from before the file list: the same folder with `files` taken out of the manifest. */
const olderBuild: DataSource = {
  make: async (work) => {
    const older = join(work, 'older');
    await cp(await goodBuild(work), older, { recursive: true });
    const manifest = JSON.parse(await readFile(join(older, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete manifest.files;
    delete manifest.build_id;
    await writeFile(join(older, 'manifest.json'), JSON.stringify(manifest));
    return older;
  },
};

describe('a data folder that mixes two builds', () => {
  // Each test checks the errors of the pages it expects to load cleanly, and only those.
  const site = useSite({
    data: {
      good: { make: goodBuild },
      'explore-details.bin': mixedWith('explore-details.bin'),
      'communities.pmtiles': mixedWith('communities.pmtiles'),
      'story.json': mixedWith('story.json'),
      older: olderBuild,
    },
    checkPages: false,
  });

  const open = (server: string, path: string): Promise<RecordedPage> =>
    site.openRecorded(path, { server, idle: false });

  const alertText = (page: Page) => page.locator('[role="alert"]').allInnerTexts();

  it('loads an intact folder with no mismatch message and no console error', async () => {
    const { page, errors } = await open('good', './');
    await waitForMapIdle(page);
    expect((await alertText(page)).join('\n')).not.toContain(MISMATCH);
    // The table shows the build's own rows: the check below, that the other build's are absent, means something.
    const table = await open('good', './?view=table');
    await table.page.getByText(OWN_NAME).first().waitFor();
    expect(errors).toEqual([]);
    expect(table.errors).toEqual([]);
  });

  it('loads a folder built before the file list, unchecked', async () => {
    const { page, errors } = await open('older', './');
    await waitForMapIdle(page);
    expect((await alertText(page)).join('\n')).not.toContain(MISMATCH);
    expect(errors).toEqual([]);
  });

  it('refuses the explore index’s details of another build, in the table view too, showing none of its rows', async () => {
    // The table is what first needs the details part (names): fetching it finds the mismatch.
    const { page } = await open('explore-details.bin', './?view=table');
    const alert = page.locator('.message.error[role="alert"]');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain(MISMATCH);
    expect(text).toMatch(/explore-details\.bin（[\d,]+ 字节，清单记为 [\d,]+ 字节）/);
    expect(text).toContain('两次构建');
    await screenshot(page, 'data-mismatch-explore');
    expect(await page.locator('.map').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(OTHER_NAME);
  });

  it('refuses communities.pmtiles of another build before drawing it', async () => {
    const { page } = await open('communities.pmtiles', './?lang=en');
    const alert = page.locator('.message.error[role="alert"]');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('The data files do not match their manifest: communities.pmtiles (');
    expect(text).toContain('mixes files from two builds');
    await screenshot(page, 'data-mismatch-pmtiles-en');
    expect(await page.locator('.map').count()).toBe(0);
  });

  it('refuses story.json of another build in the presentation, though fetched beside the manifest', async () => {
    const { page } = await open('story.json', './?present=1');
    const alert = page.locator('.message.error[role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^数据文件与清单不符：story\.json（/);
    expect(await page.locator('.map').count()).toBe(0);
  });
});
