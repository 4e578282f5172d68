import fc from 'fast-check';
import { cellArea, latLngToCell, UNITS } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { FUNDING_CHANNELS } from '../domain/vocabulary';
import { ExploreIndexError, TEXT_FIELDS } from './explore-index';
import { decodeExploreIndex } from './explore-index-of-file';
import { recordsWithLifeCirclesArb } from './test-records';
import { communityProperties } from '../domain/community-properties';
import { aggregateH3, sumH3Grids } from '../domain/h3-aggregates';
import { buildExploreIndex } from '../contracts/explore-encode';

/** What the month of an ISO date reads as in the index: `YYYY-MM`, or `YYYY` for a bare year. */
const monthOfIso = (iso: unknown) =>
  typeof iso === 'string' ? iso.slice(0, iso.length === 4 ? 4 : 7) : null;
const sorted = (v: unknown) => (typeof v === 'string' && v ? v.split(',').sort() : []);

describe('buildExploreIndex', () => {
  it("gives the same index from the build's grids as from the aggregate layers", () => {
    fc.assert(
      fc.property(recordsWithLifeCirclesArb({ maxLength: 60 }), ([records, lifeCircles]) => {
        const fromLayers = buildExploreIndex(records, lifeCircles, aggregateH3(records, [5, 8]));
        // The build passes an accessor; the layers' test records an array.
        const circleAt = lifeCircles && ((i: number) => lifeCircles[i]);
        const fromGrids = buildExploreIndex(records, circleAt, sumH3Grids(records, [8, 5]));
        expect(fromGrids).toEqual(fromLayers);
      }),
      { numRuns: 60 },
    );
  });

  it('carries every value of every community that communities.geojson carries, through JSON', () => {
    fc.assert(
      fc.property(recordsWithLifeCirclesArb({ maxLength: 40 }), ([records, lifeCircles]) => {
        const file = buildExploreIndex(records, lifeCircles, aggregateH3(records, [5, 8]));
        const index = decodeExploreIndex(JSON.parse(JSON.stringify(file)));
        expect(index.count).toBe(records.length);
        records.forEach((record, i) => {
          // The GeoJSON properties are the reference: the index must say the same.
          const p = communityProperties(record, lifeCircles?.[i]);
          const row = index.row(i);
          for (const key of [
            'id',
            'name',
            // The dictionary-encoded text fields, each checked like the rest.
            ...TEXT_FIELDS,
            'batch_year',
            'year_built',
            'households',
            'residents',
            'buildings',
            'fund_total',
            'fund_fiscal',
            'items_basic',
            'items_improvement',
            'items_enhancement',
            'items_count',
            'is_synthetic',
            'lc5_met',
            'lc10_met',
            'lc15_met',
            'coverage_score',
          ] as const)
            expect(row[key], `${key} of row ${i}`).toEqual(p[key] ?? null);
          expect(row.start_month).toBe(monthOfIso(p.start_date));
          expect(row.completion_month).toBe(monthOfIso(p.completion_date));
          for (const { field } of FUNDING_CHANNELS) expect(row.funds[field]).toBe(p[field]);
          expect(row.items.slice().sort()).toEqual(sorted(p.items));
          expect(row.missing_types?.slice().sort() ?? null).toEqual(
            p.missing_types === undefined ? null : sorted(p.missing_types),
          );
          expect(Math.abs(row.lng - record.lng)).toBeLessThanOrEqual(0.5e-5 + 1e-9);
          expect(Math.abs(row.lat - record.lat)).toBeLessThanOrEqual(0.5e-5 + 1e-9);
          for (const res of [5, 8]) {
            const h3 = index.h3At(res)!;
            const cell = h3.cells[h3.cellOf[i]!]!;
            // The cell of the exact point, as the aggregates assign it, not of the rounded one.
            expect(cell).toBe(latLngToCell(record.lat, record.lng, res));
            expect(h3.areaKm2[h3.cellOf[i]!]).toBe(Math.round(cellArea(cell, UNITS.km2) * 10000) / 10000);
          }
          expect(index.rowOf(record.id)).toBe(i);
        });
        expect(index.lifeCircles === null).toBe(lifeCircles === undefined);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('dictionary-encodes repeated strings, scales money and leaves out funding channels no row reports', () => {
    const file = buildExploreIndex(
      [0, 1, 2].map((i) => ({
        id: `C${i}`,
        name: `小区${i}`,
        city: '长沙市',
        district: i === 2 ? undefined : '岳麓区',
        lng: 112.9,
        lat: 28.2,
        crs_source: 'WGS84' as const,
        location_precision: 'street' as const,
        items: [],
        item_counts: {},
        items_other: [],
        funds: i === 1 ? { fund_central: 3_500_000 } : i === 2 ? { fund_social: 1234.5 } : {},
        is_synthetic: false,
        qualifiers: {},
        source_row: '',
      })),
      undefined,
      [],
    );
    expect(file.columns.city).toEqual({ values: [null, '长沙市'], codes: [1, 1, 1] });
    expect(file.columns.district).toEqual({ values: [null, '岳麓区'], codes: [1, 1, 0] });
    expect(Object.keys(file.columns.funds)).toEqual(['fund_central', 'fund_social']);
    // Whole 万元 are written in 万元; an amount with a fraction of a yuan as it is.
    expect(file.columns.funds.fund_central).toEqual({ rows: [1], values: [350], unit: 10_000 });
    expect(file.columns.funds.fund_social).toEqual({ rows: [2], values: [1234.5] });
    expect(file.columns.life_circles).toBeUndefined();
    expect(file.h3).toEqual([]);
  });
});

describe('decodeExploreIndex', () => {
  const good = () =>
    JSON.parse(
      JSON.stringify(
        buildExploreIndex(
          [
            {
              id: 'C0',
              name: 'n',
              lng: 112.9,
              lat: 28.2,
              crs_source: 'WGS84',
              location_precision: 'exact',
              items: ['gas'],
              item_counts: {},
              items_other: [],
              funds: {},
              is_synthetic: true,
              qualifiers: {},
              source_row: '',
            },
          ],
          undefined,
          [],
        ),
      ),
    ) as Record<string, unknown> & { columns: Record<string, unknown> };

  it('names the column that is broken', () => {
    const wrongVersion = { ...good(), version: 99 };
    expect(() => decodeExploreIndex(wrongVersion)).toThrow(/version 99/);
    const short = good();
    short.columns.households = [];
    expect(() => decodeExploreIndex(short)).toThrow(ExploreIndexError);
    expect(() => decodeExploreIndex(short)).toThrow(/households/);
    const badCode = good();
    (badCode.columns.city as { codes: number[] }).codes = [7];
    expect(() => decodeExploreIndex(badCode)).toThrow(/city/);
    expect(() => decodeExploreIndex(null)).toThrow(ExploreIndexError);
  });

  it('decodes a well-formed file', () => {
    const index = decodeExploreIndex(good());
    expect(index.row(0)).toMatchObject({ id: 'C0', items: ['gas'], is_synthetic: true, city: null });
  });
});
