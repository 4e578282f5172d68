/**
 * The offline basemap: Natural Earth land and country borders (public domain), from the
 * world-atlas package's TopoJSON, as vector tiles in one PMTiles archive the site reads by byte
 * range (`basemap/offline.pmtiles`, layers `land` and `borders`).
 *
 * Tiles rather than one GeoJSON file, so that the page fetches only what it shows: the coarse
 * 1:110m and 1:50m data for the low zooms, and Natural Earth's most detailed, 1:10m, from z5 on,
 * where a city is on screen; MapLibre overzooms the last level. world-atlas stores 1:10m
 * quantised to 0.0036° × 0.0017° (about 370 m × 190 m at 25°N), so that grid, not the tiles
 * (about 40 m a unit at z8), bounds how close the coast comes to the real one.
 *
 * Generated at build time rather than committed: the archive is fully determined by the
 * installed world-atlas version. The Vite plugin (scripts/vite/basemap.ts) serves it in
 * `npm start` and writes it into dist/ in `npm run build`; run this file to write it to a folder
 * for inspection: `tsx scripts/basemap/build-basemap.ts --out DIR`.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Topology } from 'topojson-specification';
import { OFFLINE_BASEMAP_ID, vectorBasemapPath } from '../../src/contracts/basemaps';
import { writePmtiles } from '../pipeline/tiles/pmtiles-writer';
import { tilePolygons } from '../pipeline/tiles/polygon-tiles';
import type { VectorLayer } from '../pipeline/tiles/tile-set';
import { mergeTileLayers } from './merge-tile-layers';
import { borderFeatures, landFeatures, type NaturalEarthScale } from './natural-earth';

/**
 * Where the archive goes in the site. The offline basemap's id can name no configured vector
 * basemap (ids are unique), so no extract copied beside it can take this name.
 */
export const BASEMAP_ARCHIVE = vectorBasemapPath(OFFLINE_BASEMAP_ID);

/** The MVT layer names the style (src/map/basemap-style.ts) draws. */
export const BASEMAP_LAYERS = { land: 'land', borders: 'borders' } as const;

/** A range of zooms tiled from one Natural Earth scale. */
export interface ZoomBand {
  scale: NaturalEarthScale;
  minZoom: number;
  maxZoom: number;
}

/**
 * Default bands: 1:110m for the world, 1:50m for a country, 1:10m from z5, where 1:50m is
 * visibly off (Xiamen island a trapezoid). z8 is the last level: one tile unit is then ~40 m,
 * a tenth of 1:10m's own grid, so deeper levels would repeat the same lines in more tiles.
 */
export const DEFAULT_BANDS: readonly ZoomBand[] = [
  { scale: '110m', minZoom: 0, maxZoom: 2 },
  { scale: '50m', minZoom: 3, maxZoom: 4 },
  { scale: '10m', minZoom: 5, maxZoom: 8 },
];

/** Options of `buildBasemap`. */
export interface BasemapOptions {
  /** Zoom bands, each tiled from its own scale; they must not overlap. Default `DEFAULT_BANDS`. */
  bands?: readonly ZoomBand[];
  /**
   * Tile buffer in tile units (of 4096). Default 16: 2 px at 512 px tiles, enough for the
   * 1.5 px borders and the land's anti-aliased edge, and less to download than the tiler's 64.
   */
  buffer?: number;
}

/** The two topologies of one scale, as world-atlas ships them. */
export interface NaturalEarthTopologies {
  land: Topology;
  countries: Topology;
}

/** File name (relative to the site root) → bytes. */
export type BasemapFiles = Record<string, Uint8Array>;

/** Throws when two bands claim the same zoom (a tile would carry two copies of its layers). */
export function checkBands(bands: readonly ZoomBand[]): void {
  if (bands.length === 0) throw new Error('basemap: no zoom bands to tile');
  const seen = new Map<number, NaturalEarthScale>();
  for (const band of bands) {
    if (!Number.isInteger(band.minZoom) || !Number.isInteger(band.maxZoom) || band.minZoom > band.maxZoom)
      throw new Error(`basemap: band ${band.scale} has zooms ${band.minZoom}–${band.maxZoom}`);
    for (let z = band.minZoom; z <= band.maxZoom; z++) {
      const other = seen.get(z);
      if (other) throw new Error(`basemap: zoom ${z} is in two bands (${other} and ${band.scale})`);
      seen.set(z, band.scale);
    }
  }
}

/**
 * Tiles each band's land and borders and writes them into one PMTiles archive with the layers
 * `land` and `borders`. `sources` must hold every scale the bands name.
 */
export function buildBasemap(
  sources: Partial<Record<NaturalEarthScale, NaturalEarthTopologies>>,
  options: BasemapOptions = {},
): BasemapFiles {
  const bands = options.bands ?? DEFAULT_BANDS;
  checkBands(bands);
  const buffer = options.buffer ?? 16;
  const land = new Map<number, Uint8Array>();
  const borders = new Map<number, Uint8Array>();
  for (const band of bands) {
    const source = sources[band.scale];
    if (!source)
      throw new Error(
        `basemap: no Natural Earth ${band.scale} topologies for zooms ${band.minZoom}–${band.maxZoom}`,
      );
    // Workers 0: a few thousand small tiles, not worth starting threads inside Vite for.
    const common = { minZoom: band.minZoom, maxZoom: band.maxZoom, buffer, workers: 0 };
    const landSet = tilePolygons(landFeatures(source.land), { ...common, layer: BASEMAP_LAYERS.land });
    const borderSet = tilePolygons(borderFeatures(source.countries), {
      ...common,
      layer: BASEMAP_LAYERS.borders,
    });
    for (const [id, bytes] of landSet.tiles) land.set(id, bytes);
    for (const [id, bytes] of borderSet.tiles) borders.set(id, bytes);
  }
  const minZoom = Math.min(...bands.map((b) => b.minZoom));
  const maxZoom = Math.max(...bands.map((b) => b.maxZoom));
  const vectorLayer = (id: string): VectorLayer => ({ id, minzoom: minZoom, maxzoom: maxZoom, fields: {} });
  const archive = writePmtiles(
    mergeTileLayers([land, borders]),
    // Mercator's limits; the centre is the site's own default view (create-map.ts), all of China.
    { minZoom, maxZoom, bounds: [-180, -85.0511, 180, 85.0511], center: [105, 35, 3] },
    {
      name: 'Natural Earth land and country borders',
      attribution: 'Natural Earth',
      description: `Land and borders from Natural Earth (world-atlas): ${bands
        .map((b) => `z${b.minZoom}–${b.maxZoom} 1:${b.scale}`)
        .join(', ')}`,
      vector_layers: [vectorLayer(BASEMAP_LAYERS.land), vectorLayer(BASEMAP_LAYERS.borders)],
    },
  );
  return { [BASEMAP_ARCHIVE]: archive };
}

/** Reads the installed world-atlas topologies the bands need and builds the basemap files. */
export async function buildBasemapFromPackage(options: BasemapOptions = {}): Promise<BasemapFiles> {
  const require = createRequire(import.meta.url);
  const read = async (name: string): Promise<Topology> => {
    const path = require.resolve(`world-atlas/${name}.json`);
    try {
      return JSON.parse(await readFile(path, 'utf8')) as Topology;
    } catch (e) {
      throw new Error(`basemap: cannot read ${path}: ${(e as Error).message}`, { cause: e });
    }
  };
  const sources: Partial<Record<NaturalEarthScale, NaturalEarthTopologies>> = {};
  for (const scale of new Set((options.bands ?? DEFAULT_BANDS).map((b) => b.scale)))
    sources[scale] = { land: await read(`land-${scale}`), countries: await read(`countries-${scale}`) };
  return buildBasemap(sources, options);
}

async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--out');
  const out = i >= 0 ? args[i + 1] : undefined;
  if (!out) {
    console.error('usage: tsx scripts/basemap/build-basemap.ts --out DIR');
    process.exitCode = 2;
    return;
  }
  const files = await buildBasemapFromPackage();
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(out, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, bytes);
    console.log(`${path}  ${(bytes.length / 1024).toFixed(0)} KiB`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
