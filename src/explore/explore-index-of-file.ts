/**
 * The explore index of the build's logical columns (src/contracts/explore-encode.ts), through the
 * binary parts exactly as the site gets them: for tests and tools that start from records, kept
 * apart from ./explore-index.ts so the site's bundle does not carry the writer.
 */
import { ExploreBinaryError } from '../contracts/explore-binary';
import { decodeCorePart, decodeDetailsPart, decodeFiguresPart } from '../contracts/explore-binary-read';
import { encodeExploreParts } from '../contracts/explore-binary-write';
import type { ExploreFile } from '../contracts/explore-format';
import { DERIVE_RULES } from './derive-rules';
import { deriveColumns, deriveFigures } from './explore-columns';
import { ExploreIndex, ExploreIndexError } from './explore-index';

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

/** The explore index of a core part's bytes, with the figures and details parts' when given. */
export function indexOfParts(
  core: ArrayBuffer,
  { figures, details }: { figures?: ArrayBuffer; details?: ArrayBuffer } = {},
): ExploreIndex {
  const columns = decodeCorePart(core);
  const decodedFigures = figures ? decodeFiguresPart(figures, columns.count) : null;
  return new ExploreIndex(
    columns,
    deriveColumns(columns, DERIVE_RULES),
    details ? decodeDetailsPart(details, columns.count) : null,
    decodedFigures ? { figures: decodedFigures, derived: deriveFigures(decodedFigures, DERIVE_RULES) } : null,
  );
}
