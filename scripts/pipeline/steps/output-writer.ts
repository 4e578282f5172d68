import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, type DataFileEntry } from '../../../src/contracts/data-files';
import { hashedPath } from '../output/hashed-names';
import { digestOf, StreamDigest } from '../output/output-files';

/** Pieces are gathered into writes of about this size: one write per small tile costs seconds. */
const WRITE_BYTES = 1 << 20;

/** Options of `OutputWriter`. */
export interface OutputWriterOptions {
  /**
   * Rename every file to a content-hashed name (`communities.<hash>.pmtiles`) when
   * `nameByContent` runs, just before the manifest: what a CDN deployment needs
   * (docs/deploy-cdn.md). Default false: files keep their plain names.
   */
  hashNames?: boolean;
}

/**
 * The one door every step writes the build's folder through, so the manifest can list each file
 * with its hash without a second pass over the disk, and so every file, whichever step wrote it
 * or streamed it, gets its content-hashed name in one place (`nameByContent`).
 */
export class OutputWriter {
  /** Manifest entries of every file written but manifest.json, which cannot list itself. */
  readonly entries: DataFileEntry[] = [];
  /** Every file written, in order, for the CLI's summary. */
  readonly names: string[] = [];
  /** Whether `nameByContent` renames the files (see OutputWriterOptions). */
  readonly hashNames: boolean;

  /** `dir` is the staging folder (staged-output.ts), fresh so no earlier build's file lingers. */
  constructor(
    readonly dir: string,
    options: OutputWriterOptions = {},
  ) {
    this.hashNames = options.hashNames ?? false;
  }

  /** Writes one file whole; a string array is joined first, which is cheaper than concatenating. */
  async write(name: string, data: string | Uint8Array | string[]): Promise<void> {
    const path = join(this.dir, name);
    const bytes = Array.isArray(data) ? data.join('') : data;
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, bytes);
    if (name !== MANIFEST_FILE) this.entries.push(digestOf(name, bytes));
    this.names.push(name);
  }

  /**
   * Writes one file from its pieces in order, hashing them on the way, so a file larger than
   * any one piece (a PMTiles archive, `layoutPmtiles`) is never assembled in memory.
   */
  async writePieces(name: string, pieces: Iterable<Uint8Array>): Promise<void> {
    const path = join(this.dir, name);
    await mkdir(join(path, '..'), { recursive: true });
    const digest = new StreamDigest(name);
    const file = await open(path, 'w');
    const buffer = new Uint8Array(WRITE_BYTES);
    let used = 0;
    const flush = async () => {
      if (used) await file.write(buffer, 0, used);
      used = 0;
    };
    try {
      for (const piece of pieces) {
        digest.add(piece);
        if (piece.length >= WRITE_BYTES) {
          await flush();
          await file.write(piece);
          continue;
        }
        if (used + piece.length > WRITE_BYTES) await flush();
        buffer.set(piece, used);
        used += piece.length;
      }
      await flush();
    } finally {
      await file.close();
    }
    this.streamed(digest.finish());
  }

  /** Records a file a step streamed itself (it hashed the bytes as it wrote them). */
  streamed(entry: DataFileEntry): void {
    this.entries.push(entry);
    this.names.push(entry.path);
  }

  /**
   * With `hashNames`, renames every file written or streamed so far to its content-hashed name
   * and records it as the entry's `hashed_path`; the entries keep their plain `path` as the key
   * the manifest refers to them by. Renames, not copies: a national archive is gigabytes. Call
   * once every data file is written and before the manifest lists them (writeManifest does);
   * a file already renamed is left alone. Without `hashNames` it does nothing.
   */
  async nameByContent(): Promise<void> {
    if (!this.hashNames) return;
    for (const [i, entry] of this.entries.entries()) {
      if (entry.hashed_path) continue;
      const hashed = hashedPath(entry.path, entry.sha256);
      await rename(join(this.dir, entry.path), join(this.dir, hashed));
      this.entries[i] = { ...entry, hashed_path: hashed };
    }
  }
}
