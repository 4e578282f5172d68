import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toWgs84 } from '../../../src/domain/parse/coordinates';
import { COMMUNITY_FIELDS, type FieldKind } from '../../../src/domain/schema';
import { InputError, type RawCell, type RawTable } from '../table';
import { fnv1a64 } from './common';
import { normaliseCommunities } from './communities';

/** A table as a reader would hand it over: header on `headerRow`, data rows numbered after it. */
function table(headers: string[], rows: RawCell[][], extra: Partial<RawTable> = {}): RawTable {
  const headerRow = extra.headerRow ?? 1;
  return {
    file: 'data/communities.xlsx',
    headerRow,
    headers,
    rows: rows.map((cells, i) => ({ row: headerRow + 1 + i, cells })),
    ...extra,
  };
}

const LEDGER_HEADERS = [
  '序号',
  '项目编号',
  '小区名称',
  '所属城市',
  '区县',
  '经度',
  '纬度',
  '坐标系',
  '建成年代',
  '楼栋数',
  '总户数（户）',
  '建筑面积（万平方米）',
  '项目批次',
  '改造年度',
  '项目进度',
  '开工时间',
  '完工日期',
  '居民同意率',
  '改造内容',
  '加装电梯(部)',
  '中央补助\n（万元）',
  '居民自筹（万元）',
  '备注',
  '示意数据',
];

describe('normaliseCommunities: a messy bureau ledger', () => {
  const t = table(
    LEDGER_HEADERS,
    [
      [
        1,
        'CS-001',
        '桃子湖小区',
        '长沙市',
        '岳麓区',
        '112°56′30.5″E',
        '２８.１９',
        '高德',
        '20世纪90年代',
        '8栋',
        '约702户',
        3.6,
        '2023年第一批',
        '2023年第二批',
        '已完工',
        '2023/5/1',
        45200,
        '95%以上',
        '加装电梯2部、停车位120个、打造口袋公园',
        1,
        '120',
        '3.5万元',
        '<b>x</b> & 备注',
        '是',
      ],
      [null, '', null, '', null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['合  计', null, null, null, null, null, null, null, null, 8, 702],
    ],
    { headerRow: 3, sheet: '2023年台账' },
  );
  const r = normaliseCommunities(t, { sourceLabel: 'communities.xlsx' });
  const rec = r.records[0]!;

  it('accepts the row and skips blank and totals rows', () => {
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(1);
    expect(r.skipped).toEqual([
      { row: 5, reason: 'blank' },
      { row: 6, reason: 'total' },
    ]);
    expect([r.rows_read, r.rows_accepted, r.rows_rejected, r.rows_skipped]).toEqual([1, 1, 0, 2]);
    expect(r.generatedIds).toBe(false);
  });

  it('reads every kind of field', () => {
    expect(rec).toMatchObject({
      id: 'CS-001',
      name: '桃子湖小区',
      city: '长沙市',
      district: '岳麓区',
      crs_source: 'GCJ-02',
      location_precision: 'exact',
      year_built: 1990,
      year_built_precision: 'decade',
      buildings: 8,
      households: 702,
      floor_area_m2: 36000,
      programme: '2023年第一批',
      batch_year: 2023,
      stage: 'completed',
      start_date: '2023-05-01',
      completion_date: '2023-10-01', // Excel serial 45200
      approval_rate: 0.95,
      is_synthetic: true,
      source_row: 'communities.xlsx!2023年台账:4',
    });
    expect(rec.qualifiers).toEqual({ households: 'about', approval_rate: 'more_than' });
    expect(rec.funds).toEqual({ fund_central: 1_200_000, fund_residents: 35_000 });
  });

  it('converts GCJ-02 input to WGS84', () => {
    const [lng, lat] = toWgs84(112 + 56 / 60 + 30.5 / 3600, 28.19, 'GCJ-02');
    expect(rec.lng).toBeCloseTo(lng, 9);
    expect(rec.lat).toBeCloseTo(lat, 9);
    // The GCJ offset in Changsha is hundreds of metres, so an unconverted point would fail this.
    expect(Math.abs(rec.lng - 112.94180555)).toBeGreaterThan(0.003);
  });

  it('merges the item list with per-item columns, summing counts', () => {
    expect(rec.items).toEqual(['elevator_added', 'parking']);
    expect(rec.item_counts).toEqual({ elevator_added: 3, parking: 120 });
    expect(rec.items_other).toEqual(['打造口袋公园']);
    expect(r.warnings).toContainEqual({
      row: 4,
      column: '改造内容',
      value: '打造口袋公园',
      reason: 'unknown item word; kept in items_other',
    });
  });

  it('keeps free text literally', () => {
    expect(rec.note).toBe('<b>x</b> & 备注');
  });

  it('does not report the serial-number column as unknown', () => {
    expect(r.unknownColumns).toEqual([]);
  });
});

describe('normaliseCommunities: every schema field', () => {
  it('reads a value for each field of COMMUNITY_FIELDS into the record', () => {
    const sample: Record<FieldKind, RawCell> = {
      string: '文本',
      integer: '12',
      number: '12.5',
      area: '1200',
      money: '100',
      year: '2001',
      date: '2023-05-01',
      rate: '90%',
      boolean: '是',
      stage: '在建',
      crs: 'WGS84',
      precision: '街道',
      items: '加装电梯1部',
      coordinate: '0',
    };
    const fields = COMMUNITY_FIELDS;
    const cells = fields.map((f) => (f.field === 'lng' ? 112.9 : f.field === 'lat' ? 28.2 : sample[f.kind]));
    const r = normaliseCommunities(
      table(
        fields.map((f) => f.field),
        [cells],
      ),
    );
    expect(r.errors).toEqual([]);
    const rec = r.records[0]! as unknown as Record<string, unknown>;
    for (const f of fields) {
      if (f.kind === 'money') expect(rec.funds, f.field).toHaveProperty(f.field, 100);
      else if (f.kind === 'items') expect(rec.items).toEqual(['elevator_added']);
      else if (f.kind !== 'crs') expect(rec[f.field], f.field).toBeDefined();
    }
    expect(rec.location_precision).toBe('street');
  });
});

describe('normaliseCommunities: row errors', () => {
  const headers = ['编号', '小区名称', '经度', '纬度', '户数', '改造状态', '中央补助(万元)', '建成年份'];
  const r = normaliseCommunities(
    table(headers, [
      ['A1', '好小区', 112.94, 28.19, 300, '在建', 10, 1995],
      ['A2', '坏小区', 28.19, 112.94, '很多', '基本完工', '-5', '2000年以前'],
      ['A3', '', '', '', 100, '', '', ''],
      ['A1', '重号小区', 112.95, 28.2, 10, '', '', ''],
      ['A5', '海外小区', -73.98, 40.75, '', '', '', ''],
      ['A6', '缺纬度', 112.9, '', '', '', '', ''],
      ['A7', '错单位', '112.9', 'N28°13′', '702人', '', '12户', ''],
      ['A8', '反写', 'N28°13′', '112°56′E', '', '', '', ''],
      ['A9', '标错', 'N112°56′', '28.2', '', '', '', ''],
    ]),
  );
  const errorsOf = (row: number) => r.errors.filter((e) => e.row === row);

  it('collects every error of a row with the header as written and the raw value', () => {
    expect(errorsOf(3)).toEqual([
      { row: 3, column: '户数', value: '很多', reason: 'not a number' },
      {
        row: 3,
        column: '改造状态',
        value: '基本完工',
        reason: expect.stringContaining('unknown stage "基本完工"'),
      },
      { row: 3, column: '中央补助(万元)', value: '-5', reason: 'cannot be negative' },
      { row: 3, column: '建成年份', value: '2000年以前', reason: expect.stringContaining('open-ended') },
      { row: 3, column: '经度', value: '28.19', reason: 'latitude and longitude look swapped' },
    ]);
  });

  it('requires a name and coordinates', () => {
    expect(errorsOf(4)).toEqual([
      { row: 4, column: '小区名称', value: '', reason: 'name is required' },
      { row: 4, column: '经度', value: '', reason: 'no coordinates' },
    ]);
    expect(errorsOf(7)).toEqual([{ row: 7, column: '纬度', value: '', reason: 'no latitude' }]);
  });

  it('says swapped when DMS text carries the hemispheres of the other column', () => {
    expect(errorsOf(9)).toEqual([
      { row: 9, column: '经度', value: 'N28°13′', reason: 'latitude and longitude look swapped' },
    ]);
    expect(errorsOf(10)).toEqual([
      {
        row: 10,
        column: '经度',
        value: 'N112°56′',
        reason: 'marked N/S (a latitude) in the longitude column',
      },
    ]);
  });

  it('rejects the later of two rows with the same id, naming the earlier row', () => {
    expect(errorsOf(5)).toEqual([
      { row: 5, column: '编号', value: 'A1', reason: 'duplicate id; first used on row 2' },
    ]);
  });

  it("rejects points outside China's extent on the longitude column", () => {
    expect(errorsOf(6)).toEqual([
      { row: 6, column: '经度', value: '-73.98', reason: "outside China's extent" },
    ]);
  });

  it('checks units written in cells against the field', () => {
    expect(errorsOf(8).map((e) => [e.column, e.reason])).toEqual([
      ['户数', 'unit "人" does not fit 户数 (户)'],
      ['中央补助(万元)', 'unit "户" is not a money unit (元, 万元, 亿元)'],
    ]);
  });

  it('keeps the counts consistent: every data row is a record or has errors', () => {
    expect(r.records.map((x) => x.id)).toEqual(['A1']);
    expect(r.rows_read).toBe(9);
    expect(r.rows_accepted + r.rows_rejected).toBe(r.rows_read);
    expect(new Set(r.errors.map((e) => e.row)).size).toBe(r.rows_rejected);
  });
});

describe('normaliseCommunities: ids', () => {
  const headers = ['城市', '区', '街道', '小区名称', '经度', '纬度'];
  const rows: RawCell[][] = [
    ['长沙市', '岳麓区', '望月湖街道', '教师宿舍', 112.94, 28.19],
    ['长沙市', '天心区', '坡子街街道', '教师宿舍', 112.97, 28.19],
    ['长沙市', '岳麓区', '银盆岭街道', '教师宿舍', 112.95, 28.2],
    ['长沙市', '岳麓区', '银盆岭街道', '教师宿舍', 112.95, 28.2],
  ];
  const r = normaliseCommunities(table(headers, rows));

  it('generates stable ids from city, district and name when there is no id column', () => {
    expect(r.generatedIds).toBe(true);
    const expected = 'gen-' + fnv1a64(['长沙市', '岳麓区', '教师宿舍'].join('\u001f')).slice(0, 12);
    expect(r.records[0]!.id).toBe(expected);
    expect(r.records[0]!.id).toMatch(/^gen-[0-9a-f]{12}$/);
    // Same ids when the rows come in another order.
    const again = normaliseCommunities(table(headers, [rows[1]!, rows[0]!]));
    expect(again.records.map((x) => x.id).sort()).toEqual([r.records[0]!.id, r.records[1]!.id].sort());
  });

  it('tells same-named communities apart by street, and rejects true duplicates', () => {
    expect(r.records.map((x) => x.id)).toHaveLength(3);
    expect(new Set(r.records.map((x) => x.id)).size).toBe(3);
    expect(r.errors).toEqual([
      {
        row: 5,
        column: '小区名称',
        value: '教师宿舍',
        reason: 'same city, district and name as row 2; add an id column',
      },
    ]);
  });

  it('generates ids for empty cells of an id column and says so', () => {
    const x = normaliseCommunities(table(['编号', '名称', '经度', '纬度'], [['', '甲小区', 112.9, 28.2]]));
    expect(x.generatedIds).toBe(true);
    expect(x.records[0]!.id).toMatch(/^gen-/);
    expect(x.warnings[0]).toMatchObject({
      row: 2,
      column: '编号',
      reason: expect.stringContaining('generated'),
    });
  });
});

describe('normaliseCommunities: coordinate systems and defaults', () => {
  const headers = ['名称', 'lng', 'lat', '坐标系统'];
  it('uses the row system, else the file default', () => {
    const r = normaliseCommunities(
      table(headers, [
        ['甲', 116.404, 39.915, '百度'],
        ['乙', 116.404, 39.915, ''],
        ['丙', 116.404, 39.915, 'WGS84'],
        ['丁', 116.404, 39.915, '西安80'],
      ]),
      { crs: 'GCJ-02' },
    );
    expect(r.records.map((x) => x.crs_source)).toEqual(['BD-09', 'GCJ-02', 'WGS84']);
    const [bdLng] = toWgs84(116.404, 39.915, 'BD-09');
    const [gcjLng] = toWgs84(116.404, 39.915, 'GCJ-02');
    expect(r.records.map((x) => x.lng)).toEqual([bdLng, gcjLng, 116.404]);
    expect(r.errors).toEqual([
      {
        row: 5,
        column: '坐标系统',
        value: '西安80',
        reason: expect.stringContaining('unknown coordinate system'),
      },
    ]);
  });

  it('defaults to WGS84, exact precision and not synthetic; source_row without a sheet', () => {
    const r = normaliseCommunities(table(['名称', '经度', '纬度'], [['甲', '112.9', '28.2']]));
    expect(r.records[0]).toMatchObject({
      crs_source: 'WGS84',
      lng: 112.9,
      lat: 28.2,
      location_precision: 'exact',
      is_synthetic: false,
      items: [],
      item_counts: {},
      items_other: [],
      funds: {},
      qualifiers: {},
      source_row: 'data/communities.xlsx:2',
    });
  });

  it('reads the year of a batch and warns about a batch without one', () => {
    const r = normaliseCommunities(
      table(
        ['名称', '经度', '纬度', '批次'],
        [
          ['甲', 112.9, 28.2, '2023年第二批'],
          ['乙', 112.9, 28.2, '第一批'],
          ['丙', 112.9, 28.2, '90年代'],
        ],
      ),
    );
    expect(r.records.map((x) => x.batch_year)).toEqual([2023, undefined]);
    expect(r.warnings).toEqual([
      { row: 3, column: '批次', value: '第一批', reason: 'a batch without a year; batch_year left empty' },
    ]);
    expect(r.errors).toEqual([
      { row: 4, column: '批次', value: '90年代', reason: 'a batch year must be a single year' },
    ]);
  });

  it('reads placeholders in typed columns as empty but keeps them in text columns', () => {
    const r = normaliseCommunities(
      table(['名称', '经度', '纬度', '户数', '完工日期', '地址'], [['甲', 112.9, 28.2, '/', '—', '/']]),
    );
    expect(r.errors).toEqual([]);
    expect(r.records[0]!.households).toBeUndefined();
    expect(r.records[0]!.completion_date).toBeUndefined();
    expect(r.records[0]!.address).toBe('/');
  });
});

describe('normaliseCommunities: file-level problems', () => {
  it('throws InputError naming the file and the missing name column', () => {
    const t = table(['编号', '经度', '纬度'], []);
    expect(() => normaliseCommunities(t)).toThrow(InputError);
    expect(() => normaliseCommunities(t)).toThrow(/data\/communities\.xlsx.*小区名称 \(name/);
  });

  it('throws when coordinates cannot be bound, listing both', () => {
    try {
      normaliseCommunities(table(['小区名称', '地址'], [['甲', '某路1号']]), { sourceLabel: 'x.csv' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toContain('x.csv');
      expect((e as InputError).message).toContain('经度 (lng');
      expect((e as InputError).message).toContain('纬度 (lat');
      expect((e as InputError).message).toContain('Columns found: 小区名称, 地址');
    }
  });

  it('reports unknown and duplicate columns as warnings on the header row', () => {
    const r = normaliseCommunities(
      table(['名称', '小区名称', '经度', '纬度', '联系人'], [['甲', '乙', 112.9, 28.2, '张三']], {
        headerRow: 2,
      }),
    );
    expect(r.records[0]!.name).toBe('甲');
    expect(r.unknownColumns).toEqual(['联系人']);
    expect(r.warnings).toEqual([
      {
        row: 2,
        column: '小区名称',
        value: '',
        reason: 'second column for name; only the first ("名称") is read',
      },
      { row: 2, column: '联系人', value: '', reason: 'unknown column; not read' },
    ]);
  });
});

describe('normaliseCommunities: invariants on arbitrary messy rows', () => {
  const pool: RawCell[] = [
    null,
    '',
    '  ',
    '合计',
    '/',
    '桃子湖小区',
    '<script>',
    112.94,
    28.19,
    '112°56′E',
    'N28°13′',
    '28.19',
    '约702户',
    '很多',
    '已完工',
    '完工了',
    45200,
    '2023年5月',
    '2023-02-30',
    '95%',
    '加装电梯2部、口袋公园',
    '是',
    -1,
    true,
    new Date(Date.UTC(2023, 4, 1)),
  ];
  const headers = [
    '名称',
    '经度',
    '纬度',
    '户数',
    '状态',
    '完工日期',
    '同意率',
    '改造内容',
    '示意数据',
    '编号',
  ];

  it('rows_read = accepted + rejected, each rejected row has an error, accepted rows none', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom(...pool), { minLength: headers.length, maxLength: headers.length }),
          {
            maxLength: 30,
          },
        ),
        (rows) => {
          const r = normaliseCommunities(table(headers, rows));
          expect(r.rows_read + r.rows_skipped).toBe(rows.length);
          expect(r.rows_accepted + r.rows_rejected).toBe(r.rows_read);
          expect(r.records).toHaveLength(r.rows_accepted);
          const rejected = new Set(r.errors.map((e) => e.row));
          expect(rejected.size).toBe(r.rows_rejected);
          for (const rec of r.records) {
            expect(rejected.has(Number(rec.source_row.split(':').pop()))).toBe(false);
            expect(rec.lng).toBeGreaterThan(73);
            expect(rec.lat).toBeGreaterThan(18);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('per-item columns', () => {
  const headers = ['小区名称', '经度', '纬度', '加装电梯（部）', '外立面'];
  it('reads 1 under a header with a unit as a count, and 1 under a bare item header as yes', () => {
    const r = normaliseCommunities(table(headers, [['甲小区', 112.9, 28.2, '1', '1']]));
    expect(r.errors).toEqual([]);
    expect(r.records[0]!.items).toEqual(['elevator_added', 'facade']);
    expect(r.records[0]!.item_counts).toEqual({ elevator_added: 1 });
  });

  it('still reads 是/否 under a header with a unit', () => {
    const r = normaliseCommunities(table(headers, [['乙小区', 112.9, 28.2, '是', '否']]));
    expect(r.records[0]!.items).toEqual(['elevator_added']);
    expect(r.records[0]!.item_counts).toEqual({});
  });
});

describe('normaliseCommunities with releaseRows', () => {
  const headers = ['编号', '小区名称', '市', '区县', '经度', '纬度', '改造状态'];
  const rows = (): RawCell[][] => [
    ['A1', '甲小区', '长沙市', '岳麓区', 112.9, 28.2, '已完工'],
    [null, null, null, null, null, null, null],
    ['A2', '乙小区', '长沙市', '岳麓区', 112.91, 28.21, '快完了'],
    ['A3', '丙小区', ['长沙', '市'].join(''), '岳麓区', 112.92, 28.22, '在建'],
    ['合计', null, null, null, null, null, null],
  ];

  it('gives the same records, counts and issues, and empties each row once read', () => {
    const kept = normaliseCommunities(table(headers, rows()));
    const released = table(headers, rows());
    const r = normaliseCommunities(released, { releaseRows: true });
    expect(r).toEqual(kept);
    expect(r.rows_rejected).toBe(1);
    expect(released.rows.map((row) => row.cells)).toEqual([[], [], [], [], []]);
  });
});

describe('normaliseCommunities: empty containers', () => {
  it('shares one frozen empty item count, unmatched item and qualifier container between rows', () => {
    const r = normaliseCommunities(
      table(
        ['编号', '名称', '经度', '纬度', '改造内容', '户数'],
        [
          ['A', '甲小区', 112.9, 28.2, '加装电梯', 120],
          ['B', '乙小区', 112.91, 28.21, '', 80],
          ['C', '丙小区', 112.92, 28.22, '加装电梯2部；修建火箭发射台', '约300户'],
        ],
      ),
    );
    const [a, b, c] = r.records;
    expect(a!.item_counts).toBe(b!.item_counts);
    expect(a!.items_other).toBe(b!.items_other);
    expect(a!.qualifiers).toBe(b!.qualifiers);
    expect(Object.isFrozen(a!.item_counts) && Object.isFrozen(a!.items_other)).toBe(true);
    expect(() => a!.items_other.push('x')).toThrow(TypeError);
    // A row with values keeps its own.
    expect(c!.item_counts).not.toBe(a!.item_counts);
    expect(c!.items_other).not.toBe(a!.items_other);
    expect(c!.qualifiers).not.toBe(a!.qualifiers);
    expect(Object.keys(c!.qualifiers).length + c!.items_other.length).toBeGreaterThan(1);
  });
});
