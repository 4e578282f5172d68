/**
 * A province's folder of city ledgers built in one run (issue 11): each file read with its own
 * header, every row accounted for in its own file, an id two files share rejected in the later
 * one, and the report's counts adding up from files to table to the whole report.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build';
import type { BuildReport, FileReport } from '../../src/contracts/report';

const folder = 'tests/fixtures/province';
const COUNTS = ['rows_read', 'rows_accepted', 'rows_rejected', 'rows_skipped'] as const;

function sum(reports: readonly FileReport[], key: (typeof COUNTS)[number]): number {
  return reports.reduce((n, r) => n + r[key], 0);
}

async function build(communities: string | string[]) {
  const out = mkdtempSync(join(tmpdir(), 'atlas-province-'));
  const result = await buildData({ communities, out, buildTime: new Date(Date.UTC(2024, 0, 1)) });
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as BuildReport;
  const geojson = JSON.parse(
    readFileSync(join(out, 'communities.geojson'), 'utf8'),
  ) as FeatureCollection<Point>;
  return { result, report, geojson };
}

describe('a province folder of ledgers', () => {
  it('reads every ledger of the folder in name order, skipping the lock file and the notes', async () => {
    const { report, result } = await build(folder);
    const table = report.tables.communities!;
    expect(table.file).toBe('3 files');
    expect(table.files?.map((f) => f.file)).toEqual(['株洲市.xlsx', '湘潭市.csv', '长沙市.csv']);
    expect(table.files).toEqual([
      { file: '株洲市.xlsx', rows_read: 3, rows_accepted: 3, rows_rejected: 0, rows_skipped: 0 },
      { file: '湘潭市.csv', rows_read: 3, rows_accepted: 2, rows_rejected: 1, rows_skipped: 1 },
      { file: '长沙市.csv', rows_read: 3, rows_accepted: 2, rows_rejected: 1, rows_skipped: 1 },
    ]);
    const inputs = result.manifest.inputs.filter((i) => i.role === 'communities');
    expect(inputs.map((i) => [i.file, i.header_row, i.sheet])).toEqual([
      ['株洲市.xlsx', 2, '2024年台账'],
      ['湘潭市.csv', 1, undefined],
      ['长沙市.csv', 1, undefined],
    ]);
  });

  it('adds up: each file reads accepted + rejected, the table sums its files, the report its tables', async () => {
    const { report, geojson } = await build(folder);
    const table = report.tables.communities!;
    for (const f of table.files!) expect(f.rows_read).toBe(f.rows_accepted + f.rows_rejected);
    for (const key of COUNTS) {
      expect(table[key]).toBe(sum(table.files!, key));
      expect(report[key]).toBe(sum(Object.values(report.tables), key));
    }
    // Every rejected row has an error in its own file; every accepted one is a feature.
    for (const f of table.files!) {
      const rejectedRows = new Set(report.errors.filter((e) => e.file === f.file).map((e) => e.row));
      expect(rejectedRows.size).toBe(f.rows_rejected);
    }
    expect(geojson.features).toHaveLength(table.rows_accepted);
  });

  it('rejects an id a file read earlier already uses, naming both files and rows', async () => {
    const { report, geojson } = await build(folder);
    expect(report.errors).toContainEqual({
      row: 3,
      column: '编号',
      value: 'CS002',
      reason: 'duplicate id across ledgers: 湘潭市.csv row 4 already uses it (this is 长沙市.csv row 3)',
      table: 'communities',
      file: '长沙市.csv',
    });
    const byId = new Map(geojson.features.map((f) => [f.properties!.id as string, f.properties!]));
    expect(byId.get('CS002')?.source_row).toBe('湘潭市.csv:4');
  });

  it('keeps each record’s row in its own file: title row counted, merged district carried down', async () => {
    const { geojson } = await build(folder);
    const byId = new Map(geojson.features.map((f) => [f.properties!.id as string, f.properties!]));
    expect(byId.get('ZZ003')).toMatchObject({ source_row: '株洲市.xlsx!2024年台账:5', district: '芦淞区' });
    expect(byId.get('CS003')).toMatchObject({ source_row: '长沙市.csv:4', district: '岳麓区' });
  });

  it('reads ledgers given one by one in the order given', async () => {
    const { report } = await build([join(folder, '长沙市.csv'), join(folder, '湘潭市.csv')]);
    expect(report.tables.communities!.files?.map((f) => [f.file, f.rows_rejected])).toEqual([
      ['长沙市.csv', 0],
      ['湘潭市.csv', 2],
    ]);
    expect(report.errors.find((e) => e.value === 'CS002')?.file).toBe('湘潭市.csv');
  });
});
