/**
 * Vite plugin for data served from another origin (a bucket or CDN, docs/deploy-cdn.md). The
 * deployer names the folder holding manifest.json by `data_url` in atlas.config.json or by the
 * ATLAS_DATA_URL environment variable at `vite build` (the variable wins). The plugin then
 *
 * - hands the URL to the site as `import.meta.env.ATLAS_DATA_URL` (src/lib/manifest.ts
 *   `dataFolderUrl`), so the manifest and every data file, workers' included, are fetched from it;
 * - adds exactly that origin to the page's CSP connect-src (nothing else: the data is fetched,
 *   never loaded as an image or a script);
 * - leaves public/data out of the built site: the data is uploaded to the bucket on its own,
 *   and a second copy beside the page would only go stale. The rest of public/ is copied as usual.
 *
 * Without a data_url the site reads `data/` beside the page, and the build is exactly as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { CONFIG_FILE } from '../basemap/online-basemaps';
import { extendCsp } from './atlas-config';

/** The data_url value is unusable; the message says which source gave it and why. */
export class DataUrlError extends Error {
  override name = 'DataUrlError';
}

/**
 * Checks a data_url and returns it normalised to end in `/` (a folder). `source` names where it
 * came from, for the message. Only absolute http(s) URLs without credentials, query or fragment
 * are accepted: the site appends file names to it, and a password in it would ship in the page.
 */
export function parseDataUrl(value: unknown, source: string): string {
  const shape = 'the absolute http:// or https:// URL of the folder holding manifest.json';
  if (typeof value !== 'string' || !value.trim())
    throw new DataUrlError(`${source} must be ${shape}; got ${JSON.stringify(value)}`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new DataUrlError(
      `${source} "${value}" is not ${shape} (a relative path? data beside the page needs no data_url)`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new DataUrlError(`${source} "${value}" must use http:// or https://, not ${url.protocol}`);
  if (url.username || url.password)
    throw new DataUrlError(
      `${source} "${value}" must not hold a user name or password: it is published in the page`,
    );
  if (url.search || url.hash)
    throw new DataUrlError(
      `${source} "${value}" must not have a query or fragment: file names are appended to it`,
    );
  if (url.pathname.endsWith('/manifest.json'))
    throw new DataUrlError(`${source} "${value}" names the manifest; give the folder that holds it`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * The data_url in effect: ATLAS_DATA_URL when set (even to a configuration's other value), else
 * the configuration's `data_url`, else null. `config` is the parsed atlas.config.json (or null).
 */
export function resolveDataUrl(
  config: unknown,
  env: Readonly<Record<string, string | undefined>>,
  configName = CONFIG_FILE,
): string | null {
  const fromEnv = env.ATLAS_DATA_URL;
  if (fromEnv !== undefined && fromEnv !== '') return parseDataUrl(fromEnv, 'ATLAS_DATA_URL');
  const fromConfig =
    typeof config === 'object' && config !== null ? (config as Record<string, unknown>).data_url : undefined;
  return fromConfig === undefined ? null : parseDataUrl(fromConfig, `${configName} data_url`);
}

/**
 * The parsed configuration file as loadAtlasConfig finds it (ATLAS_CONFIG, else
 * atlas.config.json in `root`), or null. A file that is not JSON is left to loadAtlasConfig,
 * whose message names it.
 */
function readConfig(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): {
  name: string;
  json: unknown;
} | null {
  const named = env.ATLAS_CONFIG?.trim();
  if (named === 'none') return null;
  const file = named ? (isAbsolute(named) ? named : join(root, named)) : join(root, CONFIG_FILE);
  if (!existsSync(file)) return null;
  try {
    return { name: file, json: JSON.parse(readFileSync(file, 'utf8')) };
  } catch {
    return null;
  }
}

/** The data_url plugin (see the module comment), reading `env` (default the process's). */
export function dataUrlPlugin(env: Readonly<Record<string, string | undefined>> = process.env): Plugin {
  let dataUrl: string | null = null;
  let publicDir = '';
  return {
    name: 'renovation-atlas:data-url',
    config(user) {
      const root = resolve(user.root ?? process.cwd());
      const config = readConfig(root, env);
      dataUrl = resolveDataUrl(config?.json ?? null, env, config?.name);
      return {
        define: { 'import.meta.env.ATLAS_DATA_URL': JSON.stringify(dataUrl ?? '') },
        ...(dataUrl ? { build: { copyPublicDir: false } } : {}),
      };
    },
    configResolved(resolved) {
      publicDir = resolved.publicDir;
      if (dataUrl)
        resolved.logger.info(`data_url ${dataUrl}: the site reads its data there; public/data is not copied`);
    },
    // public/ without its data folder, in place of Vite's copy (turned off above).
    async writeBundle(options) {
      if (!dataUrl || !options.dir || !publicDir || !existsSync(publicDir)) return;
      for (const name of await readdir(publicDir))
        if (name !== 'data') await cp(join(publicDir, name), join(options.dir, name), { recursive: true });
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => (dataUrl ? extendCsp(html, [new URL(dataUrl).origin], ['connect-src']) : html),
    },
  };
}
