/**
 * Content-hashed file names. With them every data file but manifest.json is named by its bytes
 * (`communities.3f9a1c2b7d.pmtiles`, `aggregates/h3-r7.0be41c93aa.json`), so a CDN can cache it
 * for a year: a new build writes new names and never mixes with a cached old file, and only the
 * short-lived manifest says which names are current (docs/deploy-cdn.md).
 */

/** Hex digits of the SHA-256 in a name: 40 bits, ample to tell one file's builds apart. */
export const NAME_HASH_DIGITS = 10;

const HEX = /^[0-9a-f]+$/;

/**
 * `path` with the first `NAME_HASH_DIGITS` of `sha256` before its extension
 * (`aggregates/h3-r7.json` → `aggregates/h3-r7.<hash>.json`); a name without an extension gets
 * the hash at its end. Folders are kept, so the layout stays readable.
 */
export function hashedPath(path: string, sha256: string): string {
  if (sha256.length < NAME_HASH_DIGITS || !HEX.test(sha256))
    throw new Error(`cannot name ${path} by its content: "${sha256}" is not a SHA-256 hex digest`);
  const hash = sha256.slice(0, NAME_HASH_DIGITS);
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  // A dot at the start of the base name (".hidden") is not an extension.
  return dot > slash + 1 ? `${path.slice(0, dot)}.${hash}${path.slice(dot)}` : `${path}.${hash}`;
}
