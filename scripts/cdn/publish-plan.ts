/**
 * What to upload to a bucket or CDN, in which order and with which Cache-Control, and what a
 * later clean-up may delete (docs/deploy-cdn.md). Pure: the entry script (scripts/publish-plan.ts)
 * reads the manifests and prints the plan.
 */
import { MANIFEST_FILE, storedPath, type DataFileEntry } from '../../src/contracts/data-files';

/** Cache-Control of a content-hashed data file: it never changes, so for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of the manifest: always revalidated, since it alone names the current files. */
export const REVALIDATE = 'no-cache';

/** One file to upload, relative to the data folder, with the Cache-Control to give it. */
export interface Upload {
  path: string;
  cacheControl: string;
}

/**
 * The upload order for one build: every data file (sorted, by its stored name) first, the
 * manifest last, so that a reader never gets a manifest naming a file not there yet. Throws
 * when a file has no content-hashed name: overwriting a plain name in a cached bucket would mix
 * two builds for whoever holds the old one (build the data with --hash-names).
 */
export function uploadOrder(files: readonly DataFileEntry[]): Upload[] {
  const plain = files.filter((f) => !f.hashed_path).map((f) => f.path);
  if (plain.length)
    throw new Error(
      `${plain.join(', ')} ${plain.length === 1 ? 'has' : 'have'} no content-hashed name: build the data with --hash-names before uploading it to a CDN`,
    );
  return [
    ...files
      .map((f) => f.hashed_path!)
      .sort()
      .map((path) => ({ path, cacheControl: IMMUTABLE })),
    { path: MANIFEST_FILE, cacheControl: REVALIDATE },
  ];
}

/**
 * Files of the bucket's data folder (`stored`, relative paths) that no manifest in `keep` lists:
 * what a clean-up may delete once the older manifests have expired from every cache. Pass the
 * current manifest's files and the previous one or two (open pages, rollback). The manifest
 * itself is never in the result.
 */
export function obsoleteFiles(
  stored: readonly string[],
  keep: readonly (readonly DataFileEntry[])[],
): string[] {
  const listed = new Set(keep.flatMap((files) => files.map(storedPath)));
  return stored.filter((path) => path !== MANIFEST_FILE && !listed.has(path)).sort();
}
