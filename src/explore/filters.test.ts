import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOW_ZOOM_PROPERTIES } from '../contracts/tile-properties';
import { communityProperties } from '../domain/community-properties';
import type { CommunityRecord } from '../domain/schema';
import type { ExploreIndex } from './explore-index';
import {
  activeFilterCount,
  combineFilters,
  countMask,
  EMPTY_FILTERS,
  facetCounts,
  failedDimensions,
  FILTER_PROPERTIES,
  filterExpression,
  matchMask,
  maskWithout,
  parseFilters,
  serialiseFilters,
  SET_DIMENSIONS,
  toggleValue,
  type Filters,
  type YearRange,
} from './filters';
import { exploreIndexOf, POOLS, recordsArb } from './test-records';

const indexOf = (records: CommunityRecord[]): ExploreIndex => exploreIndexOf(records);

/** Most dimensions are left open, or a row would almost never pass and the check would be idle. */
const sometimes = <T>(arb: fc.Arbitrary<T>, open: T) =>
  fc.oneof({ arbitrary: fc.constant(open), weight: 3 }, { arbitrary: arb, weight: 1 });
/** Pool values plus one no row has, so filters sometimes match nothing. */
const pick = (pool: readonly string[]) =>
  sometimes(fc.subarray([...pool, 'nowhere'], { minLength: 1, maxLength: 3 }), [] as string[]);
const year = fc.option(fc.integer({ min: 1955, max: 2026 }), { nil: null });
const range: fc.Arbitrary<YearRange> = sometimes(
  fc
    .tuple(year, year)
    .map(([a, b]) => (a !== null && b !== null && a > b ? { min: b, max: a } : { min: a, max: b })),
  { min: null, max: null },
);

const filtersArb: fc.Arbitrary<Filters> = fc.record({
  programme: pick(POOLS.programme),
  city: pick(POOLS.city),
  district: pick(POOLS.district),
  street: pick(POOLS.street),
  stage: sometimes(fc.subarray([...POOLS.stage], { minLength: 1, maxLength: 4 }), [] as string[]),
  batchYear: range,
  yearBuilt: range,
  items: pick(POOLS.items),
  synthetic: fc.constantFrom('all' as const, 'all' as const, 'real' as const, 'synthetic' as const),
});

/** What a community's vector-tile feature carries below the tiles' maximum zoom. */
function tileProperties(record: CommunityRecord): Record<string, unknown> {
  const all = communityProperties(record);
  return Object.fromEntries(LOW_ZOOM_PROPERTIES.filter((k) => k in all).map((k) => [k, all[k]]));
}

describe('matchMask and filterExpression', () => {
  it('agree on every community, evaluated by MapLibre on the tile properties', () => {
    fc.assert(
      fc.property(recordsArb({ maxLength: 50 }), filtersArb, (records, filters) => {
        const mask = matchMask(indexOf(records), filters);
        const expression = filterExpression(filters);
        const test = featureFilter(expression ?? undefined, 'filter');
        records.forEach((record, i) => {
          const feature = { type: 1 as const, properties: tileProperties(record), geometry: [] };
          const byMap = test.filter({ zoom: 10 }, feature);
          expect(byMap, `row ${i}: ${JSON.stringify(feature.properties)}`).toBe(mask[i] === 1);
        });
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('reads only properties the tiles keep at every zoom', () => {
    for (const p of FILTER_PROPERTIES) expect(LOW_ZOOM_PROPERTIES).toContain(p);
    const everything: Filters = {
      programme: ['a'],
      city: ['b'],
      district: ['c'],
      street: ['d'],
      stage: ['completed'],
      batchYear: { min: 2020, max: 2021 },
      yearBuilt: { min: 1980, max: null },
      items: ['gas'],
      synthetic: 'real',
    };
    const read = new Set<string>();
    JSON.stringify(filterExpression(everything), (key, value: unknown) => {
      if (Array.isArray(value) && (value[0] === 'get' || value[0] === 'has') && typeof value[1] === 'string')
        read.add(value[1]);
      return value;
    });
    expect([...read].sort()).toEqual([...FILTER_PROPERTIES].sort());
  });

  it('is null when nothing is filtered, and lets every row through', () => {
    expect(filterExpression(EMPTY_FILTERS)).toBeNull();
    const index = indexOf(fc.sample(recordsArb({ minLength: 5, maxLength: 5 }), 1)[0]!);
    expect(countMask(matchMask(index, EMPTY_FILTERS))).toBe(5);
  });

  it('treats a row without the value as failing a set filter or a range', () => {
    const base = fc.sample(recordsArb({ minLength: 1, maxLength: 1 }), 1)[0]![0]!;
    const bare: CommunityRecord = { ...base, stage: undefined, batch_year: undefined };
    delete bare.stage;
    delete bare.batch_year;
    const index = indexOf([bare]);
    expect(matchMask(index, { ...EMPTY_FILTERS, stage: ['completed'] })[0]).toBe(0);
    expect(matchMask(index, { ...EMPTY_FILTERS, batchYear: { min: null, max: 2030 } })[0]).toBe(0);
  });
});

describe('combineFilters', () => {
  it('keeps a layer filter and adds the explore filter', () => {
    const own = ['==', ['get', 'id'], 'x'] as const;
    const extra = ['==', ['get', 'stage'], 'completed'] as const;
    expect(combineFilters(null, null)).toBeNull();
    expect(combineFilters(own as never, null)).toEqual(own);
    expect(combineFilters(undefined, extra as never)).toEqual(extra);
    expect(combineFilters(own as never, extra as never)).toEqual(['all', own, extra]);
  });
});

describe('failedDimensions', () => {
  it('sets one bit per dimension a row fails, the same as filtering by that dimension alone', () => {
    const dimensions = [...SET_DIMENSIONS, 'batchYear', 'yearBuilt', 'items', 'synthetic'] as const;
    fc.assert(
      fc.property(recordsArb({ maxLength: 40 }), filtersArb, (records, filters) => {
        const index = indexOf(records);
        const failed = failedDimensions(index, filters);
        dimensions.forEach((d, k) => {
          const alone = matchMask(index, { ...EMPTY_FILTERS, [d]: filters[d] } as Filters);
          for (let i = 0; i < records.length; i++)
            expect((failed[i]! >> k) & 1, `${d} row ${i}`).toBe(1 - alone[i]!);
        });
        // And a row matches exactly when it fails nothing.
        const mask = matchMask(index, filters);
        for (let i = 0; i < records.length; i++) expect(mask[i]).toBe(failed[i] === 0 ? 1 : 0);
        // Without one dimension: as if its filter were open.
        for (const d of dimensions)
          expect(maskWithout(failed, d), d).toEqual(matchMask(index, { ...filters, [d]: EMPTY_FILTERS[d] }));
      }),
      { numRuns: 150 },
    );
  });
});

describe('facetCounts', () => {
  it('counts each option under the other filters, as filtering by it alone would', () => {
    fc.assert(
      fc.property(recordsArb({ maxLength: 40 }), filtersArb, (records, filters) => {
        const index = indexOf(records);
        const facets = facetCounts(index, filters);
        expect(facets.matched).toBe(countMask(matchMask(index, filters)));
        for (const d of SET_DIMENSIONS) {
          index.text[d].values.forEach((value, code) => {
            if (value === null) return;
            const expected = countMask(matchMask(index, { ...filters, [d]: [value] }));
            expect(facets.text[d][code], `${d}=${value}`).toBe(expected);
          });
        }
        index.items.keys.forEach((key, b) => {
          expect(facets.items[b], key).toBe(countMask(matchMask(index, { ...filters, items: [key] })));
        });
        for (const y of POOLS.years)
          expect(facets.batchYear.get(y) ?? 0).toBe(
            countMask(matchMask(index, { ...filters, batchYear: { min: y, max: y } })),
          );
        expect(facets.synthetic).toEqual({
          real: countMask(matchMask(index, { ...filters, synthetic: 'real' })),
          synthetic: countMask(matchMask(index, { ...filters, synthetic: 'synthetic' })),
        });
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe('parseFilters and serialiseFilters', () => {
  it('round-trip any filters through the address', () => {
    fc.assert(
      fc.property(filtersArb, fc.constantFrom('', '?lang=en', '?hex=1&lang=en#x'), (filters, other) => {
        const search = serialiseFilters(filters, other.split('#')[0]);
        const back = parseFilters(search);
        const norm = (f: Filters) => ({
          ...f,
          ...Object.fromEntries(SET_DIMENSIONS.map((d) => [d, [...new Set(f[d])]])),
        });
        expect(back).toEqual(norm({ ...filters, items: [...new Set(filters.items)] }));
      }),
    );
  });

  it('writes readable lists and keeps other parameters exactly', () => {
    const filters: Filters = {
      ...EMPTY_FILTERS,
      stage: ['construction', 'completed'],
      district: ['岳麓区'],
      batchYear: { min: 2021, max: null },
      yearBuilt: { min: 1990, max: 1990 },
      synthetic: 'real',
    };
    const search = serialiseFilters(filters, '?lang=en&view=a%2Cb&flag');
    expect(search).toBe(
      `?lang=en&view=a%2Cb&flag&district=${encodeURIComponent('岳麓区')}&stage=construction,completed&batch=2021-&built=1990&synthetic=real`,
    );
    expect(serialiseFilters(EMPTY_FILTERS, search)).toBe('?lang=en&view=a%2Cb&flag');
    expect(serialiseFilters(EMPTY_FILTERS, '')).toBe('');
  });

  it('reads lists written by URLSearchParams, drops unknown stages and bad ranges', () => {
    const params = new URLSearchParams({
      stage: 'construction,bogus,completed',
      batch: 'soon',
      built: '1999-1980',
    });
    const f = parseFilters(`?${params.toString()}`);
    expect(f.stage).toEqual(['construction', 'completed']);
    expect(f.batchYear).toEqual({ min: null, max: null });
    expect(f.yearBuilt).toEqual({ min: 1980, max: 1999 });
    expect(parseFilters('?synthetic=maybe&items=%E0%A4%A').synthetic).toBe('all');
  });
});

describe('toggleValue and activeFilterCount', () => {
  it('adds, removes and counts', () => {
    const once = toggleValue(EMPTY_FILTERS, 'stage', 'completed');
    expect(once.stage).toEqual(['completed']);
    expect(activeFilterCount(once)).toBe(1);
    expect(toggleValue(once, 'stage', 'completed').stage).toEqual([]);
    expect(activeFilterCount({ ...once, items: ['gas'], synthetic: 'synthetic' })).toBe(3);
  });
});
