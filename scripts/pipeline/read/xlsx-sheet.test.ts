import { describe, expect, it } from 'vitest';
import { excelSerialToDate, SheetError, SheetGridReader, type SheetContext } from './xlsx-sheet';
import { XmlScanner } from './xml-scanner';

const context: SheetContext = {
  sharedStrings: ['名称', 'rich text', null],
  dateStyles: new Set([2]),
  date1904: false,
};

function readSheet(sheetData: string, tail = '', ctx = context): SheetGridReader {
  const reader = new SheetGridReader(ctx, 1_048_576, 16_384);
  const scanner = new XmlScanner(reader);
  scanner.push(new TextEncoder().encode(`<worksheet><sheetData>${sheetData}</sheetData>${tail}</worksheet>`));
  scanner.end();
  return reader;
}

describe('SheetGridReader', () => {
  it('places cells at their Excel row and column, keeping blank rows and padding skipped columns', () => {
    const r = readSheet(
      '<row r="2"><c r="C2" t="s"><v>0</v></c></row><row r="3"><c r="A3"/><c r="B3" s="1"/></row>' +
        '<row r="5"><c r="B5"><v>7</v></c><c><v>8</v></c></row>',
      '<mergeCells><mergeCell ref="A2:B2"/></mergeCells>',
    );
    expect(r.grid).toEqual([[], [null, null, '名称'], [], [], [null, 7, 8]]);
    expect([r.lastRow, r.lastCol, r.farthest]).toEqual([4, 2, 'C2']);
    expect(r.mergeRefs).toEqual(['A2:B2']);
  });

  it('reads each kind of value as Excel shows it', () => {
    const r = readSheet(
      '<row r="1">' +
        '<c r="A1" t="s"><v>2</v></c>' + // an empty shared string
        '<c r="B1" t="b"><v>1</v></c>' +
        '<c r="C1" t="e"><v>#N/A</v></c>' +
        '<c r="D1" s="2"><v>45000.5</v></c>' + // date style
        '<c r="E1" s="1"><v>45000.5</v></c>' + // not a date style
        '<c r="F1" t="inlineStr"><is><r><t>甲</t></r><r><t>乙_x0041_</t></r></is></c>' +
        '<c r="G1" t="str"><v>a&amp;amp;b</v></c>' +
        '</row>',
    );
    expect(r.grid[0]).toEqual([
      null,
      true,
      '#N/A',
      excelSerialToDate(45000.5, false),
      45000.5,
      '甲乙A',
      'a&b',
    ]);
    expect(excelSerialToDate(45000.5, false)).toEqual(new Date(Date.UTC(2023, 2, 15, 12)));
    expect(excelSerialToDate(0, true)).toEqual(new Date(Date.UTC(1904, 0, 1)));
  });

  it('reads a formula as its cached result, zero included, and as its formula without one', () => {
    const r = readSheet(
      '<row r="1"><c r="A1"><f>SUM(B1:C1)</f><v>0</v></c><c r="B1" t="b"><f>B2</f><v>0</v></c>' +
        '<c r="C1"><f>D1*2</f></c><c r="D1"><f t="shared" ref="D1:D3" si="0">E1</f></c></row>' +
        '<row r="2"><c r="D2"><f t="shared" si="0"/><v>5</v></c></row>' +
        '<row r="3"><c r="D3"><f t="shared" si="0"/></c></row>',
    );
    expect(r.grid).toEqual([
      [0, false, '=D1*2', '=E1'],
      [null, null, null, 5],
      [null, null, null, '=D1'],
    ]);
  });

  it('refuses a row past the last row and a shared string the workbook lacks', () => {
    expect(() => readSheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>')).toThrow(
      new SheetError('has a row numbered 1,048,577'),
    );
    expect(() => readSheet('<row r="1"><c r="A1" t="s"><v>9</v></c></row>')).toThrow(
      'cell A1 points at shared string 9, which the workbook lacks',
    );
  });
});
