import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, type DataFileEntry } from '../../../src/contracts/data-files';
import { digestOf } from '../output/output-files';

/**
 * The one door every step writes the build's folder through, so the manifest can list each file
 * with its hash without a second pass over the disk.
 */
export class OutputWriter {
  /** Manifest entries of every file written but manifest.json, which cannot list itself. */
  readonly entries: DataFileEntry[] = [];
  /** Every file written, in order, for the CLI's summary. */
  readonly names: string[] = [];

  /** `dir` is the staging folder (staged-output.ts), fresh so no earlier build's file lingers. */
  constructor(readonly dir: string) {}

  /** Writes one file whole; a string array is joined first, which is cheaper than concatenating. */
  async write(name: string, data: string | Uint8Array | string[]): Promise<void> {
    const path = join(this.dir, name);
    const bytes = Array.isArray(data) ? data.join('') : data;
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, bytes);
    if (name !== MANIFEST_FILE) this.entries.push(digestOf(name, bytes));
    this.names.push(name);
  }

  /** Records a file a step streamed itself (it hashed the bytes as it wrote them). */
  streamed(entry: DataFileEntry): void {
    this.entries.push(entry);
    this.names.push(entry.path);
  }
}
