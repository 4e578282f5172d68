import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { ManifestInput } from '../../../src/contracts/manifest';
import { InputError, type RawTable } from '../table';

/** The manifest's record of one input file, so a build can be traced to the exact bytes it read. */
export function inputEntry(role: string, file: string, bytes: Uint8Array, table?: RawTable): ManifestInput {
  return {
    role,
    file: basename(file),
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    ...(table?.encoding ? { encoding: table.encoding } : {}),
    ...(table?.sheet ? { sheet: table.sheet } : {}),
    ...(table ? { header_row: table.headerRow } : {}),
  };
}

/**
 * The manifest's record of an input file read by a reader of its own (road files run to
 * gigabytes): hashed as a stream, never held whole. Throws InputError naming the file when it
 * cannot be read.
 */
export async function streamedInputEntry(role: string, file: string): Promise<ManifestInput> {
  const digest = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      digest.update(chunk as Buffer);
      bytes += (chunk as Buffer).byteLength;
    }
  } catch (error) {
    throw new InputError(`${file}: cannot be read (${(error as Error).message})`, file);
  }
  return { role, file: basename(file), bytes, sha256: digest.digest('hex') };
}
