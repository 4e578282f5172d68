/**
 * What pmtiles' source imports as fflate in the site build (pmtiles-source.ts): the same
 * `decompressSync`, loaded on first use. pmtiles calls it only where DecompressionStream is
 * missing, and from inside an async function whose result it awaits, so a promise of the bytes
 * serves it as the bytes would; the other browsers never fetch fflate.
 */

/** fflate's `decompressSync` (gzip, zlib or raw deflate), from a chunk loaded on first call. */
export function decompressSync(data: Uint8Array): Promise<Uint8Array> {
  return import('fflate').then((fflate) => fflate.decompressSync(data));
}
