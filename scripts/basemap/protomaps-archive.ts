/**
 * Checks that a file a `pmtiles` basemap names is what the site can draw: a PMTiles v3 archive
 * of vector tiles in the Protomaps basemap schema (the layers @protomaps/basemaps styles). Pure:
 * it judges bytes the caller read (read-pmtiles-head.ts), and says what is wrong in words a
 * deployer can act on.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { bytesToHeader, Compression, TileType, type Header } from 'pmtiles';

/** Bytes of a PMTiles v3 header. */
export const PMTILES_HEADER_BYTES = 127;

/**
 * Layers an extract must list in its metadata to be drawn by the Protomaps style: without land
 * and streets there is no basemap; the other layers (water, buildings, places …) may be cut.
 */
export const PROTOMAPS_REQUIRED_LAYERS = ['earth', 'roads'] as const;

/** What a deployer is told to do when the file is not a Protomaps extract. */
const HOW_TO_CUT =
  'cut one from a Protomaps basemap build with `pmtiles extract` (see README, Offline vector basemap)';

const TILE_TYPES: Record<number, string> = {
  [TileType.Png]: 'PNG',
  [TileType.Jpeg]: 'JPEG',
  [TileType.Webp]: 'WebP',
  [TileType.Avif]: 'AVIF',
  [TileType.Mlt]: 'MapLibre Tile (MLT)',
};

/** A header that passed, or the reason it did not. */
export type HeaderCheck = { header: Header } | { problem: string };

/**
 * Reads the first bytes of a file (at least `PMTILES_HEADER_BYTES` when the file has them) and
 * the file's size: a PMTiles v3 archive of vector tiles, complete?
 */
export function checkPmtilesHeader(head: Uint8Array, fileBytes: number): HeaderCheck {
  const magic = new TextDecoder('latin1').decode(head.subarray(0, 7));
  if (head.length < PMTILES_HEADER_BYTES || magic !== 'PMTiles')
    return { problem: `is not a PMTiles archive (it does not start with "PMTiles"); ${HOW_TO_CUT}` };
  const version = head[7];
  if (version !== 3)
    return {
      problem: `is PMTiles version ${version}; the site reads version 3 (\`pmtiles convert\` rewrites an older archive)`,
    };
  const copy = head.slice(0, PMTILES_HEADER_BYTES);
  const header = bytesToHeader(copy.buffer);
  if (header.tileType !== TileType.Mvt)
    return {
      problem: `holds ${TILE_TYPES[header.tileType] ?? 'unknown'} tiles; a vector basemap needs vector tiles (MVT); ${HOW_TO_CUT}`,
    };
  const end = Math.max(
    header.tileDataOffset + (header.tileDataLength ?? 0),
    header.jsonMetadataOffset + header.jsonMetadataLength,
    header.rootDirectoryOffset + header.rootDirectoryLength,
  );
  if (end > fileBytes)
    return {
      problem: `is truncated: its header needs ${end} bytes, the file has ${fileBytes} (an interrupted download or copy?)`,
    };
  return { header };
}

/** The archive's JSON metadata from its stored bytes, or the reason it cannot be read. */
export function decodeMetadata(
  bytes: Uint8Array,
  compression: Compression,
): { json: unknown } | { problem: string } {
  let text: string;
  try {
    const raw =
      compression === Compression.Gzip
        ? gunzipSync(bytes)
        : compression === Compression.Brotli
          ? brotliDecompressSync(bytes)
          : compression === Compression.None
            ? bytes
            : null;
    if (!raw)
      return {
        problem: `compresses its metadata with ${compression === Compression.Zstd ? 'zstd' : 'an unknown method'}, which this build cannot read; extract it again with gzip (the pmtiles default)`,
      };
    text = new TextDecoder().decode(raw);
  } catch (e) {
    return { problem: `has metadata that does not decompress (${(e as Error).message})` };
  }
  try {
    return { json: JSON.parse(text) };
  } catch (e) {
    return { problem: `has metadata that is not JSON (${(e as Error).message})` };
  }
}

/** Null when the metadata lists the Protomaps schema's layers, else what is missing. */
export function protomapsSchemaProblem(metadata: unknown): string | null {
  const layers =
    typeof metadata === 'object' && metadata !== null && 'vector_layers' in metadata
      ? (metadata as { vector_layers: unknown }).vector_layers
      : undefined;
  if (!Array.isArray(layers))
    return `is not in the Protomaps basemap schema: its metadata lists no vector_layers; ${HOW_TO_CUT}`;
  const ids = layers.map((l) =>
    typeof l === 'object' && l !== null ? (l as { id?: unknown }).id : undefined,
  );
  const missing = PROTOMAPS_REQUIRED_LAYERS.filter((id) => !ids.includes(id));
  if (!missing.length) return null;
  const listed = ids.filter((id): id is string => typeof id === 'string');
  return (
    `is not in the Protomaps basemap schema: it has no ${missing.join(' or ')} layer ` +
    `(its vector_layers: ${listed.length ? listed.join(', ') : 'none'}); ${HOW_TO_CUT}`
  );
}
