/**
 * The manifest's list of the files of one build (`files` in manifest.json): written by the data
 * build (scripts/pipeline/build.ts), checked by the site (src/lib/data-integrity.ts) so that a
 * data folder mixing two builds' files is refused instead of drawn. One type for both sides.
 */

/** One file of the data folder: every file but manifest.json itself is listed. */
export interface DataFileEntry {
  /** Path relative to the data folder, `/`-separated (`aggregates/h3-r5.json`). */
  path: string;
  /** Size in bytes, as served (the site compares the decoded body). */
  bytes: number;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
  /**
   * Where the file really is, relative to the data folder, when the build named it by its
   * content (`communities.3f9a1c2b7d.pmtiles`, scripts/pipeline/output/hashed-names.ts): a CDN
   * may then cache it for a year. `path` stays the stable key the rest of the manifest uses;
   * absent, the file is stored under `path` itself.
   */
  hashed_path?: string;
}

/** The name of the manifest in the data folder; the one file `files` cannot list. */
export const MANIFEST_FILE = 'manifest.json';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const SAFE_PATH = /^[A-Za-z0-9_-][A-Za-z0-9_./-]*$/;

/** Where the file of `entry` is, relative to the data folder: its content-hashed name when it has one. */
export function storedPath(entry: DataFileEntry): string {
  return entry.hashed_path ?? entry.path;
}

/**
 * Reads a manifest's `files` value. Returns null when it is absent (a build older than the list)
 * and throws with the offending index when it is present but malformed: a list the site cannot
 * read must not silently turn the check off.
 */
export function parseDataFiles(value: unknown): DataFileEntry[] | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) throw new TypeError('files is not an array');
  return value.map((item: unknown, i) => {
    const e = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof e.path !== 'string' || !e.path) throw new TypeError(`files[${i}].path is missing`);
    if (typeof e.bytes !== 'number' || !Number.isInteger(e.bytes) || e.bytes < 0)
      throw new TypeError(`files[${i}].bytes is not a byte count`);
    if (typeof e.sha256 !== 'string' || !SHA256_HEX.test(e.sha256))
      throw new TypeError(`files[${i}].sha256 is not a SHA-256 hex digest`);
    if (e.hashed_path === undefined) return { path: e.path, bytes: e.bytes, sha256: e.sha256 };
    // A data path, never a way out of the data folder or to another host.
    if (typeof e.hashed_path !== 'string' || !SAFE_PATH.test(e.hashed_path) || e.hashed_path.includes('..'))
      throw new TypeError(`files[${i}].hashed_path is not a relative path in the data folder`);
    return { path: e.path, bytes: e.bytes, sha256: e.sha256, hashed_path: e.hashed_path };
  });
}
