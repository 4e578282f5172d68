import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ExploreRow } from '../explore/explore-index';
import { UTF8_BOM } from '../table/csv';
import { downloadName, selectionCsv, selectionGeoJson } from './area-export';
import type { AreaShape } from './area-stats';
import { polygon } from './test-shapes';

function row(overrides: Partial<ExploreRow>): ExploreRow {
  return {
    index: 0,
    id: 'A-1',
    name: '南苑小区',
    city: '长沙市',
    district: '芙蓉区',
    street: '东湖街道',
    community: null,
    programme: 'p',
    stage: 'completed',
    location_precision: 'street',
    batch_year: 2021,
    year_built: 1995,
    start_month: '2021-03',
    completion_month: null,
    households: 300,
    residents: null,
    buildings: 6,
    funds: { fund_central: 1_000_000 },
    fund_total: 1_000_000,
    fund_fiscal: 1_000_000,
    items: ['roads', 'facade'],
    items_basic: 2,
    items_improvement: 0,
    items_enhancement: 0,
    items_count: 2,
    is_synthetic: false,
    lng: 112.98,
    lat: 28.19,
    lc5_met: true,
    lc10_met: false,
    lc15_met: null,
    coverage_score: 0.5,
    missing_types: ['market'],
    ...overrides,
  };
}

/** Parses CSV text the way a spreadsheet import would (after dropping the BOM). */
function parse(text: string): string[][] {
  expect(text.startsWith(UTF8_BOM)).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('selectionCsv', () => {
  it('has one row per community, with the data’s channels in vocabulary order', () => {
    const rows = [
      row({ street: '东湖,"北"街道' }),
      row({ id: 'A-2', name: '=cmd|calc', funds: { fund_residents: 5, fund_central: 7 }, households: null }),
    ];
    const table = parse(selectionCsv(rows, ['fund_residents', 'fund_central']));
    const [header, ...body] = table;
    expect(header!.slice(15, 19)).toEqual(['fund_total', 'fund_fiscal', 'fund_central', 'fund_residents']);
    expect(body).toHaveLength(2);
    const get = (r: string[], name: string) => r[header!.indexOf(name)];
    expect(get(body[0]!, 'name')).toBe('南苑小区');
    expect(get(body[0]!, 'fund_central')).toBe('1000000');
    expect(get(body[0]!, 'fund_residents')).toBe('');
    expect(get(body[0]!, 'items')).toBe('roads,facade');
    expect(get(body[0]!, 'street')).toBe('东湖,"北"街道');
    expect(get(body[0]!, 'lc15_met')).toBe('');
    // Formula-like ledger text is made inert; numbers stay numbers.
    expect(get(body[1]!, 'name')).toBe("'=cmd|calc");
    expect(get(body[1]!, 'households')).toBe('');
    expect(get(body[1]!, 'fund_residents')).toBe('5');
    expect(get(body[1]!, 'lng')).toBe('112.98');
  });

  it('makes formula-like text inert however it is disguised, through the table view’s writer', () => {
    const names = ['\n=cmd|calc', '\u3000＝1+1', ' @SUM(A1)', '｜calc', '\t-1'];
    const rows = names.map((name, i) => row({ id: `A-${i}`, name, lng: -12.5 }));
    const [header, ...body] = parse(selectionCsv(rows, []));
    const column = (name: string) => body.map((r) => r[header!.indexOf(name)]);
    expect(column('name')).toEqual(names.map((n) => `'${n}`));
    // A number stays a number, sign and all.
    expect(column('lng')).toEqual(names.map(() => '-12.5'));
  });
});

describe('selectionGeoJson', () => {
  it('writes points with the row properties and the area as a foreign member', () => {
    const shape: AreaShape = { kind: 'circle', center: [112.98, 28.19], radiusM: 500 };
    const fc = selectionGeoJson([row({})], ['fund_central'], shape, '?stage=completed');
    expect(fc.features).toHaveLength(1);
    const f = fc.features[0]!;
    expect(f.id).toBe('A-1');
    expect(f.geometry.coordinates).toEqual([112.98, 28.19]);
    expect(f.properties).toMatchObject({ name: '南苑小区', fund_central: 1_000_000, lc5_met: true });
    // Missing values are left out rather than written as null; text is not prefixed in JSON.
    expect(f.properties).not.toHaveProperty('residents');
    expect(fc.selection.properties).toEqual({
      kind: 'circle',
      center: [112.98, 28.19],
      radius_m: 500,
      area_km2: Math.round((Math.PI * 500 * 500) / 1e4) / 100,
      filters: '?stage=completed',
    });
    expect(fc.selection.geometry.type).toBe('Polygon');
  });

  it('keeps formula-like names literal in JSON', () => {
    const fc = selectionGeoJson([row({ name: '=1+1' })], [], polygon([0, 0], [1, 0], [0, 1]));
    expect(fc.features[0]!.properties!.name).toBe('=1+1');
  });
});

describe('downloadName', () => {
  it('dates the file and keeps only safe characters', () => {
    expect(downloadName('区域 小区/统计', 'csv', new Date('2024-05-01T12:00:00Z'))).toBe(
      '区域-小区-统计-2024-05-01.csv',
    );
    expect(downloadName('***', 'geojson', new Date('2024-05-01T00:00:00Z'))).toBe(
      'selection-2024-05-01.geojson',
    );
  });
});
