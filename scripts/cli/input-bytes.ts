import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pickLedgerNames } from '../pipeline/read/ledger-files';

/**
 * Bytes of the build's input files, a folder counted as the ledgers in it that the build will
 * read; paths that are undefined or do not exist count nothing (the build reports them itself).
 */
export function inputBytes(paths: readonly (string | undefined)[]): number {
  let bytes = 0;
  for (const path of paths) if (path && existsSync(path)) bytes += pathBytes(path);
  return bytes;
}

function pathBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  let bytes = 0;
  for (const name of pickLedgerNames(readdirSync(path))) bytes += statSync(join(path, name)).size;
  return bytes;
}
