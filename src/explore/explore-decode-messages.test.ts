import { describe, expect, it } from 'vitest';
import { transferablesOf } from './explore-decode-messages';

describe('transferablesOf', () => {
  it('lists each buffer under the typed arrays once, however deep and however often viewed', () => {
    const shared = new ArrayBuffer(16);
    const own = new Float64Array(3);
    const value = {
      a: new Uint8Array(shared, 0, 4),
      b: [new Uint32Array(shared, 8, 2), { c: own, names: ['x', 'y'] }],
      n: 3,
      nothing: null,
    };
    const list = transferablesOf(value);
    expect(list).toHaveLength(2);
    expect(list).toContain(shared);
    expect(list).toContain(own.buffer);
  });

  it('finds nothing in plain data', () => {
    expect(transferablesOf({ names: ['a'], count: 1 })).toEqual([]);
  });
});
