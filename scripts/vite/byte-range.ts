/**
 * HTTP byte ranges for the dev server's vector basemap archives: pmtiles reads an archive with
 * `Range: bytes=a-b` requests, so the dev server must answer them as `serve.mjs` does in a build.
 */

/** A range to send (`start`–`end` inclusive), the whole file (`null`), or a range the file cannot satisfy (416). */
export type ByteRange = { start: number; end: number } | null | 'unsatisfiable';

/**
 * The single range a `Range` header asks of a file of `size` bytes. No header, another unit or
 * several ranges at once get the whole file (as RFC 9110 allows and serve.mjs does).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (!m[1] && !m[2])) return null;
  if (!m[1]) {
    // `bytes=-n`: the last n bytes.
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
