import { basename } from 'node:path';
import zlib from 'node:zlib';
import type { Feature, Geometry } from 'geojson';
import type { DisplayLayerRef, ManifestInput } from '../../../src/contracts/manifest';
import type { BuildReport } from '../../../src/contracts/report';
import { LOW_ZOOM_PROPERTIES } from '../../../src/contracts/tile-properties';
import type { AmenityRecord, CommunityRecord } from '../../../src/domain/schema';
import { boundaryLevels, boundaryStats } from '../boundary-stats';
import { writeDisplayCrsTiles, type DisplayCrsInputs, type VariantCrs } from '../display-crs';
import { readBoundaries } from '../read/boundaries';
import { readFootprints } from '../read/footprints';
import { readInputFile } from '../read/input-file';
import { readJsonInput } from '../read/json-input';
import { archiveBounds, bboxOf, type Bbox } from '../tiles/archive-bounds';
import { tilePoints } from '../tiles/point-tiles';
import { tilePolygons } from '../tiles/polygon-tiles';
import type { TileSet, TileSetStats } from '../tiles/tile-set';
import { inputEntry } from './input-entry';
import type { EachPropertyOf, PropertiesOf } from './life-circles';
import type { OutputWriter } from './output-writer';
import { writeArchive } from './write-archive';
import type { Lap, Progress } from './step-timer';

/** Tiles reach z14 (street level) at least; higher only adds bytes for point data. */
export const MAX_ZOOM = 14;

/** The footprints file, parsed but not yet joined to the communities. */
export interface FootprintFile {
  path: string;
  bytes: Uint8Array;
  value: unknown;
}

/** Reads the footprints file; run before the heavy work, so a broken one fails before the tiles. */
export async function readFootprintFile(path: string): Promise<FootprintFile> {
  return { path, ...(await readJsonInput(path)) };
}

/** What the tile step takes. */
export interface TileInputs {
  records: readonly CommunityRecord[];
  amenities: readonly AmenityRecord[];
  propertiesOf: PropertiesOf;
  /** The same properties pair by pair, which the tiler encodes without building the objects. */
  eachPropertyOf: EachPropertyOf;
  footprints?: FootprintFile | undefined;
  boundaries?: string | undefined;
  displayCrs: readonly VariantCrs[];
}

/** What the manifest needs of the tiles written. */
export interface TilesWritten {
  bbox: Bbox | null;
  center: [number, number, number];
  communityStats: TileSetStats;
  footprintCount: number;
  boundaryCount: number;
  levels: string[];
  displayLayers: Record<string, Record<string, DisplayLayerRef>>;
  /** Footprints and boundaries, in the order read. */
  inputs: ManifestInput[];
  /** Footprints that could not be joined to a community. */
  warnings: BuildReport['warnings'];
}

/**
 * The archives' centre: the middle of the communities' bbox at z10 (China's middle at z3 when
 * there are none). Every archive the build writes shares it, the streets included.
 */
export function tilesCenter(records: readonly { lng: number; lat: number }[]): [number, number, number] {
  return centerOf(recordsBbox(records));
}

function centerOf(bbox: Bbox | null): [number, number, number] {
  return bbox ? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, 10] : [105, 35, 3];
}

/**
 * Writes the PMTiles archives: communities (with footprints as a second layer), amenities,
 * boundaries (and boundaries.geojson), then the same again in each display CRS asked for.
 */
export async function writeTiles(
  inp: TileInputs,
  out: OutputWriter,
  progress: Progress,
  lap: Lap,
): Promise<TilesWritten> {
  const t = performance.now();
  const { records, amenities, propertiesOf, eachPropertyOf } = inp;
  const inputs: ManifestInput[] = [];
  const warnings: BuildReport['warnings'] = [];
  const bbox = recordsBbox(records);
  const center = centerOf(bbox);
  progress('tiles', 0, 1);
  // The tiles' inputs are kept for the display-CRS variants, which tile them again shifted.
  const tileInputs: DisplayCrsInputs = {
    communities: {
      points: {
        count: records.length,
        lng: (i) => records[i]!.lng,
        lat: (i) => records[i]!.lat,
        // The tiler's default importance, known without computing the properties.
        priority: (i) => records[i]!.households ?? 0,
        // Computed when the tiler reads them; the tiler encodes the pairs at once and keeps nothing.
        properties: propertiesOf,
        eachProperty: eachPropertyOf,
      },
      options: {
        layer: 'communities',
        minZoom: 0,
        maxZoom: MAX_ZOOM,
        lowZoomProperties: LOW_ZOOM_PROPERTIES,
        // Level 4 gzips about a sixth faster than 6 for about 1% more bytes (scripts/bench-tiles.ts).
        gzipLevel: 4,
        // ~200 MB of gzipped tiles at national scale, read back once as the archive is written.
        spool: true,
      },
    },
  };
  const communityTiles = tilePoints(tileInputs.communities.points, tileInputs.communities.options);
  let footprintCount = 0;
  let footprintTiles: TileSet | undefined;
  if (inp.footprints) {
    const { path, bytes, value } = inp.footprints;
    inputs.push(inputEntry('footprints', path, bytes));
    const known = new Set(records.map((r) => r.id));
    const { features: footprints, issues } = readFootprints(path, value, known);
    const file = basename(path);
    for (const issue of issues) warnings.push({ ...issue, table: 'footprints', file });
    footprintCount = footprints.length;
    tileInputs.footprints = {
      features: footprints,
      options: { layer: 'footprints', minZoom: 12, maxZoom: MAX_ZOOM },
    };
    footprintTiles = tilePolygons(footprints, tileInputs.footprints.options);
    mergeTileLayers(communityTiles.tiles, footprintTiles.tiles);
  }
  // Written piece by piece from the tiles (on disk when spooled), whose file is then let go.
  const archive = (name: string, minZoom: number, bounds: Bbox | null, sets: TileSet[]) =>
    writeArchive(
      out,
      `${name}.pmtiles`,
      sets[0]!.tiles,
      { minZoom, maxZoom: MAX_ZOOM, bounds: archiveBounds(bounds), center },
      { name, vector_layers: sets.map((set) => set.vectorLayer) },
      sets.map((set) => set.tiles),
    );
  await archive('communities', 0, bbox, footprintTiles ? [communityTiles, footprintTiles] : [communityTiles]);
  if (amenities.length) {
    tileInputs.amenities = {
      points: {
        count: amenities.length,
        lng: (i) => amenities[i]!.lng,
        lat: (i) => amenities[i]!.lat,
        properties: (i) => {
          const a = amenities[i]!;
          return {
            id: a.id,
            name: a.name ?? null,
            type: a.type,
            status: a.status ?? null,
            is_synthetic: a.is_synthetic,
          };
        },
      },
      options: { layer: 'amenities', minZoom: 8, maxZoom: MAX_ZOOM, spool: true },
    };
    const amenityTiles = tilePoints(tileInputs.amenities.points, tileInputs.amenities.options);
    await archive('amenities', 8, recordsBbox(amenities), [amenityTiles]);
  }
  let boundaryCount = 0;
  let levels: string[] = [];
  if (inp.boundaries) {
    const bytes = await readInputFile(inp.boundaries);
    inputs.push(inputEntry('boundaries', inp.boundaries, bytes));
    // Each polygon carries its completion rate, which the status map shades it by.
    const boundaries = boundaryStats(readBoundaries(inp.boundaries, bytes), records);
    levels = boundaryLevels(boundaries);
    boundaryCount = boundaries.features.length;
    await out.write('boundaries.geojson', JSON.stringify(boundaries));
    tileInputs.boundaries = {
      features: boundaries.features as Feature<Geometry>[],
      options: { layer: 'boundaries', minZoom: 0, maxZoom: MAX_ZOOM },
    };
    const bTiles = tilePolygons(tileInputs.boundaries.features, tileInputs.boundaries.options);
    await archive('boundaries', 0, bbox, [bTiles]);
  }
  // The same tiles in each display CRS asked for (GCJ-02, for an AMap basemap).
  const displayLayers: Record<string, Record<string, DisplayLayerRef>> = {};
  for (const crs of inp.displayCrs)
    displayLayers[crs] = await writeDisplayCrsTiles(crs, tileInputs, archive, mergeTileLayers);
  progress('tiles', 1, 1);
  lap('tiles', t);
  const communityStats = communityTiles.stats;
  return {
    bbox,
    center,
    communityStats,
    footprintCount,
    boundaryCount,
    levels,
    displayLayers,
    inputs,
    warnings,
  };
}

/**
 * Adds the layers of `extra` to the tiles of `base`. An MVT tile is a sequence of layer
 * messages, so concatenating two decoded tiles' bytes yields one tile with both layers.
 */
function mergeTileLayers(base: Map<number, Uint8Array>, extra: Map<number, Uint8Array>): void {
  const { gunzipSync, gzipSync } = zlib;
  for (const [id, bytes] of extra) {
    const existing = base.get(id);
    if (!existing) {
      base.set(id, bytes);
      continue;
    }
    const a = gunzipSync(existing);
    const b = gunzipSync(bytes);
    const merged = new Uint8Array(a.byteLength + b.byteLength);
    merged.set(a, 0);
    merged.set(b, a.byteLength);
    base.set(id, gzipSync(merged));
  }
}

function recordsBbox(points: readonly { lng: number; lat: number }[]): Bbox | null {
  return bboxOf(
    points.length,
    (i) => points[i]!.lng,
    (i) => points[i]!.lat,
  );
}
