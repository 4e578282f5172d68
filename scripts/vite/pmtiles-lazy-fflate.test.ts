import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompressSync } from './pmtiles-lazy-fflate';

describe('lazy fflate decompressSync', () => {
  it('resolves to the gunzipped bytes, as fflate would return them', async () => {
    const bytes = new TextEncoder().encode('pmtiles directory '.repeat(50));
    const result = decompressSync(new Uint8Array(gzipSync(bytes)));
    expect(result).toBeInstanceOf(Promise);
    expect(Buffer.from(await result).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects on bytes that are not compressed, as fflate throws', async () => {
    await expect(decompressSync(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow();
  });
});
