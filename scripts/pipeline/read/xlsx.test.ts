import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rawZip, worksheetXml, xlsxBytes } from '../../fixtures/make-bad-fixtures';
import { InputError } from '../table';
import { readXlsx, XLSX_LIMITS } from './xlsx';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../tests/fixtures/readers/${name}`, import.meta.url));

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('readXlsx on the ledger fixture', () => {
  it('keeps spreadsheet row numbers: grid row i is row i + 1, blank rows included', async () => {
    const { sheet, sheets, grid } = await readXlsx(fixture('ledger.xlsx'));
    expect(sheet).toBe('2023年台账');
    expect(sheets).toEqual(['2023年台账']);
    expect(grid[0]?.[0]).toBe('示例市2023年老旧小区改造项目台账'); // A1
    expect(grid[1]?.[0]).toBe('填报日期：2023年12月'); // A2
    expect(grid[1]?.[9]).toBe('单位：万元'); // J2
    expect(grid[4]?.[3]).toBe('幸福里小区'); // D5
    expect(grid[9]).toEqual([]); // row 10 is blank
    expect(grid[10]?.[3]).toBe('和平新村'); // D11
  });

  it('lists merged areas as 0-based inclusive indices', async () => {
    const { merges } = await readXlsx(fixture('ledger.xlsx'));
    expect(merges).toContainEqual({ top: 0, left: 0, bottom: 0, right: 9 }); // A1:J1
    expect(merges).toContainEqual({ top: 2, left: 5, bottom: 2, right: 7 }); // F3:H3
    expect(merges).toContainEqual({ top: 4, left: 1, bottom: 8, right: 1 }); // B5:B9
    expect(merges).toContainEqual({ top: 12, left: 0, bottom: 12, right: 3 }); // A13:D13
    expect(merges).toHaveLength(12); // the four above, A3:A4 … E3:E4, I3:I4, J3:J4 and B11:B12
  });

  it('fills every cell of a merged area with its value: titles, headers and data rows', async () => {
    const { grid } = await readXlsx(fixture('ledger.xlsx'));
    expect(grid[0]?.slice(0, 10).every((v) => v === '示例市2023年老旧小区改造项目台账')).toBe(true);
    expect(grid[2]?.slice(5, 8)).toEqual(['资金来源（万元）', '资金来源（万元）', '资金来源（万元）']);
    expect(grid[3]?.[3]).toBe('小区名称'); // D3:D4 merged down over the sub-header row
    // 东城区 merged down B5:B9 reaches all five communities; 西城区 B11:B12 both of its rows.
    expect([4, 5, 6, 7, 8].map((r) => grid[r]?.[1])).toEqual(Array(5).fill('东城区'));
    expect([10, 11].map((r) => grid[r]?.[1])).toEqual(['西城区', '西城区']);
    expect(grid[12]?.slice(0, 4)).toEqual(['合计', '合计', '合计', '合计']);
  });

  it('reads values as a person sees them', async () => {
    const { grid } = await readXlsx(fixture('ledger.xlsx'));
    expect(grid[4]?.[4]).toBe(320); // number
    expect(grid[4]?.[5]).toBe(120.5);
    expect(grid[4]?.[9]).toEqual(new Date(Date.UTC(2023, 10, 20))); // date
    expect(grid[5]?.[3]).toBe('光明路1号院'); // rich text flattened
    expect(grid[6]?.[3]).toBe('胡同新苑'); // hyperlink text
    expect(grid[7]?.[9]).toBe('#N/A'); // formula whose result is an error
    expect(grid[12]?.[4]).toBe(2701); // SUM formula: cached result
  });
});

describe('readXlsx', () => {
  it('reads the first sheet unless one is named', async () => {
    const bytes = fixture('two-sheets.xlsx');
    expect((await readXlsx(bytes)).sheet).toBe('填表说明');
    const named = await readXlsx(bytes, { sheet: '台账' });
    expect(named.sheet).toBe('台账');
    expect(named.grid[1]).toEqual(['幸福里小区', 320, '已完工']);
  });

  it('throws InputError listing the sheets for an unknown sheet name', async () => {
    const read = readXlsx(fixture('two-sheets.xlsx'), { sheet: 'Sheet1', file: 'two.xlsx' });
    await expect(read).rejects.toThrow(InputError);
    await expect(readXlsx(fixture('two-sheets.xlsx'), { sheet: 'Sheet1' })).rejects.toThrow(
      /no sheet named "Sheet1"; the workbook has: "填表说明", "台账"/,
    );
  });

  it('skips a hidden first sheet, as Excel opens on the first visible one', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('lookup', { state: 'hidden' }).addRow(['x']);
      wb.addWorksheet('ledger').addRow(['小区名称']);
    });
    expect((await readXlsx(bytes)).sheet).toBe('ledger');
  });

  it('shows a formula without a cached result as its formula, not as an empty cell', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('s');
      ws.getCell('A1').value = 1;
      ws.getCell('A2').value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
    });
    expect((await readXlsx(bytes)).grid[1]).toEqual(['=A1*2']);
  });

  it('pads skipped columns with null and keeps booleans', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('s').getCell('C1').value = true;
    });
    expect((await readXlsx(bytes)).grid).toEqual([[null, null, true]]);
  });

  it('rejects an old binary .xls (OLE file) with a clear InputError', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(readXlsx(ole, { file: 'old.xlsx' })).rejects.toThrow(
      /old binary \.xls.*save as \.xlsx or CSV/,
    );
  });

  it('rejects bytes that are not a workbook', async () => {
    await expect(readXlsx(new TextEncoder().encode('a,b\n1,2\n'))).rejects.toThrow(InputError);
    await expect(readXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).rejects.toThrow(/not a readable \.xlsx/);
  });
});

describe('readXlsx on hostile workbooks', () => {
  const header = ['编号', '小区名称', '经度', '纬度'];
  const ledger = [header, ['C1', '好小区', 112.88, 28.21], ['C2', '和平小区', 112.89, 28.22]];
  const read = (sheet: string, limits = XLSX_LIMITS) =>
    readXlsx(xlsxBytes(sheet), { file: 'x.xlsx', limits });

  it('applies a merge over the whole sheet (17 billion cells) within the values only, at once', async () => {
    const started = performance.now();
    const { grid, merges } = await read(worksheetXml(ledger, { merges: ['A1:XFD1048576'] }));
    expect(performance.now() - started).toBeLessThan(2000);
    // As Excel shows it: the top-left value in every cell the area covers.
    expect(grid).toEqual(ledger.map((row) => row.map(() => '编号')));
    expect(merges).toEqual([{ top: 0, left: 0, bottom: 2, right: 3 }]);
  });

  it('drops a merged range that lies beyond the values, and blanks what a blank merge covers', async () => {
    const beside = await read(worksheetXml(ledger, { merges: ['E1:XFD1048576'] }));
    expect(beside.grid).toEqual(ledger);
    expect(beside.merges).toEqual([]);
    const blank = await read(
      worksheetXml(
        [
          [null, 'x', 'y'],
          ['a', 'b', 'c'],
        ],
        { merges: ['A1:B1'] },
      ),
    );
    expect(blank.grid).toEqual([
      [null, null, 'y'],
      ['a', 'b', 'c'],
    ]);
  });

  it('refuses merged ranges outside Excel’s grid or not ranges at all, naming file, sheet and range', async () => {
    await expect(read(worksheetXml(ledger, { merges: ['A2:A2000000'] }))).rejects.toThrow(
      new InputError(
        'x.xlsx: sheet "Sheet1": merged range "A2:A2000000" goes past Excel\'s last cell XFD1048576: the file is ' +
          'damaged or was not written by a spreadsheet',
        'x.xlsx',
      ),
    );
    await expect(read(worksheetXml(ledger, { merges: ['A1:B'] }))).rejects.toThrow(
      'x.xlsx: sheet "Sheet1": merged range "A1:B" is not a cell range: the file is damaged',
    );
  });

  it('refuses a sheet whose values span more cells than the limit, pointing at the farthest value', async () => {
    const far = worksheetXml(ledger, { extraRows: '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' });
    await expect(read(far)).rejects.toThrow(
      /^x\.xlsx: sheet "Sheet1" spans A1:XFD1048576 \(1,048,576 rows × 16,384 columns = 17,179,869,184 cells\), more than the 50,000,000 cells .* holds a value in XFD1048576\)$/,
    );
    await expect(read(worksheetXml(ledger), { ...XLSX_LIMITS, maxSheetCells: 11 })).rejects.toThrow(
      /spans A1:D3 \(3 rows × 4 columns = 12 cells\), more than the 11 cells/,
    );
  });

  it('refuses merges that together fill more cells than the limit, naming the range that passes it', async () => {
    const overlapping = worksheetXml(ledger, { merges: ['A1:D3', 'A1:D3'] });
    await expect(read(overlapping, { ...XLSX_LIMITS, maxMergedCells: 20 })).rejects.toThrow(
      'x.xlsx: sheet "Sheet1": merged range "A1:D3" brings the cells merged areas fill to more than 20: ' +
        'the merges overlap or cover far more than a ledger',
    );
  });

  it('refuses a row numbered past Excel’s last row', async () => {
    const sheet = worksheetXml(ledger, { extraRows: '<row r="2000000"><c r="A2000000"><v>1</v></c></row>' });
    await expect(read(sheet)).rejects.toThrow(
      /^x\.xlsx: sheet "Sheet1" has a row numbered 2,000,000, past Excel's last row 1,048,576/,
    );
  });

  it('ignores column ranges, data validations and conditional formats that exceljs would expand', async () => {
    const tail =
      '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1>' +
      '</dataValidation></dataValidations>' +
      '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" priority="1"><formula>TRUE</formula>' +
      '</cfRule></conditionalFormatting>';
    const sheet = worksheetXml(ledger, { tail }).replace(
      '<sheetData>',
      '<cols><col min="1" max="1000000000" width="9"/></cols><sheetData>',
    );
    const started = performance.now();
    expect((await read(sheet)).grid).toEqual(ledger);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a workbook whose zip would inflate past the limits, before exceljs reads it', async () => {
    const bomb = xlsxBytes(worksheetXml(ledger, { tail: ' '.repeat(12 * 1024 * 1024) }));
    await expect(readXlsx(bomb, { file: 'b.xlsx' })).rejects.toThrow(
      /^b\.xlsx: member "xl\/worksheets\/sheet1\.xml" declares 12 MB from \d+ KB \([\d,]+:1, more than 200:1\): refusing a possible zip bomb$/,
    );
    const small = { ...XLSX_LIMITS, zip: { ...XLSX_LIMITS.zip, maxTotalBytes: 1024 } };
    await expect(
      readXlsx(xlsxBytes(worksheetXml(ledger)), { file: 'b.xlsx', limits: small }),
    ).rejects.toThrow(
      /^b\.xlsx: the members to read declare [\d.]+ KB in all, more than the 1 KB limit: refusing a possible zip bomb$/,
    );
    const lying = rawZip([
      { name: 'xl/workbook.xml', content: new Uint8Array(2 * 1024 * 1024).fill(0x20), declaredSize: 100 },
    ]);
    await expect(readXlsx(lying, { file: 'b.xlsx' })).rejects.toThrow(
      'b.xlsx: member "xl/workbook.xml" inflates to more than the 100 bytes it declares: refusing a possible zip bomb',
    );
  });

  it('applies the merges of the sheet read, found through the workbook’s relationships', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('说明').addRow(['a', 'b', 'c']);
      const ws = wb.addWorksheet('台账');
      ws.addRow(['资金来源', null, '户数']);
      ws.addRow(['中央', '省级', 10]);
      ws.mergeCells('A1:B1');
    });
    expect((await readXlsx(bytes, { sheet: '台账' })).grid[0]).toEqual(['资金来源', '资金来源', '户数']);
    expect((await readXlsx(bytes, { sheet: '说明' })).merges).toEqual([]);
  });
});
