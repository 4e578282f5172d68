/**
 * A PMTiles source that refuses an archive of another build than the manifest's. Archives are
 * read by byte range, never whole, so their SHA-256 cannot be checked; their total size can, and
 * two builds' archives practically never agree to the byte. The size comes from a one-byte
 * range request sent beside the archive's first read (`Content-Range: bytes 0-0/<total>`);
 * every read waits for it, so no tile of a mismatched archive is ever drawn. A server that
 * cannot say the size (no Content-Range, a compressed 200) leaves the archive unchecked.
 */
import { FetchSource, type RangeResponse, type Source } from 'pmtiles';
import type { DataFileEntry } from '../contracts/data-files';
import { reportMismatch } from '../lib/data-integrity';

/**
 * The total size of the file at `url` as the server states it, or null when it does not say.
 * Never downloads the file: a server that ignores the range and answers 200 is cut off after
 * the headers.
 */
export async function archiveSize(url: string, fetchImpl: typeof fetch = fetch): Promise<number | null> {
  const controller = new AbortController();
  const response = await fetchImpl(url, { headers: { range: 'bytes=0-0' }, signal: controller.signal });
  if (response.status === 206) {
    await response.arrayBuffer();
    const total = /\/(\d+)\s*$/.exec(response.headers.get('Content-Range') ?? '')?.[1];
    return total === undefined ? null : Number(total);
  }
  controller.abort();
  const length = response.headers.get('Content-Length');
  return response.status === 200 && length && !response.headers.get('Content-Encoding')
    ? Number(length)
    : null;
}

/** Reads an archive through `inner` (default: pmtiles' own FetchSource), checking its size once. */
export class SizeCheckedSource implements Source {
  private readonly inner: Source;
  private check: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly entry: DataFileEntry,
    inner?: Source,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {
    this.inner = inner ?? new FetchSource(url);
  }

  getKey(): string {
    return this.url;
  }

  async getBytes(
    offset: number,
    length: number,
    signal?: AbortSignal,
    etag?: string,
  ): Promise<RangeResponse> {
    this.check ??= this.checkSize();
    const [response] = await Promise.all([this.inner.getBytes(offset, length, signal, etag), this.check]);
    return response;
  }

  private async checkSize(): Promise<void> {
    let size: number | null;
    try {
      size = await archiveSize(this.url, this.fetchImpl);
    } catch {
      // The archive's own reads will fail the same way and say why; the next read asks again.
      this.check = null;
      return;
    }
    if (size !== null && size !== this.entry.bytes)
      throw reportMismatch([
        { path: this.entry.path, kind: 'size', expected: this.entry.bytes, actual: size },
      ]);
  }
}
