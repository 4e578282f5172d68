import { describe, expect, it } from 'vitest';
import { grown } from './grown-array';

describe('grown', () => {
  it('keeps an array that has room', () => {
    const a = new Float64Array(4);
    expect(grown(a, 4)).toBe(a);
  });

  it('copies into an array of the same type at least twice as long, or as long as needed', () => {
    const a = Uint32Array.from([1, 2, 3]);
    const doubled = grown(a, 4);
    expect(doubled).toBeInstanceOf(Uint32Array);
    expect(Array.from(doubled)).toEqual([1, 2, 3, 0, 0, 0]);
    const needed = grown(new Uint8Array(2), 9);
    expect(needed).toBeInstanceOf(Uint8Array);
    expect(needed.length).toBe(9);
  });
});
