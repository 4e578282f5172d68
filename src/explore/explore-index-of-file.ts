/**
 * The explore index of the build's logical columns (src/contracts/explore-encode.ts), through the
 * binary parts exactly as the site gets them: for tests and tools that start from records, kept
 * apart from ./explore-index.ts so the site's bundle does not carry the writer.
 */
import { ExploreBinaryError } from '../contracts/explore-binary';
import { encodeExploreParts } from '../contracts/explore-binary-write';
import type { ExploreFile } from '../contracts/explore-format';
import { ExploreIndexError, indexOfParts, type ExploreIndex } from './explore-index';

/** Throws ExploreIndexError when the columns are malformed. */
export function decodeExploreIndex(file: unknown): ExploreIndex {
  try {
    const parts = encodeExploreParts(file as ExploreFile);
    return indexOfParts(parts.core.buffer as ArrayBuffer, {
      figures: parts.figures.buffer as ArrayBuffer,
      details: parts.details.buffer as ArrayBuffer,
    });
  } catch (e) {
    if (e instanceof ExploreBinaryError) throw new ExploreIndexError(e.message);
    throw e;
  }
}
