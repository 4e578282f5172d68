import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeArray,
  completionAfterStart,
  completionOf,
  NO_COMPLETION,
  EXPLORE_BINARY_VERSION,
  ExploreBinaryError,
  packMonth,
  packPart,
  unpackMonth,
  unpackPart,
} from './explore-binary';

const bufferOf = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;

describe('packPart and unpackPart', () => {
  const columns = {
    a: Uint8Array.from([1, 2, 3]),
    b: Uint16Array.from([0, 65535, 258]),
    c: Uint32Array.from([0xffffffff, 1, 0x01020304]),
    d: Int32Array.from([-1, 2 ** 31 - 1, -(2 ** 31)]),
    e: Float32Array.from([0.5, -1, 3]),
    f: Float64Array.from([Math.PI, NaN, -0]),
  };

  it('gives back every column of every type, and the header as written', () => {
    const bytes = packPart('core', 3, { hello: ['世界', null] }, columns);
    const part = unpackPart<{ hello: unknown }>(bufferOf(bytes), 'core', 'test');
    expect(part.header.count).toBe(3);
    expect(part.header.meta).toEqual({ hello: ['世界', null] });
    for (const [name, array] of Object.entries(columns)) {
      const back = part.column(name, [part.header.columns[name]!.type], 3);
      expect(back.constructor).toBe(array.constructor);
      expect([...back]).toEqual([...array]);
    }
    // Integer columns wider than a byte are stored as byte planes; the rest in place.
    expect(part.header.columns.c!.shuffled).toBe(true);
    expect(part.header.columns.f!.shuffled).toBeUndefined();
    for (const spec of Object.values(part.header.columns)) expect(spec.offset % 8).toBe(0);
  });

  it('stores a u32 column as byte planes: first bytes first', () => {
    const bytes = packPart('core', 2, {}, { x: Uint32Array.from([0x04030201, 0x08070605]) });
    expect([...bytes.subarray(bytes.length - 8)]).toEqual([1, 5, 2, 6, 3, 7, 4, 8]);
  });

  it('names what is wrong with bytes that are not a part', () => {
    const good = packPart('details', 3, {}, columns);
    const read = (bytes: Uint8Array, part: 'core' | 'details' = 'details') =>
      unpackPart(bufferOf(bytes), part, 'f.bin');
    expect(() => read(good, 'core')).toThrow('f.bin: is the details part, expected core');
    expect(() => read(good.subarray(0, 5))).toThrow(/too short/);
    const magic = good.slice();
    magic[0] = 0x58;
    expect(() => read(magic)).toThrow(/no RAEX magic/);
    const version = good.slice();
    new DataView(version.buffer).setUint32(4, EXPLORE_BINARY_VERSION + 1, true);
    expect(() => read(version)).toThrow(`version ${EXPLORE_BINARY_VERSION + 1} is not supported`);
    const part = read(good);
    expect(() => part.column('zz', ['u8'], 3)).toThrow('f.bin: column zz is missing');
    expect(() => part.column('a', ['u16'], 3)).toThrow('column a is u8, expected u16');
    expect(() => part.column('a', ['u8'], 4)).toThrow('column a has 3 values, expected 4');
    expect(() => read(good.subarray(0, good.length - 8)).column('f', ['f64'], 3)).toThrow(
      /lies outside the file/,
    );
    expect(() => read(good)).not.toThrow(ExploreBinaryError);
  });
});

describe('packMonth and unpackMonth', () => {
  it('round-trip every month from 1900 to 2100, year-only ones included, in 16 bits', () => {
    for (let year = 1900; year <= 2100; year++)
      for (let month = 0; month <= 12; month++) {
        const code = year * 100 + month;
        expect(packMonth(code)).toBeLessThan(0x10000);
        expect(unpackMonth(packMonth(code))).toBe(code);
      }
    expect(unpackMonth(0)).toBe(0);
  });
});

describe('codeArray', () => {
  it('takes the narrowest type that holds every code', () => {
    expect(codeArray(256, 1)).toBeInstanceOf(Uint8Array);
    expect(codeArray(257, 1)).toBeInstanceOf(Uint16Array);
    expect(codeArray(65536, 1)).toBeInstanceOf(Uint16Array);
    expect(codeArray(65537, 1)).toBeInstanceOf(Uint32Array);
  });
});

describe('completionAfterStart', () => {
  it('gives back every completion, with or without a start, except one 2048 years away', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), (start, done) => {
        const stored = completionAfterStart(start, done);
        if (stored === null) {
          expect(start && done && ((done - start) & 0xffff) === NO_COMPLETION).toBeTruthy();
          return;
        }
        expect(stored).toBeGreaterThanOrEqual(0);
        expect(stored).toBeLessThanOrEqual(0xffff);
        expect(completionOf(start, stored)).toBe(done);
      }),
    );
  });

  it('stores a completion soon after its start as a small distance', () => {
    const start = packMonth(202301);
    expect(completionAfterStart(start, packMonth(202312))).toBe(11);
    expect(completionAfterStart(start, packMonth(202403))).toBe(18);
    expect(completionAfterStart(start, 0)).toBe(NO_COMPLETION);
    expect(completionAfterStart(0, packMonth(202312))).toBe(packMonth(202312));
    expect(completionAfterStart(start, (start + NO_COMPLETION) & 0xffff)).toBeNull();
  });
});
