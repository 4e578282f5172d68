/**
 * Reading a file named on the command line, with the reasons a person can act on.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../table';

/**
 * The bytes of a file named on the command line. Throws InputError naming the file when it does
 * not exist, is a folder, cannot be read, or is over 2 GB (Node reads no larger file at once).
 */
export async function readInputFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw openFailure(file, error);
  }
}

/**
 * The InputError for a file that could not be opened or read, naming the file and the reason in
 * words a person can act on; shared with the streaming readers so every reader words it alike.
 */
export function openFailure(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EISDIR'
        ? 'is a folder, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ERR_FS_FILE_TOO_LARGE'
            ? 'larger than 2 GB, too large to read'
            : `cannot be read (${(error as Error).message})`;
  return new InputError(`${file}: ${reason}`, file);
}
