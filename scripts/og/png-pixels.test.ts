import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from './png-pixels';

/** A PNG written by hand: 8-bit RGB, one filter per row, so every filter is exercised. */
function png(width: number, rows: { filter: number; bytes: number[] }[]): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    Buffer.from(data).copy(out, 8);
    return out; // the CRC is not checked by the reader
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(rows.length, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.from(rows.flatMap((r) => [r.filter, ...r.bytes]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

describe('decodePng', () => {
  it('undoes the five filters and returns RGBA', () => {
    const { width, height, rgba } = decodePng(
      png(2, [
        { filter: 0, bytes: [10, 20, 30, 40, 50, 60] },
        { filter: 1, bytes: [1, 2, 3, 1, 1, 1] }, // sub: + left
        { filter: 2, bytes: [1, 1, 1, 1, 1, 1] }, // up: + above
        { filter: 3, bytes: [0, 0, 0, 0, 0, 0] }, // average of left and above
        { filter: 4, bytes: [0, 0, 0, 0, 0, 0] }, // Paeth
      ]),
    );
    expect([width, height]).toEqual([2, 5]);
    const px = (x: number, y: number) => [...rgba.subarray((y * 2 + x) * 4, (y * 2 + x) * 4 + 4)];
    expect(px(1, 0)).toEqual([40, 50, 60, 255]);
    expect(px(1, 1)).toEqual([2, 3, 4, 255]);
    expect(px(0, 2)).toEqual([2, 3, 4, 255]);
    expect(px(0, 3)).toEqual([1, 1, 2, 255]); // (0 + 2) >> 1 …
    expect(px(1, 3)).toEqual([2, 2, 3, 255]); // (1 + 3) >> 1, (1 + 4) >> 1, (2 + 5) >> 1
    expect(px(0, 4)).toEqual([1, 1, 2, 255]); // Paeth picks above
    expect(px(1, 4)).toEqual([2, 2, 3, 255]);
  });

  it('says what it cannot read', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow('not a PNG file');
    const bad = png(1, [{ filter: 7, bytes: [0, 0, 0] }]);
    expect(() => decodePng(bad)).toThrow('PNG filter 7 is not one of the five');
  });
});
