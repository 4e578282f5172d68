/**
 * The one set-up of every browser test file: `useSite()` inside a `describe` builds the site (or
 * reuses the build), launches Chromium, serves the build with each data folder the file names,
 * and after each test closes its pages and fails the test on a console error, a request to
 * another origin or a dialog (browser.ts records them). `site.open()` returns a page already
 * drawn (map idle). Lower layers: build-site.ts (vite build), browser.ts (Chromium, recorded
 * pages, pixels), static-server.ts (the shipped server).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { buildData, type BuildOptions } from '../../scripts/pipeline/build';
import { launchBrowser, openPage, waitForMapIdle, type PageOptions, type RecordedPage } from './browser';
import { buildSite, ROOT } from './build-site';
import { serveStatic, type StaticServer } from './static-server';

/**
 * The demo data, served under /data/ (default public/data, what `npm run build:data` writes);
 * ATLAS_TEST_DATA points the tests at another build:data output folder.
 */
export const DEMO_DATA = resolve(process.env.ATLAS_TEST_DATA ?? join(ROOT, 'public/data'));

/** The three-community ledger of the browser tests (tests/browser/fixtures). */
export const FIXTURES = join(ROOT, 'tests/browser/fixtures');

/** A 390 px phone. */
export const PHONE: PageOptions = { viewport: { width: 390, height: 844 }, mobile: true };

/** A feature's properties, as the tests read them. */
export type Props = Record<string, unknown>;

/** A community of communities.geojson. */
export type Community = Feature<Point, Props>;

/**
 * A data folder to serve under /data/: the demo data, the pipeline's output for some inputs
 * (written into the suite's temp folder; `fixture: true` is the browser fixture ledger), or a
 * folder the test makes itself in the suite's temp folder.
 */
export type DataSource =
  'demo' | { fixture: true | Omit<BuildOptions, 'out'> } | { make: (work: string) => Promise<string> };

/** Options of `useSite`. */
export interface SiteOptions {
  /** Servers by name, each serving the build with one data folder; default `{ demo: 'demo' }`. */
  data?: Record<string, DataSource>;
  /** Files the demo data must hold (checked before anything starts); default manifest.json. */
  requires?: readonly string[];
  /** More URL prefixes served from other folders by every server (e.g. a test library). */
  mounts?: Record<string, string>;
  /** A site build of the test's own instead of the default one: returns its dist folder. */
  build?: (work: string) => Promise<string>;
  /** Default timeout of every action on a page (Playwright's own default when absent). */
  pageTimeout?: number;
  /** How long `open` waits for the map to go idle. */
  idleTimeout?: number;
  /** A console error matching this is no fault (e.g. a tile read MapLibre cancels itself). */
  ignoreErrors?: RegExp;
  /** Whether each test fails on its pages' console errors, outside requests and dialogs. */
  checkPages?: boolean;
  /** Other origins pages may reach (a test's own fake tile server), asked when a page opens. */
  allowOrigins?: () => readonly string[];
}

/** Options of `Site.open`: the page's, plus which server and what to wait for. */
export interface OpenOptions extends PageOptions {
  /** Name of the server (a key of `SiteOptions.data`); default the first. */
  server?: string;
  /** Base URL of a server the test started itself, instead of a named one. */
  baseUrl?: string;
  /** Wait for the map to go idle; default true. */
  idle?: boolean;
}

/** A suite's running site: valid inside tests and hooks registered after `useSite`. */
export interface Site {
  readonly browser: Browser;
  /** The suite's own temp folder (removed after the suite). */
  readonly work: string;
  /** The site build's dist folder. */
  readonly dist: string;
  /** A running server by name (default the first). */
  server(name?: string): StaticServer;
  /** Serves another folder (a test's host page) for the rest of the suite. */
  serve(root: string, mounts?: Record<string, string>): Promise<StaticServer>;
  /** A recorded page, not yet navigated, checked after the test. */
  record(options?: OpenOptions): Promise<RecordedPage>;
  /** A recorded page at `path` of a server, drawn unless `idle: false`. */
  openRecorded(path: string, options?: OpenOptions): Promise<RecordedPage>;
  /** `openRecorded`'s page. */
  open(path: string, options?: OpenOptions): Promise<Page>;
}

/** The demo data's communities.geojson features. */
export async function demoCommunities(): Promise<Community[]> {
  const geojson = JSON.parse(
    await readFile(join(DEMO_DATA, 'communities.geojson'), 'utf8'),
  ) as FeatureCollection<Point, Props>;
  return geojson.features;
}

/** The query parameters of the page's address. */
export const params = (page: Page): URLSearchParams => new URL(page.url()).searchParams;

/** How far the document and the body scroll sideways (both 0 when the page fits). */
export const sidewaysOverflow = (page: Page): Promise<number[]> =>
  page.evaluate(() => [
    document.documentElement.scrollWidth - innerWidth,
    document.body.scrollWidth - innerWidth,
  ]);

async function dataFolder(source: DataSource, work: string, name: string): Promise<string> {
  if (source === 'demo') return DEMO_DATA;
  if ('make' in source) return source.make(work);
  const out = join(work, `data-${name}`);
  const inputs =
    source.fixture === true
      ? {
          communities: join(FIXTURES, 'communities.csv'),
          amenities: join(FIXTURES, 'amenities.csv'),
          buildTime: new Date(0),
        }
      : source.fixture;
  await buildData({ ...inputs, out });
  return out;
}

/**
 * Registers the suite's beforeAll/afterAll/afterEach (call it first in a `describe`, so the
 * file's own hooks run with the site up) and returns the site they run.
 */
export function useSite(options: SiteOptions = {}): Site {
  const sources = options.data ?? { demo: 'demo' };
  const servers = new Map<string, StaticServer>();
  const pages: RecordedPage[] = [];
  let browser: Browser | undefined;
  let work: string | undefined;
  let dist: string | undefined;

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the site's ${what} is used before useSite's beforeAll ran`);
    return value;
  };
  const server = (name = [...servers.keys()][0]!) => {
    const found = servers.get(name);
    if (!found) throw new Error(`no server named ${name}`);
    return found;
  };

  beforeAll(async () => {
    if (Object.values(sources).includes('demo'))
      for (const file of options.requires ?? ['manifest.json'])
        if (!existsSync(join(DEMO_DATA, file)))
          throw new Error(
            `${DEMO_DATA}/${file} is missing: run \`npm run build:data\` before the browser tests`,
          );
    work = await mkdtemp(join(tmpdir(), 'renovation-atlas-browser-'));
    // One after another: the pipeline is not written to run twice at once in one process.
    const folders: Record<string, string> = {};
    for (const [name, source] of Object.entries(sources))
      folders[name] = await dataFolder(source, work, name);
    dist = options.build ? await options.build(work) : (await buildSite()).dir;
    browser = await launchBrowser();
    for (const [name, folder] of Object.entries(folders))
      servers.set(name, await serveStatic(dist, { overrides: { '/data/': folder, ...options.mounts } }));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers.values()) await s.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  afterEach(async () => {
    const done = pages.splice(0);
    for (const p of done) await p.close();
    if (options.checkPages === false) return;
    for (const p of done) {
      const errors = options.ignoreErrors ? p.errors.filter((e) => !options.ignoreErrors!.test(e)) : p.errors;
      expect(errors, 'console errors').toEqual([]);
      expect(p.externalRequests, 'requests to other origins').toEqual([]);
      expect(p.dialogs, 'dialogs (injected script?)').toEqual([]);
    }
  });

  const site: Site = {
    get browser() {
      return ready(browser, 'browser');
    },
    get work() {
      return ready(work, 'temp folder');
    },
    get dist() {
      return ready(dist, 'build');
    },
    server,
    async serve(root, mounts) {
      const served = await serveStatic(root, { overrides: mounts });
      servers.set(`${root} ${servers.size}`, served);
      return served;
    },
    async record({ server: name, baseUrl, idle: _idle, ...pageOptions } = {}) {
      const recorded = await openPage(ready(browser, 'browser'), baseUrl ?? server(name).url, {
        ...pageOptions,
        allowOrigins: [...(pageOptions.allowOrigins ?? []), ...(options.allowOrigins?.() ?? [])],
      });
      pages.push(recorded);
      if (options.pageTimeout) recorded.page.setDefaultTimeout(options.pageTimeout);
      return recorded;
    },
    async openRecorded(path, openOptions = {}) {
      const recorded = await site.record(openOptions);
      await recorded.page.goto(new URL(path, openOptions.baseUrl ?? server(openOptions.server).url).href);
      if (openOptions.idle !== false) await waitForMapIdle(recorded.page, options.idleTimeout);
      return recorded;
    },
    async open(path, openOptions) {
      return (await site.openRecorded(path, openOptions)).page;
    },
  };
  return site;
}
