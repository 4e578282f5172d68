/**
 * Vite plugin for the deployer's configuration (scripts/basemap/online-basemaps.ts): it hands
 * the configured basemaps to the site as the virtual module `virtual:atlas-basemaps`, and
 * widens index.html's Content-Security-Policy by exactly the configured tile origins (img-src
 * and connect-src: MapLibre fetches raster tiles and decodes them as images). With no
 * configuration the policy is left exactly as written.
 *
 * Vector extracts (`pmtiles` basemaps) are part of the site instead: `vite build` copies each
 * into the output (`basemap/<id>.pmtiles`) and the dev server answers the same path with byte
 * ranges, so the page reads them from its own origin and the policy needs nothing more.
 *
 * The configuration is read once per Vite process; restart `npm run dev` after editing it.
 */
import { createReadStream, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Connect, Plugin } from 'vite';
import {
  loadAtlasConfig,
  tileOrigins,
  type BasemapArchive,
  type ResolvedAtlasConfig,
} from '../basemap/online-basemaps';
import { parseByteRange } from './byte-range';

/** Id the site imports. */
export const VIRTUAL_ID = 'virtual:atlas-basemaps';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/** CSP directives that must name a tile origin for MapLibre to load raster tiles from it. */
const TILE_DIRECTIVES = ['img-src', 'connect-src'] as const;

/**
 * Adds `origins` to the `directives` (default img-src and connect-src, what raster tiles need)
 * of the page's CSP meta tag. Pure; returns the page unchanged when there is nothing to add.
 * Throws when the page has no policy to widen, rather than ship a page whose tiles (or data,
 * scripts/vite/data-url.ts) the browser would block.
 */
export function extendCsp(
  html: string,
  origins: readonly string[],
  directives: readonly string[] = TILE_DIRECTIVES,
): string {
  if (!origins.length) return html;
  const meta = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;
  const match = meta.exec(html);
  if (!match) throw new Error('index.html has no Content-Security-Policy meta tag to add tile origins to');
  const policy = match[2]!.split(';').map((d) => d.trim());
  for (const name of directives) {
    const i = policy.findIndex((d) => d.split(/\s+/)[0] === name);
    if (i === -1) throw new Error(`index.html's Content-Security-Policy has no ${name} directive`);
    const present = new Set(policy[i]!.split(/\s+/));
    policy[i] = [policy[i], ...origins.filter((o) => !present.has(o))].join(' ');
  }
  return html.replace(
    meta,
    (_all, head: string, _policy: string, tail: string) => head + policy.join('; ') + tail,
  );
}

/** Source of the virtual module: the basemaps as JSON literals, so no code is generated from config text. */
export function virtualModuleSource(config: ResolvedAtlasConfig, benchHooks: boolean): string {
  return [
    `export const BASEMAPS = ${JSON.stringify(config.basemaps)};`,
    `export const DEFAULT_BASEMAP = ${JSON.stringify(config.defaultBasemap)};`,
    `export const BENCH_HOOKS = ${benchHooks ? 'true' : 'false'};`,
  ].join('\n');
}

/**
 * Dev-server middleware answering each extract's site path with the file, in byte ranges as
 * pmtiles asks for them. Only the configured paths are answered; everything else goes on.
 */
export function archiveMiddleware(archives: readonly BasemapArchive[]): Connect.NextHandleFunction {
  const byPath = new Map(archives.map((a) => [`/${a.path}`, a]));
  return (req, res, next) => {
    const archive = byPath.get((req.url ?? '').split('?')[0]!);
    if (!archive || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    let size: number;
    try {
      // Checked when the configuration was read; its size now, in case it was replaced since.
      size = statSync(archive.file).size;
    } catch (e) {
      return next(e);
    }
    const range = parseByteRange(req.headers.range, size);
    res.setHeader('Content-Type', 'application/vnd.pmtiles');
    res.setHeader('Accept-Ranges', 'bytes');
    if (range === 'unsatisfiable') {
      res.statusCode = 416;
      res.setHeader('Content-Range', `bytes */${size}`);
      return void res.end();
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    if (range) {
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    }
    res.setHeader('Content-Length', String(end - start + 1));
    if (req.method === 'HEAD' || size === 0) return void res.end();
    createReadStream(archive.file, { start, end }).on('error', next).pipe(res);
  };
}

/**
 * The configuration plugin, reading `env` (default the process's: ATLAS_CONFIG, TIANDITU_KEY).
 * `ATLAS_BENCH_HOOKS=1` at build time also exposes the map object to `npm run bench:site`
 * (never set for a real deployment).
 */
export function atlasConfigPlugin(env: Readonly<Record<string, string | undefined>> = process.env): Plugin {
  let config: ResolvedAtlasConfig | null = null;
  const benchHooks = env.ATLAS_BENCH_HOOKS === '1';
  return {
    name: 'renovation-atlas:config',
    configResolved(resolved) {
      config = loadAtlasConfig(resolved.root, env);
      if (config.file)
        resolved.logger.info(
          `atlas config ${config.file}: basemaps ${config.basemaps.map((b) => b.id).join(', ')}`,
        );
    },
    configureServer(server) {
      server.middlewares.use(archiveMiddleware(config!.archives));
    },
    // Copied, not emitted: an extract can be hundreds of megabytes, which Rollup would hold in memory.
    async writeBundle(options) {
      if (!options.dir) return;
      for (const archive of config!.archives) {
        const target = join(options.dir, archive.path);
        await mkdir(dirname(target), { recursive: true });
        await copyFile(archive.file, target);
      }
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    load(id) {
      return id === RESOLVED_ID ? virtualModuleSource(config!, benchHooks) : null;
    },
    transformIndexHtml: {
      // Before the dev server's own relaxations (dev-csp.ts), which match the policy's original text.
      order: 'pre',
      handler: (html) => extendCsp(html, tileOrigins(config!.basemaps)),
    },
  };
}
