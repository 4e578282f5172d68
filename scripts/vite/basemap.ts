/**
 * Vite plugin that provides the offline basemap files (scripts/basemap/build-basemap.ts): the
 * dev server answers `/basemap/*.geojson` from memory, and `vite build` emits them into dist/.
 * Nothing is written into public/, so the repository carries no generated files.
 */
import type { Plugin } from 'vite';
import { buildBasemapFromPackage, type BasemapFiles } from '../basemap/build-basemap';

/** The basemap plugin. Files are built once per Vite process (about a second). */
export function basemapPlugin(): Plugin {
  let files: Promise<BasemapFiles> | null = null;
  const load = () => (files ??= buildBasemapFromPackage());
  return {
    name: 'renovation-atlas:basemap',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!.replace(/^\/+/, '');
        if (!path.startsWith('basemap/')) return next();
        load()
          .then((all) => {
            const text = all[path];
            if (text === undefined) return next();
            res.setHeader('Content-Type', 'application/geo+json; charset=utf-8');
            res.end(text);
          })
          .catch(next);
      });
    },
    async generateBundle() {
      for (const [fileName, source] of Object.entries(await load())) {
        this.emitFile({ type: 'asset', fileName, source });
      }
    },
  };
}
