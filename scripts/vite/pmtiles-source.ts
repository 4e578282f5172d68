/**
 * Vite plugin that bundles pmtiles from the TypeScript source it publishes (`pmtiles/src/`)
 * rather than its built `dist/esm/index.js`, and loads its gzip fallback (fflate) on use.
 *
 * The built file names every class and function through a helper call (`d(Class, "Name")`)
 * that the bundler must keep as a side effect, so all of it ships: the Leaflet adapter, the
 * file reader, the second cache, the tile-id helpers. From the source the bundler keeps what
 * the site uses (Protocol, PMTiles, FetchSource and what they call), about 1.2 KB less gzip of
 * the first load.
 *
 * fflate only decompresses an archive's gzip directories in a browser without
 * DecompressionStream (Baseline since 2023): pmtiles calls it from inside an async function, so
 * a stand-in that returns a promise of the same bytes (pmtiles-lazy-fflate.ts) behaves the
 * same and keeps fflate in a chunk of its own, loaded only by such a browser.
 *
 * Only the site build uses this; the build scripts and the unit tests import pmtiles as
 * published.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** The stand-in for fflate's `decompressSync` that pmtiles' source is given. */
export const LAZY_FFLATE = fileURLToPath(new URL('./pmtiles-lazy-fflate.ts', import.meta.url));

/** Where a bare import is resolved to, given where pmtiles' source lives; null to leave it alone. */
export function pmtilesRedirect(
  source: string,
  importer: string | undefined,
  pmtilesSource: string,
): 'pmtiles-source' | 'lazy-fflate' | 'fflate-for-pmtiles' | null {
  if (source === 'pmtiles') return 'pmtiles-source';
  if (source !== 'fflate' || !importer) return null;
  // Vite may hand the importer with a query (`?v=`), and on Windows with either slash.
  const from = importer.split('?')[0]!.replaceAll('\\', '/');
  if (from.startsWith(pmtilesSource.replaceAll('\\', '/'))) return 'lazy-fflate';
  if (from === LAZY_FFLATE.replaceAll('\\', '/')) return 'fflate-for-pmtiles';
  return null;
}

/** The plugin (vite.config.ts). */
export function pmtilesSourcePlugin(): Plugin {
  let sourceDir: string | null = null;
  return {
    name: 'atlas-pmtiles-source',
    // Before Vite's own resolver, which would pick the package's `exports` (the built file).
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer) {
      if (source !== 'pmtiles' && source !== 'fflate') return null;
      if (!sourceDir) {
        // The package's own folder, wherever node_modules is (its exports allow package.json).
        const pkg = await this.resolve('pmtiles/package.json', importer, { skipSelf: true });
        if (!pkg)
          throw new Error('pmtiles-source: cannot resolve pmtiles/package.json (is pmtiles installed?)');
        sourceDir = join(dirname(pkg.id), 'src') + '/';
      }
      const index = join(sourceDir, 'index.ts');
      switch (pmtilesRedirect(source, importer, sourceDir)) {
        case 'pmtiles-source':
          return index;
        case 'lazy-fflate':
          return LAZY_FFLATE;
        case 'fflate-for-pmtiles':
          // The fflate pmtiles depends on (its own version), as if pmtiles imported it.
          return this.resolve('fflate', index, { skipSelf: true });
        default:
          return null;
      }
    },
  };
}
