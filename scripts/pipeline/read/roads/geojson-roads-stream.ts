/**
 * Reads a GeoJSON road file feature by feature from disk (`FeatureSplitter`), so a network larger
 * than V8's longest string (ten times the national ledger's synthetic roads are 755 MB) is read
 * with memory for the lines it gives, not for its text or its parsed tree. Each feature goes
 * through the same `GeoJsonRoadCollector` as a parsed file, so lines, counts and rejects are the
 * same either way.
 *
 * A `crs` member usually comes before `features`; when it comes after, the lines already made
 * assumed WGS84 (or `--roads-crs`), so the file is read a second time in the declared system.
 * A file the splitter cannot read (not UTF-8: GBK or UTF-16, or not valid JSON) is read whole
 * as before when it is small enough, so it is decoded as every JSON input is and its error names
 * the line and column as theirs do; a larger one is refused with the streaming reader's reason.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { InputError } from '../../table';
import { openFailure, readInputFile } from '../input-file';
import { geoJsonFeatures, MAX_JSON_BYTES, parseJsonInput } from '../json-input';
import {
  FeatureSplitter,
  JsonStreamError,
  LineCounter,
  NotUtf8Error,
  RootNotObjectError,
} from '../json-feature-splitter';
import { formatBytes } from '../zip-guard';
import {
  GeoJsonRoadCollector,
  geoJsonRoadsSystem,
  readGeoJsonRoads,
  type GeoJsonRoadsOptions,
} from './geojson-roads';
import type { RoadsContent } from './road-types';

/** Options of `streamGeoJsonRoads`. */
export interface StreamGeoJsonRoadsOptions extends GeoJsonRoadsOptions {
  /** Bytes per read (default 4 MiB: few reads, little memory). */
  chunkBytes?: number;
  /**
   * Largest file that is read whole when streaming fails on it (default `MAX_JSON_BYTES`, the
   * most that can be; tests lower it to see the streaming reader's own errors).
   */
  wholeFileLimit?: number;
}

const CHUNK_BYTES = 4 * 2 ** 20;

/** Calls `each` with successive chunks of the file until it returns true or the file ends. */
async function readChunks(
  file: string,
  chunkBytes: number,
  each: (chunk: Uint8Array) => boolean | void,
): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw openFailure(file, error);
  }
  try {
    const buffer = new Uint8Array(chunkBytes);
    for (;;) {
      let got: number;
      try {
        got = (await handle.read(buffer, 0, chunkBytes, null)).bytesRead;
      } catch (error) {
        throw openFailure(file, error);
      }
      if (got === 0 || each(buffer.subarray(0, got)) === true) return;
    }
  } finally {
    await handle.close();
  }
}

/** The file's size in bytes once read through (for the size checks of a failure). */
async function fileSize(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** The 1-based line and column of byte `offset` of `file`, counted by reading up to it. */
async function lineAndColumnAt(file: string, offset: number): Promise<{ line: number; column: number }> {
  const counter = new LineCounter(offset);
  await readChunks(file, CHUNK_BYTES, (chunk) => counter.push(chunk));
  return counter.at;
}

/** Why a stream failed, or undefined when the reason is not one the stream reports. */
type StreamFailure = JsonStreamError | NotUtf8Error | RootNotObjectError;

const isStreamFailure = (error: unknown): error is StreamFailure =>
  error instanceof JsonStreamError || error instanceof NotUtf8Error || error instanceof RootNotObjectError;

/**
 * One pass over the file. `crs` is the `crs` member when a first pass found it after the features
 * (`{ value }`), undefined on a first pass. Returns the content, or `{ crsAfter }` when the `crs`
 * member came after the features and a second pass is needed.
 */
async function streamPass(
  file: string,
  options: StreamGeoJsonRoadsOptions,
  crs: { value: unknown } | undefined,
): Promise<RoadsContent | { crsAfter: unknown }> {
  // Every top-level member but the features array (small in any real file: type, crs, name, bbox).
  const root: Record<string, unknown> = {};
  let collector: GeoJsonRoadCollector | undefined;
  let crsBeforeFeatures = false;
  const splitter = new FeatureSplitter({
    member(key, value) {
      root[key] = value;
    },
    featuresStart() {
      if (collector) {
        throw new InputError(`${file}: two "features" members: a FeatureCollection has one`, file);
      }
      crsBeforeFeatures = 'crs' in root;
      const declared = crs ? crs.value : root.crs;
      collector = new GeoJsonRoadCollector(geoJsonRoadsSystem(file, declared, options));
    },
    feature(value) {
      collector!.add(value);
    },
  });
  await readChunks(file, options.chunkBytes ?? CHUNK_BYTES, (chunk) => splitter.push(chunk));
  splitter.end();

  if (root.type === 'FeatureCollection' && collector) {
    if (crs === undefined && 'crs' in root && !crsBeforeFeatures) return { crsAfter: root.crs };
    return collector.content();
  }
  // A single Feature, or not GeoJSON features: what a parsed file gives (or the error it throws).
  if (root.type === 'Feature') return readGeoJsonRoads(file, root, options);
  geoJsonFeatures(file, root, true);
  // geoJsonFeatures accepted a FeatureCollection whose features array the splitter did not see.
  throw new InputError(`${file}: expected a GeoJSON FeatureCollection with a "features" array`, file);
}

/** The InputError for a file larger than a string that the stream could not read. */
async function streamFailure(file: string, failure: StreamFailure, size: number): Promise<InputError> {
  if (failure instanceof RootNotObjectError) {
    return new InputError(
      `${file}: expected a GeoJSON FeatureCollection or Feature, found ${failure.found}`,
      file,
    );
  }
  const { line, column } = await lineAndColumnAt(file, failure.offset);
  if (failure instanceof NotUtf8Error) {
    return new InputError(
      `${file}: not UTF-8 text in the value starting at line ${line} column ${column} (byte ${failure.offset}): ` +
        `a GeoJSON file over ${formatBytes(MAX_JSON_BYTES)} (this one is ${formatBytes(size)}) is read as UTF-8 only; save it as UTF-8`,
      file,
    );
  }
  return new InputError(
    `${file}: not valid JSON at line ${line} column ${column} (byte ${failure.offset}): ${failure.reason}`,
    file,
  );
}

/**
 * Reads the roads of a GeoJSON file (a FeatureCollection, or one Feature) by streaming it. Lines,
 * counts and rejects are those of `readGeoJsonRoads` on the parsed file. Throws InputError naming
 * the file when it cannot be read, is not JSON (with the line, column and byte), is not GeoJSON
 * features, or declares a CRS that is not converted or contradicts `--roads-crs`.
 */
export async function streamGeoJsonRoads(
  file: string,
  options: StreamGeoJsonRoadsOptions = {},
): Promise<RoadsContent> {
  try {
    const first = await streamPass(file, options, undefined);
    if (!('crsAfter' in first)) return first;
    const second = await streamPass(file, options, { value: first.crsAfter });
    if ('crsAfter' in second) throw new Error('unreachable: a second pass knows the crs member');
    return second;
  } catch (error) {
    if (!isStreamFailure(error)) throw error;
    const size = await fileSize(file);
    if (size <= (options.wholeFileLimit ?? MAX_JSON_BYTES)) {
      // Not UTF-8 (GBK, UTF-16) or not JSON: decoded and reported as every JSON input is.
      return readGeoJsonRoads(file, parseJsonInput(file, await readInputFile(file)), options);
    }
    throw await streamFailure(file, error, size);
  }
}
