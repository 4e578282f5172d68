import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToByteHistogram, BYTE_HISTOGRAM_SIZE, bitCountsOfHistogram } from './bit-histogram';

describe('byte histograms', () => {
  it('count the words with each bit set, only those of weight 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.boolean()), { maxLength: 60 }),
        fc.integer({ min: 0, max: 3 }),
        (words, offset) => {
          const hist = new Uint32Array(BYTE_HISTOGRAM_SIZE + 7);
          for (const [word, counted] of words) addToByteHistogram(hist, 7, word, counted ? 1 : 0);
          const out = new Uint32Array(32 + offset);
          bitCountsOfHistogram(hist, 7, out, offset);
          const expected = new Uint32Array(32 + offset);
          for (const [word, counted] of words)
            for (let b = 0; b < 32; b++) if (counted && (word >>> b) & 1) expected[offset + b]!++;
          expect(out).toEqual(expected);
        },
      ),
    );
  });
});
