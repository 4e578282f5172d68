import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, readTextChunks, withTextChunk } from './png-text';

/** A valid 1×1 RGBA PNG, built here so the test does not depend on a file. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const idat = new Uint8Array(deflateSync(Buffer.from([0, 255, 0, 0, 255])));
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  ];
  return new Uint8Array(Buffer.concat(parts));
}

describe('PNG text chunks', () => {
  it('computes the CRC-32 PNG uses', () => {
    // The CRC of the IEND chunk type is fixed by the format: AE 42 60 82.
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('round-trips UTF-8 text and keeps the image intact', () => {
    const png = tinyPng();
    const text = JSON.stringify({ title: '资金密度 · 元 / 平方公里', n: 3 });
    const out = withTextChunk(png, 'atlas-export', text);
    expect(readTextChunks(out).get('atlas-export')).toBe(text);
    // The original chunks come first and IEND stays last.
    expect(out.subarray(0, png.length - 12)).toEqual(png.subarray(0, png.length - 12));
    expect(String.fromCharCode(...out.subarray(out.length - 8, out.length - 4))).toBe('IEND');
    expect(readTextChunks(png).size).toBe(0);
  });

  it('refuses what is not a PNG, a bad keyword and a damaged chunk', () => {
    expect(() => withTextChunk(new Uint8Array([1, 2, 3]), 'k', 'v')).toThrow('not a PNG file');
    expect(() => withTextChunk(tinyPng(), '', 'v')).toThrow('invalid PNG text keyword');
    expect(() => withTextChunk(tinyPng(), '资金', 'v')).toThrow('invalid PNG text keyword');
    const out = withTextChunk(tinyPng(), 'k', 'value');
    out[out.length - 14] = out[out.length - 14]! ^ 0xff;
    expect(() => readTextChunks(out)).toThrow('bad CRC');
  });
});
