import { describe, expect, it } from 'vitest';
import { toWgs84 } from '../../../src/domain/parse/coordinates';
import { InputError, type RawCell, type RawTable } from '../table';
import { normaliseAmenities, parseAmenityStatus } from './amenities';

function table(headers: string[], rows: RawCell[][], extra: Partial<RawTable> = {}): RawTable {
  return {
    file: 'data/amenities.csv',
    headerRow: 1,
    headers,
    rows: rows.map((cells, i) => ({ row: 2 + i, cells })),
    ...extra,
  };
}

describe('parseAmenityStatus', () => {
  it.each([
    ['新建', 'added'],
    ['新增', 'added'],
    ['Added', 'added'],
    [' 现有 ', 'existing'],
    ['原有', 'existing'],
    ['existing', 'existing'],
  ])('%j → %s', (text, value) => {
    expect(parseAmenityStatus(text)).toEqual({ ok: true, value });
  });
  it('rejects other words', () => {
    expect(parseAmenityStatus('拆除').ok).toBe(false);
  });
});

describe('normaliseAmenities', () => {
  const headers = [
    '设施编号',
    '设施名称',
    '设施类型',
    '经度',
    '纬度',
    '坐标系',
    '状态',
    '所属小区编号',
    '面积（㎡）',
    '备注',
  ];
  const r = normaliseAmenities(
    table(headers, [
      ['F1', '望月湖幼儿园', '幼儿园', 112.94, 28.2, '', '现有', 'CS-001', '1,200', '<i>园</i>'],
      ['F2', '老年食堂', '日间照料中心', '112.95', '28.21', '高德', '新建', 'CS-001', '0.03万平方米', ''],
      ['F3', '网吧', '网吧', 112.9, 28.2, '', '拆除', '', '-20', ''],
      ['F1', '重复', '公厕', 112.9, 28.2, '', '', '', '', ''],
      ['F5', '无坐标', 'kindergarten', '', '', '', '', '', '', ''],
      [null, null, null, null, null, null, null, null, null, null],
      ['合计', '', '', '', '', '', '', '', '', ''],
    ]),
    { crs: 'WGS84', sourceLabel: 'amenities.csv' },
  );

  it('reads types by Chinese alias, status words, areas and strings', () => {
    expect(r.records).toHaveLength(2);
    expect(r.records[0]).toEqual({
      id: 'F1',
      name: '望月湖幼儿园',
      type: 'kindergarten',
      lng: 112.94,
      lat: 28.2,
      crs_source: 'WGS84',
      status: 'existing',
      community_id: 'CS-001',
      area_m2: 1200,
      location_precision: 'exact',
      is_synthetic: false,
      note: '<i>园</i>',
      source_row: 'amenities.csv:2',
    });
    const [lng, lat] = toWgs84(112.95, 28.21, 'GCJ-02');
    expect(r.records[1]).toMatchObject({ type: 'elderly_daycare', status: 'added', area_m2: 300, lng, lat });
    expect(r.records[1]!.crs_source).toBe('GCJ-02');
  });

  it('collects all errors of a row, rejects duplicate ids and rows without coordinates', () => {
    expect(r.errors).toEqual([
      { row: 4, column: '设施类型', value: '网吧', reason: expect.stringContaining('unknown amenity type') },
      { row: 4, column: '状态', value: '拆除', reason: expect.stringContaining('unknown status') },
      { row: 4, column: '面积（㎡）', value: '-20', reason: 'cannot be negative' },
      { row: 5, column: '设施编号', value: 'F1', reason: 'duplicate id; first used on row 2' },
      { row: 6, column: '经度', value: '', reason: 'no coordinates' },
    ]);
    expect([r.rows_read, r.rows_accepted, r.rows_rejected, r.rows_skipped]).toEqual([5, 2, 3, 2]);
    expect(r.skipped).toEqual([
      { row: 7, reason: 'blank' },
      { row: 8, reason: 'total' },
    ]);
  });

  it('generates A<row> ids when there is no id column', () => {
    const x = normaliseAmenities(
      table(
        ['type', 'lng', 'lat'],
        [
          ['公厕', 112.9, 28.2],
          ['充电桩', 112.91, 28.21],
        ],
      ),
    );
    expect(x.records.map((a) => [a.id, a.type])).toEqual([
      ['A2', 'public_toilet'],
      ['A3', 'ev_charging'],
    ]);
  });

  it('throws InputError naming the missing columns', () => {
    expect(() => normaliseAmenities(table(['名称', '经度', '纬度'], []))).toThrow(InputError);
    expect(() => normaliseAmenities(table(['名称', '类型'], []))).toThrow(
      /amenities\.csv.*经度 \(lng.*纬度 \(lat/,
    );
  });
});
