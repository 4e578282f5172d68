import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateH3 } from '../domain/h3-aggregates';
import { reaggregate } from './reaggregate';
import { exploreIndexOf, recordsArb } from './test-records';

const RESOLUTIONS = [5, 7];

describe('reaggregate', () => {
  it('gives the build’s own aggregates of the selected communities', () => {
    fc.assert(
      fc.property(
        recordsArb({ maxLength: 40 }).chain((records) =>
          fc.tuple(
            fc.constant(records),
            fc.array(fc.boolean(), { minLength: records.length, maxLength: records.length }),
          ),
        ),
        ([records, selected]) => {
          const index = exploreIndexOf(records, undefined, RESOLUTIONS);
          const mask = Uint8Array.from(selected, (s) => (s ? 1 : 0));
          const expected = aggregateH3(
            records.filter((_, i) => selected[i]),
            RESOLUTIONS,
          );
          for (const layer of expected) {
            const actual = reaggregate(index, mask, layer.resolution);
            expect(actual.map((c) => c.h3)).toEqual(layer.cells.map((c) => c.h3));
            actual.forEach((cell, k) => {
              const { fund_per_km2: perKm2, ...rest } = layer.cells[k]!;
              const { fund_per_km2: actualPerKm2, ...actualRest } = cell;
              expect(actualRest).toEqual(rest);
              // The index keeps cell areas to 4 decimals of km², as the aggregate files print them.
              expect(Math.abs(actualPerKm2 - perKm2)).toBeLessThanOrEqual(1 + perKm2 * 2e-4);
            });
          }
        },
      ),
      { numRuns: 80 },
    );
  }, 120_000);

  it('refuses a resolution the index has no cells for', () => {
    const index = exploreIndexOf([], undefined, [5]);
    expect(() => reaggregate(index, new Uint8Array(0), 8)).toThrow(/resolution 8/);
    expect(reaggregate(index, new Uint8Array(0), 5)).toEqual([]);
  });
});
