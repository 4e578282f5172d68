import { layoutPmtiles, type PmtilesHeaderInput, type TileSource } from '../tiles/pmtiles-writer';
import { TileSpool } from '../tiles/tile-spool';
import type { OutputWriter } from './output-writer';

/**
 * Writes one PMTiles archive through `out`, piece by piece from `tiles` (on disk when spooled),
 * then closes every spool among `release`, the write failed or not: a spool's temporary file is
 * the size of its archive and must not wait for the garbage collector.
 */
export async function writeArchive(
  out: OutputWriter,
  file: string,
  tiles: TileSource,
  header: PmtilesHeaderInput,
  metadata: object,
  release: Iterable<unknown> = [tiles],
): Promise<void> {
  try {
    await out.writePieces(file, layoutPmtiles(tiles, header, metadata).pieces());
  } finally {
    for (const held of release) if (held instanceof TileSpool) held.close();
  }
}
