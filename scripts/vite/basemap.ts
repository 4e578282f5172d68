/**
 * Vite plugin that provides the offline basemap (scripts/basemap/build-basemap.ts): the dev
 * server answers `/basemap/offline.pmtiles` from memory, in byte ranges as pmtiles reads it, and
 * `vite build` emits it into dist/. Nothing is written into public/, so the repository carries
 * no generated files.
 */
import type { Connect, Plugin } from 'vite';
import { buildBasemapFromPackage, type BasemapFiles } from '../basemap/build-basemap';
import { parseByteRange } from './byte-range';

/** Dev-server middleware answering the basemap's paths from `load()`, with byte ranges. */
export function basemapMiddleware(load: () => Promise<BasemapFiles>): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0]!.replace(/^\/+/, '');
    if (!path.startsWith('basemap/') || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    load()
      .then((all) => {
        const bytes = all[path];
        if (bytes === undefined) return next();
        const range = parseByteRange(req.headers.range, bytes.length);
        res.setHeader('Content-Type', 'application/vnd.pmtiles');
        res.setHeader('Accept-Ranges', 'bytes');
        if (range === 'unsatisfiable') {
          res.statusCode = 416;
          res.setHeader('Content-Range', `bytes */${bytes.length}`);
          return void res.end();
        }
        const { start, end } = range ?? { start: 0, end: bytes.length - 1 };
        if (range) {
          res.statusCode = 206;
          res.setHeader('Content-Range', `bytes ${start}-${end}/${bytes.length}`);
        }
        res.setHeader('Content-Length', String(end - start + 1));
        res.end(req.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1));
      })
      .catch(next);
  };
}

/** The basemap plugin. The archive is built once per Vite process (a few seconds). */
export function basemapPlugin(): Plugin {
  let files: Promise<BasemapFiles> | null = null;
  const load = () => (files ??= buildBasemapFromPackage());
  return {
    name: 'renovation-atlas:basemap',
    configureServer(server) {
      server.middlewares.use(basemapMiddleware(load));
    },
    async generateBundle() {
      for (const [fileName, source] of Object.entries(await load())) {
        this.emitFile({ type: 'asset', fileName, source });
      }
    },
  };
}
