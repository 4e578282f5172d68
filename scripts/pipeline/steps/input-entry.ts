import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { ManifestInput } from '../../../src/contracts/manifest';
import type { RawTable } from '../table';

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
