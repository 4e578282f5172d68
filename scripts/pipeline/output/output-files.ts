/**
 * The manifest's `files` list on the build's side: digests of what is written, the build id
 * derived from them, and the check, run on the staged folder before it is swapped in, that the
 * folder holds exactly the files the manifest lists with exactly their sizes and hashes.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MANIFEST_FILE,
  parseDataFiles,
  storedPath,
  type DataFileEntry,
} from '../../../src/contracts/data-files';
import { hashedPath } from './hashed-names';

/** Size and SHA-256 of data about to be written (a string is written as UTF-8). */
export function digestOf(path: string, data: string | Uint8Array): DataFileEntry {
  return {
    path,
    bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

/**
 * Digest of a file written in pieces (the streamed GeoJSON): `add` every piece as it is
 * written, then `finish`. Strings are counted as UTF-8, as they are written.
 */
export class StreamDigest {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(private readonly path: string) {}

  /** Adds the next piece. */
  add(piece: string | Uint8Array): void {
    this.hash.update(piece);
    this.bytes += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.byteLength;
  }

  /** The file's entry; call once, after the last piece. */
  finish(): DataFileEntry {
    return { path: this.path, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** Bytes read at a time by `digestFile`. */
const DIGEST_READ_BYTES = 1 << 20;

/**
 * Size and SHA-256 of a file on disk, read piece by piece into one buffer (a national GeoJSON is
 * hundreds of MB; a read stream's fresh 64 KB chunk per read left that much native memory to the
 * garbage collector to free).
 */
export async function digestFile(file: string, path: string): Promise<DataFileEntry> {
  const digest = new StreamDigest(path);
  const buffer = Buffer.allocUnsafe(DIGEST_READ_BYTES);
  const handle = await open(file, 'r');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      digest.add(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return digest.finish();
}

/** Every file under `dir`, as sorted `/`-separated relative paths (folders themselves not listed). */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), `${rel}/`)));
    else out.push(rel);
  }
  return out.sort();
}

/** The manifest's `files`: sorted by path, so the list (and the build id) does not depend on write order. */
export function sortedEntries(entries: readonly DataFileEntry[]): DataFileEntry[] {
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The manifest's `build_id`: 16 hex digits of a hash over the build time and the file list.
 * Derived, not random, so a build with a fixed `buildTime` (golden tests) is reproducible,
 * while two real builds differ by their time even when their data is the same.
 */
export function buildIdOf(buildTime: string, files: readonly DataFileEntry[]): string {
  const hash = createHash('sha256').update(buildTime);
  for (const f of files) hash.update(`\n${f.path}\0${f.bytes}\0${f.sha256}`);
  return hash.digest('hex').slice(0, 16);
}

/** The written folder does not match its manifest; the build must not swap it in. */
export class OutputMismatchError extends Error {
  override name = 'OutputMismatchError';
}

/**
 * Checks the folder `dir` against its own manifest.json: every listed file is there (under its
 * `hashed_path` when it has one, which must be the name its content gives) with the listed size
 * and SHA-256 (re-read from disk, not taken from what the build meant to write) and nothing else
 * is there. Throws OutputMismatchError naming each difference.
 */
export async function verifyOutput(dir: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as { files?: unknown };
  const listed = parseDataFiles(manifest.files);
  if (!listed) throw new OutputMismatchError(`${MANIFEST_FILE} in ${dir} lists no files`);
  const problems: string[] = [];
  const present = new Set(await listFiles(dir));
  present.delete(MANIFEST_FILE);
  for (const entry of listed) {
    const stored = storedPath(entry);
    if (entry.hashed_path !== undefined && entry.hashed_path !== hashedPath(entry.path, entry.sha256))
      problems.push(`${entry.path}: listed as ${entry.hashed_path}, not the name its SHA-256 gives`);
    if (!present.delete(stored)) {
      problems.push(`${stored}: listed but missing`);
      continue;
    }
    const file = join(dir, stored);
    const size = (await stat(file)).size;
    if (size !== entry.bytes) {
      problems.push(`${entry.path}: ${size} bytes, listed as ${entry.bytes}`);
      continue;
    }
    const actual = await digestFile(file, entry.path);
    if (actual.sha256 !== entry.sha256) problems.push(`${entry.path}: SHA-256 differs from the listed one`);
  }
  for (const path of present) problems.push(`${path}: present but not listed`);
  if (problems.length)
    throw new OutputMismatchError(`the written data does not match its manifest: ${problems.join('; ')}`);
}
