/**
 * Polygon and line layers (boundaries, building footprints) to gzipped MVT tiles: geojson-vt
 * clips and simplifies, `encodeMvt` writes.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import GeoJSONVT, { type RawFeature } from 'geojson-vt';
import { PbfWriter } from 'pbf';
import { zxyToTileId } from 'pmtiles';
import { MVT_EXTENT, MVT_POINT, encodeMvt, type MvtFeature } from './mvt-encode';
import { compressTiles } from './tile-compressor';
import { fieldsOf, zoomRange, ZoomPresence, type TileSet } from './tile-set';

/** Options of `tilePolygons`. */
export interface PolygonTileOptions {
  /** MVT layer name. */
  layer: string;
  /** Default 0. */
  minZoom?: number;
  /**
   * Default 14. Every tile a feature touches is written down to this zoom, so a large polygon
   * costs about its area in maxZoom tiles (a 1,000 km² district: ~250 at z14). Interior tiles
   * repeat and the PMTiles writer stores them once.
   */
  maxZoom?: number;
  /** Simplification tolerance in tile units (of 4096) below maxZoom. Default 3, geojson-vt's. */
  tolerance?: number;
  /** Tile buffer in tile units, so strokes do not stop at tile edges. Default 64. */
  buffer?: number;
  /** zlib level for tiles. Default 6. */
  gzipLevel?: number;
  /** Threads that gzip tiles (see `TileCompressor`). Default: one fewer than the CPUs; 0 for none. */
  workers?: number;
}

/**
 * Tiles GeoJSON features (polygons and lines; points work too) into gzipped MVT tiles keyed by
 * PMTiles tile id. Properties keep their values (null dropped, objects as JSON text); each
 * feature's MVT id is its index in `features`, so pieces cut by tile edges can be matched.
 */
export function tilePolygons(
  features: readonly Feature<Geometry | null>[],
  opts: PolygonTileOptions,
): TileSet {
  const { minZoom, maxZoom } = zoomRange('tilePolygons', opts, 24);

  const collection: FeatureCollection<Geometry | null> = {
    type: 'FeatureCollection',
    features: [...features],
  };
  // Index every zoom up front (indexMaxPoints 0 never stops early): the whole pyramid is
  // wanted, and drilling down tile by tile would clip the same geometry repeatedly.
  const index = new GeoJSONVT(collection as FeatureCollection, {
    maxZoom,
    indexMaxZoom: maxZoom,
    indexMaxPoints: 0,
    tolerance: opts.tolerance ?? 3,
    extent: MVT_EXTENT,
    buffer: opts.buffer ?? 64,
    generateId: true,
  });

  const writer = new PbfWriter();
  const present = new ZoomPresence(features.length);
  const featuresPerZoom: Record<number, number> = {};
  for (let z = minZoom; z <= maxZoom; z++) featuresPerZoom[z] = 0;

  const { tiles, bytes } = compressTiles(
    { level: opts.gzipLevel ?? 6, workers: opts.workers },
    (compressor) => {
      for (const { z, x, y } of index.tileCoords) {
        if (z < minZoom) continue;
        const raw = index.getTileRaw(z, x, y);
        if (!raw || raw.features.length === 0) continue;
        const mvtFeatures = raw.features.map(toMvtFeature);
        const bytes = encodeMvt([{ name: opts.layer, features: mvtFeatures }], writer);
        if (bytes.length === 0) continue;
        compressor.add(zxyToTileId(z, x, y), bytes);
        featuresPerZoom[z] = featuresPerZoom[z]! + mvtFeatures.length;
        for (const f of raw.features) if (typeof f.id === 'number') present.mark(f.id, z);
      }
    },
  );

  const dropped = present.droppedPerZoom(minZoom, maxZoom);
  return {
    tiles,
    stats: { tiles: tiles.size, bytes, featuresPerZoom, dropped },
    vectorLayer: { id: opts.layer, minzoom: minZoom, maxzoom: maxZoom, fields: fieldsOf(features) },
  };
}

function toMvtFeature(feature: RawFeature): MvtFeature {
  const properties = feature.tags ?? null;
  const id = feature.id;
  const base = { properties, ...(id === undefined ? {} : { id }) };
  switch (feature.type) {
    case 4:
      return { ...base, type: MVT_POINT, geometry: [[feature.x, feature.y]] };
    case 1:
      return { ...base, type: MVT_POINT, geometry: [feature.geometry] };
    default:
      return { ...base, type: feature.type, geometry: feature.geometry };
  }
}
