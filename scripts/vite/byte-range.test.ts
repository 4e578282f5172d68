import { describe, expect, it } from 'vitest';
import { parseByteRange } from './byte-range';

describe('parseByteRange', () => {
  it('reads the single ranges pmtiles asks for', () => {
    expect(parseByteRange('bytes=0-16383', 100_000)).toEqual({ start: 0, end: 16383 });
    expect(parseByteRange('bytes=99990-', 100_000)).toEqual({ start: 99990, end: 99999 });
    expect(parseByteRange('bytes=-10', 100_000)).toEqual({ start: 99990, end: 99999 });
    // Past the end: cut to the file, as RFC 9110 asks.
    expect(parseByteRange('bytes=99000-200000', 100_000)).toEqual({ start: 99000, end: 99999 });
  });

  it('sends the whole file for no range, another unit or several ranges', () => {
    expect(parseByteRange(undefined, 10)).toBeNull();
    expect(parseByteRange('items=0-1', 10)).toBeNull();
    expect(parseByteRange('bytes=0-1, 4-5', 10)).toBeNull();
    expect(parseByteRange('bytes=-', 10)).toBeNull();
  });

  it('refuses what the file cannot satisfy', () => {
    expect(parseByteRange('bytes=10-20', 10)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=5-2', 10)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 10)).toBe('unsatisfiable');
  });
});
