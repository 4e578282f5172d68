import { describe, expect, it, vi } from 'vitest';
import type { RangeResponse, Source } from 'pmtiles';
import { DataMismatchError, onDataMismatch } from '../lib/data-integrity';
import { archiveSize, SizeCheckedSource } from './checked-pmtiles-source';

const URL_ = 'http://atlas.test/data/communities.pmtiles';
const ENTRY = { path: 'communities.pmtiles', bytes: 5000, sha256: '0'.repeat(64) };

/** A fetch answering the one-byte probe as a range-serving server of a `size`-byte file would. */
const rangeServer = (size: number) =>
  vi.fn(
    async () =>
      new Response(new Uint8Array(1), { status: 206, headers: { 'Content-Range': `bytes 0-0/${size}` } }),
  );

const inner = (): Source & { getBytes: ReturnType<typeof vi.fn> } => ({
  getKey: () => URL_,
  getBytes: vi.fn(async (): Promise<RangeResponse> => ({ data: new ArrayBuffer(8) })),
});

describe('archiveSize', () => {
  it('reads the total of a range answer, asking for one byte', async () => {
    const fetchImpl = rangeServer(12345);
    expect(await archiveSize(URL_, fetchImpl)).toBe(12345);
    expect(fetchImpl).toHaveBeenCalledWith(
      URL_,
      expect.objectContaining({ headers: { range: 'bytes=0-0' } }),
    );
  });

  it('takes the length of a whole-file answer without reading it, unless compressed', async () => {
    const whole = (headers: Record<string, string>) => async () =>
      new Response('xxxx', { status: 200, headers });
    expect(await archiveSize(URL_, whole({ 'Content-Length': '4' }))).toBe(4);
    expect(await archiveSize(URL_, whole({ 'Content-Length': '4', 'Content-Encoding': 'gzip' }))).toBeNull();
    expect(await archiveSize(URL_, async () => new Response(new Uint8Array(1), { status: 206 }))).toBeNull();
  });
});

describe('SizeCheckedSource', () => {
  it('reads through once the size matches, probing once', async () => {
    const fetchImpl = rangeServer(5000);
    const reader = inner();
    const source = new SizeCheckedSource(URL_, ENTRY, reader, fetchImpl);
    expect(source.getKey()).toBe(URL_);
    await source.getBytes(0, 16384);
    await source.getBytes(16384, 100);
    expect(reader.getBytes).toHaveBeenCalledTimes(2);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('refuses every read of an archive of another size, reporting it once', async () => {
    const reports: DataMismatchError[] = [];
    const stop = onDataMismatch((e) => reports.push(e));
    const source = new SizeCheckedSource(URL_, ENTRY, inner(), rangeServer(4321));
    await expect(source.getBytes(0, 16384)).rejects.toBeInstanceOf(DataMismatchError);
    await expect(source.getBytes(16384, 100)).rejects.toThrow(
      /communities\.pmtiles is 4321 bytes, the manifest says 5000/,
    );
    stop();
    expect(reports).toHaveLength(1);
    expect(reports[0]!.mismatches).toEqual([
      { path: 'communities.pmtiles', kind: 'size', expected: 5000, actual: 4321 },
    ]);
  });

  it('reads unchecked when the probe fails, and probes again next time', async () => {
    const fetchImpl = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('network'))
      .mockImplementation(rangeServer(5000));
    const source = new SizeCheckedSource(URL_, ENTRY, inner(), fetchImpl);
    await source.getBytes(0, 10);
    await source.getBytes(10, 10);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });
});
