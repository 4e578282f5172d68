import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../table';
import { readXlsx, toRawCell } from './xlsx';

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

describe('toRawCell', () => {
  it('converts every exceljs value shape', () => {
    expect(toRawCell(null)).toBeNull();
    expect(toRawCell(undefined)).toBeNull();
    expect(toRawCell('a')).toBe('a');
    expect(toRawCell({ error: '#DIV/0!' })).toBe('#DIV/0!');
    expect(toRawCell({ richText: [{ text: '幸福' }, { text: '里' }] })).toBe('幸福里');
    expect(toRawCell({ text: '链接', hyperlink: 'https://x' })).toBe('链接');
    expect(toRawCell({ formula: 'A1', result: new Date(0) })).toEqual(new Date(0));
    expect(toRawCell({ sharedFormula: 'B2', result: 7 })).toBe(7);
    expect(
      toRawCell({
        text: { richText: [{ text: '富' }, { text: '文本' }] },
        hyperlink: 'x',
      } as unknown as ExcelJS.CellValue),
    ).toBe('富文本');
  });
});
