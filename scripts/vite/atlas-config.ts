/**
 * Vite plugin for the deployer's configuration (scripts/basemap/online-basemaps.ts): it hands
 * the configured basemaps to the site as the virtual module `virtual:atlas-basemaps`, and
 * widens index.html's Content-Security-Policy by exactly the configured tile origins (img-src
 * and connect-src: MapLibre fetches raster tiles and decodes them as images). With no
 * configuration the policy is left exactly as written.
 *
 * The configuration is read once per Vite process; restart `npm run dev` after editing it.
 */
import type { Plugin } from 'vite';
import { loadAtlasConfig, tileOrigins, type ResolvedAtlasConfig } from '../basemap/online-basemaps';

/** Id the site imports. */
export const VIRTUAL_ID = 'virtual:atlas-basemaps';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/** CSP directives that must name a tile origin for MapLibre to load raster tiles from it. */
const TILE_DIRECTIVES = ['img-src', 'connect-src'] as const;

/**
 * Adds `origins` to the img-src and connect-src directives of the page's CSP meta tag. Pure;
 * returns the page unchanged when there is nothing to add. Throws when the page has no policy
 * to widen, rather than ship a page whose tiles the browser would block.
 */
export function extendCsp(html: string, origins: readonly string[]): string {
  if (!origins.length) return html;
  const meta = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;
  const match = meta.exec(html);
  if (!match) throw new Error('index.html has no Content-Security-Policy meta tag to add tile origins to');
  const directives = match[2]!.split(';').map((d) => d.trim());
  for (const name of TILE_DIRECTIVES) {
    const i = directives.findIndex((d) => d.split(/\s+/)[0] === name);
    if (i === -1) throw new Error(`index.html's Content-Security-Policy has no ${name} directive`);
    const present = new Set(directives[i]!.split(/\s+/));
    directives[i] = [directives[i], ...origins.filter((o) => !present.has(o))].join(' ');
  }
  return html.replace(
    meta,
    (_all, head: string, _policy: string, tail: string) => head + directives.join('; ') + tail,
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
 * The configuration plugin. `ATLAS_BENCH_HOOKS=1` at build time also exposes the map object
 * to `npm run bench:site` (never set for a real deployment).
 */
export function atlasConfigPlugin(): Plugin {
  let config: ResolvedAtlasConfig | null = null;
  const benchHooks = process.env.ATLAS_BENCH_HOOKS === '1';
  return {
    name: 'renovation-atlas:config',
    configResolved(resolved) {
      config = loadAtlasConfig(resolved.root);
      if (config.file)
        resolved.logger.info(
          `atlas config ${config.file}: basemaps ${config.basemaps.map((b) => b.id).join(', ')}`,
        );
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
