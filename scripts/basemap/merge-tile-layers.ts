/**
 * Puts several single-layer tile sets into one archive's tiles. An MVT tile is a protobuf
 * message whose layers are a repeated field, and protobuf reads two messages written one after
 * the other as one message with both lists: so the layers of a tile are merged by concatenating
 * the tiles' bytes, with no re-encoding of their geometry.
 */
import { gunzipSync } from 'node:zlib';
import { gzip, isGzip } from '../pipeline/tiles/gzip';

/**
 * One gzipped MVT tile per tile id holding the layers of every set that has that tile, in the
 * order of `sets` (drawing order does not depend on it; the style orders layers). Each input
 * tile must be a gzipped MVT, as the tilers write them.
 */
export function mergeTileLayers(
  sets: readonly ReadonlyMap<number, Uint8Array>[],
  gzipLevel = 6,
): Map<number, Uint8Array> {
  const parts = new Map<number, Uint8Array[]>();
  for (const set of sets)
    for (const [id, bytes] of set) {
      if (!isGzip(bytes)) throw new Error(`mergeTileLayers: tile ${id} is not gzip-compressed`);
      const list = parts.get(id);
      if (list) list.push(bytes);
      else parts.set(id, [bytes]);
    }
  const merged = new Map<number, Uint8Array>();
  for (const id of [...parts.keys()].sort((a, b) => a - b)) {
    const list = parts.get(id)!;
    // A tile only one set has is passed on as it is: no need to unzip and zip it again.
    if (list.length === 1) {
      merged.set(id, list[0]!);
      continue;
    }
    const raw = list.map((bytes) => gunzipSync(bytes));
    const joined = new Uint8Array(raw.reduce((n, r) => n + r.length, 0));
    let offset = 0;
    for (const r of raw) {
      joined.set(r, offset);
      offset += r.length;
    }
    merged.set(id, gzip(joined, gzipLevel));
  }
  return merged;
}
