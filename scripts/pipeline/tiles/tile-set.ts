/** What every tiler in this folder returns, ready for `writePmtiles` and the build manifest. */
import { toMvtValue } from './mvt-encode';

/** Counts for the manifest and for tests. */
export interface TileSetStats {
  /** Tiles written. */
  tiles: number;
  /** Sum of the gzipped tile sizes. */
  bytes: number;
  /** Features written per zoom (a polygon cut by tile edges counts once per tile). */
  featuresPerZoom: Record<number, number>;
  /** Input features with no feature of their own at that zoom. */
  dropped: Record<number, number>;
}

/** TileJSON `vector_layers` entry describing one layer, as tippecanoe writes it. */
export interface VectorLayer {
  id: string;
  minzoom: number;
  maxzoom: number;
  fields: Record<string, 'String' | 'Number' | 'Boolean' | 'Mixed'>;
}

/** Tiles keyed by PMTiles tile id, each a gzip-compressed MVT. */
export interface TileSet {
  tiles: Map<number, Uint8Array>;
  stats: TileSetStats;
  vectorLayer: VectorLayer;
}

const STRING = 1;
const NUMBER = 2;
const BOOLEAN = 4;

/** A bit for the type of an MVT value; OR them per property and pass the result to `fieldType`. */
export function typeBit(value: string | number | boolean): number {
  return typeof value === 'string' ? STRING : typeof value === 'number' ? NUMBER : BOOLEAN;
}

/** The `vector_layers` field type for the OR of the `typeBit`s a property took. */
export function fieldType(bits: number): VectorLayer['fields'][string] {
  return bits === STRING ? 'String' : bits === NUMBER ? 'Number' : bits === BOOLEAN ? 'Boolean' : 'Mixed';
}

/**
 * The `vector_layers` fields of a layer: each property any feature carries, typed by the values it
 * took (`fieldType`). Values MVT cannot hold are left out, as the encoder leaves them out.
 */
export function fieldsOf(
  features: readonly { properties: Readonly<Record<string, unknown>> | null }[],
): VectorLayer['fields'] {
  return fieldsOfEach(features.length, (i, sink) => {
    const properties = features[i]!.properties;
    if (properties) for (const key in properties) sink(key, properties[key]);
  });
}

/**
 * `fieldsOf` for features whose properties are handed over pair by pair (`LineSource`,
 * `PointSource.eachProperty`) rather than held as objects.
 */
export function fieldsOfEach(
  count: number,
  eachProperty: (i: number, sink: (key: string, value: unknown) => void) => void,
): VectorLayer['fields'] {
  const bits = new Map<string, number>();
  const sink = (key: string, raw: unknown) => {
    const value = toMvtValue(raw);
    if (value !== undefined) bits.set(key, (bits.get(key) ?? 0) | typeBit(value));
  };
  for (let i = 0; i < count; i++) eachProperty(i, sink);
  return Object.fromEntries([...bits].map(([key, b]) => [key, fieldType(b)]));
}

/**
 * Which zooms each feature has a piece at, one bit per zoom (zooms 0–24, the deepest any tiler
 * takes, fit in 32): a flag byte per feature and zoom took 22 MB for a national street network.
 */
export class ZoomPresence {
  private readonly bits: Uint32Array;

  constructor(readonly count: number) {
    this.bits = new Uint32Array(count);
  }

  /** Feature `feature` has a piece at zoom `z`. */
  mark(feature: number, z: number): void {
    this.bits[feature] = this.bits[feature]! | (1 << z);
  }

  /** Features left out of each zoom from `minZoom` to `maxZoom`. */
  droppedPerZoom(minZoom: number, maxZoom: number): Record<number, number> {
    const dropped: Record<number, number> = {};
    for (let z = minZoom; z <= maxZoom; z++) {
      const bit = 1 << z;
      let shown = 0;
      for (let i = 0; i < this.count; i++) if (this.bits[i]! & bit) shown++;
      dropped[z] = this.count - shown;
    }
    return dropped;
  }
}

/**
 * The zoom range a tiler was given, defaulting to 0–14. Throws naming `tiler` for a `maxZoom`
 * that is not an integer from 0 to `limit` and a `minZoom` that is not one from 0 to `maxZoom`.
 */
export function zoomRange(
  tiler: string,
  opts: { minZoom?: number; maxZoom?: number },
  limit: number,
): { minZoom: number; maxZoom: number } {
  const minZoom = opts.minZoom ?? 0;
  const maxZoom = opts.maxZoom ?? 14;
  if (!Number.isInteger(maxZoom) || maxZoom < 0 || maxZoom > limit)
    throw new Error(`${tiler} maxZoom must be an integer from 0 to ${limit}, got ${maxZoom}`);
  if (!Number.isInteger(minZoom) || minZoom < 0 || minZoom > maxZoom)
    throw new Error(`${tiler} minZoom must be an integer from 0 to maxZoom (${maxZoom}), got ${minZoom}`);
  return { minZoom, maxZoom };
}
