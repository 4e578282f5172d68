/**
 * Which files make a build's communities ledger. A province sends one workbook per city, so
 * `--communities` may be given several times and may name a folder: a folder stands for its
 * `.xlsx` and `.csv` files, in name order, without the lock files Excel and WPS leave beside an
 * open workbook (`~$台账.xlsx`) or hidden files.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError } from '../table';
import { openFailure } from './input-file';

/** Extensions a folder's ledgers may have (lower case). */
const LEDGER_EXTENSIONS = ['.xlsx', '.csv'] as const;

/**
 * The ledgers among a folder's file names, sorted by code point so every machine reads them in
 * the same order: `.xlsx` and `.csv` (any case), without `~$` lock files and dot files.
 */
export function pickLedgerNames(names: readonly string[]): string[] {
  return names
    .filter((name) => !name.startsWith('~$') && !name.startsWith('.'))
    .filter((name) => LEDGER_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The ledger files `paths` name, in order, each folder replaced by its ledgers (see
 * `pickLedgerNames`; folders are not searched below their own files). Throws InputError for a
 * path that cannot be read, a folder without ledgers, and two ledgers with the same file name:
 * report.json and every record's `source_row` name a row by file name, so it must say which file.
 */
export async function expandLedgerPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      // Worded as when the file itself is read: `台账.xlsx: file not found`.
      throw openFailure(path, error);
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true });
    const ledgers = pickLedgerNames(entries.filter((e) => e.isFile()).map((e) => e.name));
    if (ledgers.length === 0) throw new InputError(`${path}: the folder holds no .xlsx or .csv ledger`, path);
    for (const name of ledgers) files.push(join(path, name));
  }
  const seen = new Map<string, string>();
  for (const file of files) {
    const name = basename(file);
    const earlier = seen.get(name);
    if (earlier !== undefined)
      throw new InputError(
        `${file}: a ledger named ${name} is already read (${earlier}); rows are reported by file name, so ` +
          'give each ledger its own name',
        file,
      );
    seen.set(name, file);
  }
  return files;
}
