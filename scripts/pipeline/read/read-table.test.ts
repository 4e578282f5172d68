import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../table';
import { readGeoJsonTable, readTable } from './read-table';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../tests/fixtures/readers/${name}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);

// The normaliser's judgement stands in here: an alias, ignoring a bracketed unit.
const ALIASES = new Set([
  '序号',
  '区县',
  '街道',
  '小区名称',
  '户数',
  '改造状态',
  '完工日期',
  '中央补助',
  '省级补助',
  '居民自筹',
  '改造内容',
  '备注',
  '建筑面积',
  'a',
  'b',
]);
const isKnownHeader = (text: string) => ALIASES.has(text.replace(/[（(][^）)]*[）)]$/, ''));
const options = { isKnownHeader };

describe('readTable: CSV family', () => {
  it('reads a GBK CSV from Chinese Excel, title row counted in the row numbers', async () => {
    const table = await readTable('data/gbk.csv', fixture('gbk.csv'), options);
    expect(table.encoding).toBe('gb18030');
    expect(table.file).toBe('data/gbk.csv');
    expect(table.headerRow).toBe(2);
    expect(table.headers).toEqual(['序号', '小区名称', '区县', '户数', '中央补助（万元）', '改造状态']);
    expect(table.rows.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(table.rows[1]?.cells).toEqual(['2', '光明路1号院,2号院', '东城区', '86', '45', '施工中']);
    expect(table.rows[2]?.cells[4]).toBe('1,050');
  });

  it('reads a UTF-8 CSV with a BOM: the BOM is not part of the first header', async () => {
    const table = await readTable('utf8-bom.csv', fixture('utf8-bom.csv'), options);
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.headers[0]).toBe('小区名称');
    expect(table.rows[0]?.cells).toEqual(['幸福里小区', '320', '加装电梯2部\n外墙保温', '居民称"焕然一新"']);
    expect(table.rows[1]).toEqual({ row: 3, cells: ['和平新村', '1200', '雨污分流', null] });
  });

  it('detects semicolon and tab delimiters, and reads UTF-16 "Unicode text"', async () => {
    const semicolon = await readTable('semicolon.csv', fixture('semicolon.csv'), options);
    expect(semicolon.headers).toEqual(['小区名称', '户数', '建筑面积（万平方米）']);
    expect(semicolon.rows[0]?.cells).toEqual(['幸福里小区', '320', '1,5']);
    for (const name of ['tab.txt', 'unicode-text.txt']) {
      const table = await readTable(name, fixture(name), options);
      expect(table.headers).toEqual(['小区名称', '户数', '改造状态']);
      expect(table.rows[1]?.cells).toEqual(['和平新村', '1200', '施工中']);
    }
  });

  it('reads .tsv as tab-separated even when commas dominate the values', async () => {
    const table = await readTable('x.tsv', utf8('a\tb\n1,2,3\t4,5,6\n'), options);
    expect(table.rows[0]?.cells).toEqual(['1,2,3', '4,5,6']);
  });

  it('drops fully empty trailing columns but keeps an unnamed column holding data', async () => {
    const trailing = await readTable('t.csv', utf8('a,b,,\n1,2,,\n3,4,,\n'), options);
    expect(trailing.headers).toEqual(['a', 'b']);
    expect(trailing.rows[0]?.cells).toEqual(['1', '2']);
    const unnamed = await readTable('u.csv', utf8('a,b\n1,2,x\n3\n'), options);
    expect(unnamed.headers).toEqual(['a', 'b', '']);
    expect(unnamed.rows.map((r) => r.cells)).toEqual([
      ['1', '2', 'x'],
      ['3', null, null],
    ]);
  });

  it('keeps blank rows inside the table and drops those after the last value', async () => {
    const table = await readTable('b.csv', utf8('a,b\n1,2\n,\n\n3,4\n,\n\n'), options);
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(table.rows[1]?.cells).toEqual([null, null]);
  });

  it('names the file and shows the first row when no header is found', async () => {
    const read = readTable('data/notes.csv', utf8('填表说明,第二列\n金额单位为万元\n'), options);
    await expect(read).rejects.toThrow(InputError);
    await expect(readTable('data/notes.csv', utf8('填表说明,第二列\n'), options)).rejects.toThrow(
      /^data\/notes\.csv: no header row found .*the first non-blank row reads: 填表说明 \| 第二列$/,
    );
  });

  it('turns broken quoting and undecodable text into InputErrors naming the file', async () => {
    await expect(readTable('q.csv', utf8('a,b\n"1,2\n'), options)).rejects.toThrow(/^q\.csv: quoted field/);
    await expect(readTable('g.csv', new Uint8Array([0x61, 0xff, 0xff]), options)).rejects.toThrow(
      /^g\.csv: /,
    );
  });

  it('refuses a NUL character, naming the line: binary data, or UTF-16 without its mark', async () => {
    const nul = utf8('小区名称,户数\n幸福\0里,320\n');
    await expect(readTable('n.csv', nul, options)).rejects.toThrow(
      'n.csv: line 2 holds a NUL character: the file is not a text table, or is UTF-16 text without a ' +
        'byte-order mark; save it as "CSV UTF-8"',
    );
    const utf16 = new Uint8Array(Buffer.from('小区名称\t户数\n', 'utf16le'));
    await expect(readTable('u.txt', utf16, options)).rejects.toThrow(/^u\.txt: line 1 holds a NUL character/);
    // With its byte-order mark UTF-16 is read, and a real NUL in it is still found.
    const marked = new Uint8Array([0xff, 0xfe, ...Buffer.from('小区名称\t户数\n幸福里\t3\0\n', 'utf16le')]);
    await expect(readTable('m.txt', marked, options)).rejects.toThrow(
      /^m\.txt: line 2 holds a NUL character/,
    );
  });

  it('refuses a cell longer than a spreadsheet cell can be, naming the cell', async () => {
    const swallowed = Array.from({ length: 3000 }, (_, i) => `第${i}号小区（示例）,${i}`).join('\n');
    const text = `小区名称,户数\n幸福里,320\n"和平里,100\n${swallowed}",7\n`;
    await expect(readTable('s.csv', utf8(text), options)).rejects.toThrow(
      /^s\.csv: cell A3 holds [\d,]+ characters, more than the 32,767 a spreadsheet cell can hold \(in a CSV, a stray " joins the lines after it into one cell\)$/,
    );
    const long = `小区名称,户数\n${'长'.repeat(32_767)},1\n`;
    await expect(readTable('l.csv', utf8(long), options)).resolves.toBeDefined();
  });
});

describe('readTable: XLSX', () => {
  it('reads the ledger: title rows passed, two-row header folded, merged districts filled down', async () => {
    const table = await readTable('ledger.xlsx', fixture('ledger.xlsx'), options);
    expect(table.sheet).toBe('2023年台账');
    expect(table.encoding).toBeUndefined();
    expect(table.headerRow).toBe(4);
    expect(table.headers).toEqual([
      '序号',
      '区县',
      '街道',
      '小区名称',
      '户数',
      '中央补助（万元）',
      '省级补助（万元）',
      '居民自筹（万元）',
      '改造状态',
      '完工日期',
    ]);
    // Rows 5-13 as Excel numbers them; trailing blank row 14 and the formatted row 15 are gone.
    expect(table.rows.map((r) => r.row)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(table.rows.filter((r) => r.row <= 9).map((r) => r.cells[1])).toEqual(Array(5).fill('东城区'));
    expect(table.rows.find((r) => r.row === 10)?.cells.every((c) => c === null)).toBe(true);
    const totals = table.rows.find((r) => r.row === 13);
    expect(totals?.cells.slice(0, 5)).toEqual(['合计', '合计', '合计', '合计', 2701]);
    expect(table.rows.every((r) => r.cells.length === table.headers.length)).toBe(true);
  });

  it('reads a named sheet, and says which sheets exist when the default one has no header', async () => {
    const named = await readTable('two.xlsx', fixture('two-sheets.xlsx'), { ...options, sheet: '台账' });
    expect(named.sheet).toBe('台账');
    expect(named.rows).toEqual([
      { row: 2, cells: ['幸福里小区', 320, '已完工'] },
      { row: 3, cells: ['和平新村', 1200, '施工中'] },
    ]);
    await expect(readTable('two.xlsx', fixture('two-sheets.xlsx'), options)).rejects.toThrow(
      /of sheet "填表说明" \(the workbook has: 填表说明, 台账/,
    );
  });

  it('rejects .xls and unknown extensions, and a workbook named .csv', async () => {
    await expect(readTable('old.XLS', new Uint8Array(), options)).rejects.toThrow(
      'old binary .xls is not supported: save as .xlsx or CSV',
    );
    await expect(readTable('data.ods', new Uint8Array(), options)).rejects.toThrow(
      /unsupported table format "\.ods"/,
    );
    await expect(readTable('ledger.csv', fixture('ledger.xlsx'), options)).rejects.toThrow(/name it \.xlsx/);
  });
});

describe('readGeoJsonTable', () => {
  const collection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { 名称: '幸福里卫生站', 类型: '社区卫生服务站' },
        geometry: { type: 'Point', coordinates: [116.4, 39.9] },
      },
      {
        type: 'Feature',
        properties: { 名称: '和平幼儿园', 面积: 1200, tags: ['a'], lng: 1 },
        geometry: { type: 'Point', coordinates: [116.41, 39.91, 50] },
      },
      { type: 'Feature', properties: { 名称: '街区' }, geometry: { type: 'Polygon', coordinates: [] } },
      { type: 'Feature', properties: null, geometry: null },
    ],
  };

  it('makes a table of the union of properties plus lng/lat from the geometry', () => {
    const table = readGeoJsonTable('amenities.geojson', utf8(JSON.stringify(collection)));
    expect(table.headers).toEqual(['名称', '类型', '面积', 'tags', 'lng', 'lat']);
    expect(table.headerRow).toBe(0);
    expect(table.rows).toEqual([
      { row: 1, cells: ['幸福里卫生站', '社区卫生服务站', null, null, 116.4, 39.9] },
      { row: 2, cells: ['和平幼儿园', null, 1200, '["a"]', 116.41, 39.91] },
      { row: 3, cells: ['街区', null, null, null, null, null] },
      { row: 4, cells: [null, null, null, null, null, null] },
    ]);
  });

  it('throws InputError for bad JSON or a non-collection', () => {
    expect(() => readGeoJsonTable('a.geojson', utf8('{'))).toThrow(/^a\.geojson: not valid JSON/);
    expect(() => readGeoJsonTable('a.geojson', utf8('{"type":"Point","coordinates":[1,2]}'))).toThrow(
      'a.geojson: expected a GeoJSON FeatureCollection, found a "Point" object',
    );
  });

  it('reads a feature that is not an object, or has properties that are not one, as a row of nulls', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [null, 7, { type: 'Feature', properties: 'abc', geometry: null }],
    });
    const table = readGeoJsonTable('a.geojson', utf8(text));
    expect(table.headers).toEqual(['lng', 'lat']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });
});
