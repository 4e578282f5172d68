/** What every tiler in this folder returns, ready for `writePmtiles` and the build manifest. */

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
