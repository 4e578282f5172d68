import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCorePart, decodeDetailsPart, decodeFiguresPart } from './explore-binary-read';
import { encodeExploreParts } from './explore-binary-write';
import { EXPLORE_FORMAT_VERSION, type ExploreFile } from './explore-format';

/**
 * Three communities covering every encoding: a missing value in each column, a channel in whole
 * 万元 (unit 10,000) and one with a fraction of a yuan (stored as f64), a life-circle result
 * missing for one row, and two H3 resolutions.
 */
const FILE: ExploreFile = {
  version: EXPLORE_FORMAT_VERSION,
  count: 3,
  columns: {
    id: ['C1', 'C2', 'C3'],
    name: ['东园小区', '西苑', '南里'],
    city: { values: [null, '长沙市'], codes: [1, 1, 0] },
    district: { values: [null, '岳麓区', '天心区'], codes: [1, 2, 1] },
    street: { values: [null, '望岳街道'], codes: [1, 0, 0] },
    community: { values: [null, '东园社区'], codes: [1, 0, 1] },
    programme: { values: [null, 'cs-2024'], codes: [1, 1, 1] },
    stage: { values: [null, 'completed', 'design'], codes: [1, 2, 0] },
    location_precision: { values: [null, 'exact', 'approximate'], codes: [1, 1, 2] },
    batch_year: [2023, null, 2024],
    year_built: [1988, 1995, null],
    start_month: [202301, 202400, null],
    completion_month: [202312, null, null],
    households: [420, null, 96],
    residents: [1200, 300, null],
    buildings: [12, 3, null],
    funds: {
      fund_central: { rows: [0, 2], values: [350, 12], unit: 10_000 },
      fund_social: { rows: [1], values: [1234.5] },
    },
    items: { keys: ['gas', 'elevator', 'roof'], words: [[1, 6, 0]] },
    is_synthetic: [0, 1, 1],
    lng: { scale: 1e5, delta: [11290000, 1234, -2234] },
    lat: { scale: 1e5, delta: [2820000, -500, 1500] },
    life_circles: {
      met: [7, null, 1],
      coverage: [1000, null, 333],
      missing_types: { keys: ['school', 'clinic'], words: [[0, 0, 3]] },
    },
  },
  h3: [
    { resolution: 5, cells: ['85411c0ffffffff'], area_km2: [252.9], rows: [0, 0, 0] },
    {
      resolution: 8,
      cells: ['88411c1234fffff', '88411c1235fffff'],
      area_km2: [0.7373, 0.7374],
      rows: [0, 1, 0],
    },
  ],
};

const FIXTURES = new URL('./fixtures/', import.meta.url);
const fixture = (part: string) => new URL(`explore-${part}.bin`, FIXTURES);
const bufferOf = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;

describe('encodeExploreParts', () => {
  const parts = encodeExploreParts(FILE);

  it('writes the committed fixture byte for byte (a layout change must be deliberate: UPDATE_FIXTURES=1)', () => {
    for (const part of ['core', 'figures', 'details'] as const) {
      if (process.env.UPDATE_FIXTURES === '1') writeFileSync(fixture(part), parts[part]);
      expect(Buffer.from(parts[part]).equals(readFileSync(fixture(part))), part).toBe(true);
    }
  });

  it('reads back from the committed fixture every value it was given', () => {
    const core = decodeCorePart(bufferOf(readFileSync(fixture('core'))));
    const figures = decodeFiguresPart(bufferOf(readFileSync(fixture('figures'))), 3);
    const details = decodeDetailsPart(bufferOf(readFileSync(fixture('details'))), 3);
    expect(core.count).toBe(3);
    expect(core.text.city).toEqual({ values: [null, '长沙市'], codes: Uint16Array.from([1, 1, 0]) });
    expect(core.text.community).toBeUndefined();
    expect([...core.text.stage!.codes]).toEqual([1, 2, 0]);
    expect([...core.batchYear]).toEqual([2023, 0, 2024]);
    expect([...core.yearBuilt]).toEqual([1988, 1995, 0]);
    expect([...core.startMonth]).toEqual([202301, 202400, 0]);
    expect([...core.completionMonth]).toEqual([202312, 0, 0]);
    // Funding and people are in the figures part only, not in the core fetched at start.
    expect(Object.keys(core)).not.toContain('households');
    expect(Object.keys(core)).not.toContain('funds');
    // …but its header adds them up, for the first view.
    expect(core.totals).toEqual({
      households: 516,
      residents: 1500,
      fundTotal: 3_500_000 + 1234.5 + 120_000,
      fundFiscal: 3_620_000,
    });
    expect(figures.count).toBe(3);
    expect([...figures.households]).toEqual([420, NaN, 96]);
    expect([...figures.residents]).toEqual([1200, 300, NaN]);
    expect([...figures.buildings]).toEqual([12, 3, NaN]);
    // Yuan, exactly: unit × stored amount.
    expect(figures.funds.map((f) => [f.field, [...f.values]])).toEqual([
      ['fund_central', [3_500_000, NaN, 120_000]],
      ['fund_social', [NaN, 1234.5, NaN]],
    ]);
    expect(core.items.keys).toEqual(['gas', 'elevator', 'roof']);
    expect([...core.items.words[0]!]).toEqual([1, 6, 0]);
    expect([...core.isSynthetic]).toEqual([0, 1, 1]);
    expect([...core.lifeCircles!.met]).toEqual([7, 255, 1]);
    expect([...core.lifeCircles!.coverage]).toEqual([1, NaN, 0.333]);
    expect([...core.lifeCircles!.missingTypes.words[0]!]).toEqual([0, 0, 3]);
    expect(details.id).toEqual(['C1', 'C2', 'C3']);
    expect(details.name).toEqual(['东园小区', '西苑', '南里']);
    expect([...details.community.codes]).toEqual([1, 0, 1]);
    expect([...details.lng]).toEqual([112.9, 112.91234, 112.89]);
    expect([...details.lat]).toEqual([28.2, 28.195, 28.21]);
    expect(details.h3.map((h) => [h.resolution, h.cells, [...h.areaKm2], [...h.cellOf]])).toEqual([
      [5, ['85411c0ffffffff'], [252.9], [0, 0, 0]],
      [8, ['88411c1234fffff', '88411c1235fffff'], [0.7373, 0.7374], [0, 1, 0]],
    ]);
  });

  it('refuses a details or figures part of another row count', () => {
    expect(() => decodeDetailsPart(bufferOf(parts.details), 4)).toThrow(/3 rows, the core part has 4/);
    expect(() => decodeFiguresPart(bufferOf(parts.figures), 2)).toThrow(/3 rows, the core part has 2/);
    expect(() => decodeFiguresPart(bufferOf(parts.core), 3)).toThrow(/is the core part, expected figures/);
  });

  it('names the column that is broken', () => {
    const broken = (change: (f: ExploreFile) => void) => {
      const f = structuredClone(FILE);
      change(f);
      return () => encodeExploreParts(f);
    };
    expect(broken((f) => (f.version = 9))).toThrow('version 9 is not supported');
    expect(broken((f) => (f.columns.households = [1]))).toThrow('column households has 1 rows, expected 3');
    expect(broken((f) => (f.columns.city.codes = [5, 0, 0]))).toThrow('column city row 0 has code 5 of 2');
    expect(broken((f) => (f.columns.batch_year = [2023.5, null, null]))).toThrow(
      'batch_year row 0 has year 2023.5',
    );
    expect(broken((f) => (f.columns.start_month = [202313, null, null]))).toThrow(
      'start_month row 0 has month 202313',
    );
    expect(broken((f) => (f.columns.funds.fund_central!.rows = [0, 3]))).toThrow(
      /fund_central points at row 3/,
    );
    expect(broken((f) => (f.h3[1]!.rows = [0, 2, 0]))).toThrow('h3 r8 row 1 points past the cells');
    expect(
      broken((f) => {
        f.columns.start_month = [100001, null, null];
        f.columns.completion_month = [304801, null, null];
      }),
    ).toThrow('completion_month row 0 is 2048 years from its start');
  });

  it('keeps measures that are not whole numbers, as f64', () => {
    const f = structuredClone(FILE);
    f.columns.households = [420.5, null, 96];
    const figures = decodeFiguresPart(bufferOf(encodeExploreParts(f).figures), 3);
    expect([...figures.households]).toEqual([420.5, NaN, 96]);
  });
});
