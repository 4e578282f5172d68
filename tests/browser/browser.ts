/**
 * Headless Chromium for the browser tests, through playwright-core and the system's Debian
 * Chromium (no browser download). WebGL runs on SwiftShader, the CPU implementation, so the
 * map really renders without a GPU.
 *
 * Each page records console errors, uncaught exceptions, dialogs and every request to an
 * origin other than the test server; requests elsewhere are aborted before they leave.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { ROOT } from './build-site';

/** Chromium binary; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go (tmp/ is git-ignored). */
export const SCREENSHOT_DIR = join(ROOT, 'tmp/screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Belt and braces: even a request that slipped past the route filter cannot resolve a host.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** Starts Chromium; fails with instructions when it is not installed (tests never skip). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser tests need it: install Debian's chromium ` +
        `package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
}

/** A page plus what it did wrong. */
export interface RecordedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and failed local requests, as text. */
  errors: string[];
  /** Requests to any origin but the test server's (aborted). */
  externalRequests: string[];
  /** Messages of alert/confirm/prompt dialogs (an injected script would show up here). */
  dialogs: string[];
  close(): Promise<void>;
}

/** Options of `openPage`. */
export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Emulate a phone (touch, mobile viewport meta). */
  mobile?: boolean;
  /** Other origins the page may reach (a test's own fake tile server); requests to them are not recorded. */
  allowOrigins?: readonly string[];
}

/** Opens a recorded page (not yet navigated) whose only allowed origin is `serverUrl`'s. */
export async function openPage(
  browser: Browser,
  serverUrl: string,
  options: PageOptions = {},
): Promise<RecordedPage> {
  const origin = new URL(serverUrl).origin;
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
    locale: 'zh-CN',
  });
  const errors: string[] = [];
  const externalRequests: string[] = [];
  const dialogs: string[] = [];
  const isLocal = (url: string) => {
    const u = new URL(url);
    return (
      u.origin === origin ||
      u.protocol === 'data:' ||
      u.protocol === 'blob:' ||
      (options.allowOrigins ?? []).includes(u.origin)
    );
  };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    externalRequests.push(url);
    return route.abort('blockedbyclient');
  });
  // Requests that bypass routing (workers on some versions) are still seen here.
  context.on('request', (request) => {
    const url = request.url();
    if (!isLocal(url) && !externalRequests.includes(url)) externalRequests.push(url);
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (isLocal(request.url()))
      errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, context, errors, externalRequests, dialogs, close: () => context.close() };
}

/** Saves a full-page screenshot as tmp/screenshots/<name>.png and returns the PNG bytes. */
export async function screenshot(page: Page, name: string): Promise<Buffer> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * Waits until the map shows its current state: tiles drawn, camera still, deck.gl layers drawn
 * (MapView keeps `aria-busy` true until then). Two animation frames first, so a change the test
 * just made (a click starting a camera move or a layer load) has marked the map busy before the
 * attribute is read. The timeout only bounds a failure; nothing here waits for a fixed time.
 */
export async function waitForMapIdle(page: Page | Frame, timeout = 60_000): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await page.locator('.map[aria-busy="false"]').waitFor({ state: 'attached', timeout });
}

/** A rectangle of the page, in CSS pixels. */
export type Region = { x: number; y: number; width: number; height: number };

/** The map area right of the legend panel (whose swatches use the same colours). */
export async function mapRegion(page: Page): Promise<Region> {
  const map = (await page.locator('.map').boundingBox())!;
  const legend = (await page.locator('.legend-slot').boundingBox())!;
  const x = Math.ceil(legend.x + legend.width + 4);
  return {
    x,
    y: Math.ceil(map.y),
    width: Math.floor(map.x + map.width - x),
    height: Math.floor(map.height),
  };
}

/**
 * Counts the pixels of a PNG within `tolerance` (per RGB channel) of each colour. Decoded by
 * the browser itself in a blank page, so the tests need no image library.
 */
export async function countColors(
  browser: Browser,
  png: Buffer,
  colors: readonly string[],
  tolerance = 28,
  region?: Region,
): Promise<number[]> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ base64, colors, tolerance, region }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const r = region ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
        const canvas = new OffscreenCanvas(r.width, r.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, -r.x, -r.y);
        const { data } = ctx.getImageData(0, 0, r.width, r.height);
        const targets = colors.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
        const counts = targets.map(() => 0);
        for (let p = 0; p < data.length; p += 4) {
          for (let t = 0; t < targets.length; t++) {
            const [tr, tg, tb] = targets[t]!;
            if (
              Math.abs(data[p]! - tr!) <= tolerance &&
              Math.abs(data[p + 1]! - tg!) <= tolerance &&
              Math.abs(data[p + 2]! - tb!) <= tolerance
            ) {
              counts[t]!++;
              break;
            }
          }
        }
        return counts;
      },
      { base64: png.toString('base64'), colors: [...colors], tolerance, region },
    );
  } finally {
    await page.close();
  }
}
