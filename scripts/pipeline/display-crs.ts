/**
 * Tile sets in a display CRS (`build:data --display-crs GCJ-02`). An AMap basemap is drawn in
 * GCJ-02, some 100–700 m from WGS84; the site can only draw vector tiles where their
 * coordinates say, so the build writes a second set of the communities, amenities,
 * boundaries and streets tiles with every position converted (src/domain/gcj02.ts, as the site
 * converts what it draws itself: src/map/basemap-crs.ts) into `gcj02/`, listed in the manifest under
 * `display_layers`. communities.geojson, the aggregates, bbox and center stay WGS84.
 */
import type { Feature, Geometry } from 'geojson';
import { geometryToDisplayCrs, toDisplayCrs } from '../../src/domain/display-crs';
import {
  pointSource,
  tilePoints,
  type PointSource,
  type PointTileOptions,
  type TilePoints,
} from './tiles/point-tiles';
import { bboxOf, type Bbox } from './tiles/archive-bounds';
import { tilePolygons, type PolygonTileOptions } from './tiles/polygon-tiles';
import type { TileSet } from './tiles/tile-set';

/** The CRSs the build can write tile sets in besides WGS84. */
export const VARIANT_CRS_VALUES = ['GCJ-02'] as const;

/** A CRS the build can write a tile-set variant in. */
export type VariantCrs = (typeof VARIANT_CRS_VALUES)[number];

/** Folder (inside the output folder) of each variant. */
export const VARIANT_FOLDERS: Readonly<Record<VariantCrs, string>> = { 'GCJ-02': 'gcj02' };

/**
 * Reads the `--display-crs` value: CRS names separated by commas, case and hyphen free
 * (`GCJ-02`, `gcj02`). WGS84 (and CGCS2000, drawn as WGS84) needs no variant and is dropped.
 * Returns null for a name it does not know.
 */
export function parseDisplayCrs(text: string): VariantCrs[] | null {
  const out: VariantCrs[] = [];
  for (const part of text.split(',')) {
    const key = part
      .trim()
      .toUpperCase()
      .replace(/[-_\s]/g, '');
    if (key === 'WGS84' || key === 'CGCS2000') continue;
    const crs = VARIANT_CRS_VALUES.find((c) => c.replace('-', '') === key);
    if (!crs) return null;
    if (!out.includes(crs)) out.push(crs);
  }
  return out;
}

/**
 * The points moved into `crs`. Priorities and properties are the original's, read when the
 * tiler asks, so computed-on-demand properties are not built twice over for the whole dataset.
 */
export function shiftPoints(input: TilePoints, crs: VariantCrs): PointSource {
  const points = pointSource(input);
  const lng = new Float64Array(points.count);
  const lat = new Float64Array(points.count);
  for (let i = 0; i < points.count; i++) [lng[i], lat[i]] = toDisplayCrs(crs, [points.lng(i), points.lat(i)]);
  return {
    count: points.count,
    lng: (i) => lng[i]!,
    lat: (i) => lat[i]!,
    ...(points.priority ? { priority: points.priority } : {}),
    properties: points.properties,
    ...(points.eachProperty ? { eachProperty: points.eachProperty } : {}),
  };
}

/** A flat `[lng0, lat0, lng1, lat1, …]` array (the walking graph's nodes) moved into `crs`. */
export function shiftCoordinates(coords: Float64Array, crs: VariantCrs): Float64Array {
  const out = new Float64Array(coords.length);
  for (let i = 0; i + 1 < coords.length; i += 2) {
    const [lng, lat] = toDisplayCrs(crs, [coords[i]!, coords[i + 1]!]);
    out[i] = lng;
    out[i + 1] = lat;
  }
  return out;
}

/** Copies of the features with their geometry moved into `crs` (properties shared, not copied). */
export function shiftFeatures<F extends Feature<Geometry | null>>(
  features: readonly F[],
  crs: VariantCrs,
): F[] {
  return features.map((f) => (f.geometry ? { ...f, geometry: geometryToDisplayCrs(crs, f.geometry) } : f));
}

/** What one tile set is made from: the WGS84 input and the tiler's options. */
export interface PointLayerInput {
  points: PointSource;
  options: PointTileOptions;
}

/** Polygon counterpart of `PointLayerInput`. */
export interface PolygonLayerInput {
  features: readonly Feature<Geometry>[];
  options: PolygonTileOptions;
}

/** The build's tile inputs, exactly as it tiled them in WGS84. */
export interface DisplayCrsInputs {
  communities: PointLayerInput;
  /** Community footprints, written as a second layer of the communities archive. */
  footprints?: PolygonLayerInput | undefined;
  amenities?: PointLayerInput | undefined;
  boundaries?: PolygonLayerInput | undefined;
}

/** Writes one archive; the build's own `archive` helper (name without .pmtiles). */
export type ArchiveWriter = (
  name: string,
  minZoom: number,
  bounds: Bbox | null,
  sets: TileSet[],
) => Promise<void>;

/** A manifest entry of a tile set. */
export interface VariantLayerRef {
  url: string;
  layer: string;
  minzoom: number;
  maxzoom: number;
  crs: VariantCrs;
}

/**
 * Tiles every input again with positions in `crs` and writes the archives into the variant's
 * folder. `merge` adds one tile set's layers to another's tiles (the build's footprint merge).
 * Returns the manifest's `display_layers[crs]` entry.
 */
export async function writeDisplayCrsTiles(
  crs: VariantCrs,
  inputs: DisplayCrsInputs,
  archive: ArchiveWriter,
  merge: (base: Map<number, Uint8Array>, extra: Map<number, Uint8Array>) => void,
): Promise<Record<string, VariantLayerRef>> {
  const dir = VARIANT_FOLDERS[crs];
  const refs: Record<string, VariantLayerRef> = {};
  const ref = (file: string, o: { layer: string; minZoom?: number; maxZoom?: number }): VariantLayerRef => ({
    url: `${dir}/${file}.pmtiles`,
    layer: o.layer,
    minzoom: o.minZoom ?? 0,
    maxzoom: o.maxZoom ?? 14,
    crs,
  });

  const communities = shiftPoints(inputs.communities.points, crs);
  const communityBbox = sourceBbox(communities);
  const communityTiles = tilePoints(communities, inputs.communities.options);
  const sets = [communityTiles];
  if (inputs.footprints?.features.length) {
    const footprints = tilePolygons(
      shiftFeatures(inputs.footprints.features, crs),
      inputs.footprints.options,
    );
    merge(communityTiles.tiles, footprints.tiles);
    sets.push(footprints);
    refs.footprints = ref('communities', inputs.footprints.options);
  }
  await archive(`${dir}/communities`, inputs.communities.options.minZoom ?? 0, communityBbox, sets);
  refs.communities = ref('communities', inputs.communities.options);

  if (inputs.amenities?.points.count) {
    const amenities = shiftPoints(inputs.amenities.points, crs);
    const tiles = tilePoints(amenities, inputs.amenities.options);
    await archive(`${dir}/amenities`, inputs.amenities.options.minZoom ?? 0, sourceBbox(amenities), [tiles]);
    refs.amenities = ref('amenities', inputs.amenities.options);
  }
  if (inputs.boundaries?.features.length) {
    const tiles = tilePolygons(shiftFeatures(inputs.boundaries.features, crs), inputs.boundaries.options);
    await archive(`${dir}/boundaries`, inputs.boundaries.options.minZoom ?? 0, communityBbox, [tiles]);
    refs.boundaries = ref('boundaries', inputs.boundaries.options);
  }
  // Manifest order as in `layers`: communities first.
  const { communities: c, ...rest } = refs;
  return { communities: c!, ...rest };
}

function sourceBbox(points: PointSource): Bbox | null {
  return bboxOf(
    points.count,
    (i) => points.lng(i),
    (i) => points.lat(i),
  );
}
