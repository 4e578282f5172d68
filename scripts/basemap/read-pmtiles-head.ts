/**
 * Reads what the configuration check needs of a basemap extract (protomaps-archive.ts judges
 * it): the header and the JSON metadata, a few kilobytes however large the archive is.
 * Synchronous, like the rest of the configuration read, which runs once as Vite starts.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import {
  checkPmtilesHeader,
  decodeMetadata,
  PMTILES_HEADER_BYTES,
  protomapsSchemaProblem,
} from './protomaps-archive';

/** The file's size when it is a Protomaps extract the site can draw; throws the reason (without the file name) otherwise. */
export function inspectBasemapArchive(file: string): { bytes: number } {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new Error('does not exist');
  if (!stat.isFile()) throw new Error('is not a file');
  const fd = openSync(file, 'r');
  try {
    const read = (offset: number, length: number) => {
      const bytes = new Uint8Array(length);
      const n = readSync(fd, bytes, 0, length, offset);
      return bytes.subarray(0, n);
    };
    const checked = checkPmtilesHeader(read(0, PMTILES_HEADER_BYTES), stat.size);
    if ('problem' in checked) throw new Error(checked.problem);
    const { header } = checked;
    const metadata = decodeMetadata(
      read(header.jsonMetadataOffset, header.jsonMetadataLength),
      header.internalCompression,
    );
    if ('problem' in metadata) throw new Error(metadata.problem);
    const problem = protomapsSchemaProblem(metadata.json);
    if (problem) throw new Error(problem);
    return { bytes: stat.size };
  } finally {
    closeSync(fd);
  }
}
