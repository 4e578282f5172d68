/**
 * Reads one worksheet of an `.xlsx` workbook into a grid of raw cells, the way a person sees it in
 * Excel: row numbers kept, merged areas showing their value, formulas showing their result.
 */
import ExcelJS from 'exceljs';
import { InputError, type RawCell } from '../table';

/** A merged area, as 0-based inclusive grid indices (grid row i is spreadsheet row i + 1). */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XlsxSheet {
  /** Name of the sheet read. */
  sheet: string;
  /** Names of all sheets in workbook order, for messages. */
  sheets: string[];
  /**
   * Row i is spreadsheet row i + 1 and column j is column j + 1 (A = 0). Blank rows are kept as
   * empty arrays so row numbers stay what Excel shows; rows are as long as their last value.
   */
  grid: RawCell[][];
  merges: MergedArea[];
}

export interface ReadXlsxOptions {
  /** Sheet to read (default: the first visible sheet, as Excel opens it). */
  sheet?: string;
  /** File name for error messages (default ''). */
  file?: string;
}

/**
 * Reads a worksheet. Cell values: numbers as numbers, dates as `Date` (Excel's wall-clock date
 * and time expressed in UTC: read them with the `getUTC*` methods), rich text flattened, a
 * hyperlink as its text, a formula as its cached result (or `=FORMULA` when the file holds no
 * result, so the cell is reported rather than read as empty), an error as its text (`#N/A`).
 *
 * Merged cells: every cell a merged area covers reads as the area's value, in header and data
 * rows alike. That is what a person sees: a district merged down five rows belongs to all five
 * communities, a group header merged across belongs to each sub-header, and a horizontal merge
 * in a data row (a 合计 label across several columns) says the value holds for each column.
 *
 * Throws InputError for an unknown sheet (listing the sheets), an old binary `.xls` or
 * encrypted workbook, and bytes that are not a workbook.
 */
export async function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): Promise<XlsxSheet> {
  const file = options.file ?? '';
  checkZipSignature(bytes, file);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer); it hands the bytes to JSZip, which takes
    // a Node Buffer as they are, without copying.
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
    );
  } catch (error) {
    throw new InputError(`${file}: not a readable .xlsx workbook (${(error as Error).message})`, file);
  }
  const sheets = workbook.worksheets;
  const names = sheets.map((s) => s.name);
  let worksheet: ExcelJS.Worksheet | undefined;
  if (options.sheet !== undefined) {
    worksheet = sheets.find((s) => s.name === options.sheet);
    if (!worksheet) {
      throw new InputError(
        `${file}: no sheet named "${options.sheet}"; the workbook has: ${names.map((n) => `"${n}"`).join(', ')}`,
        file,
      );
    }
  } else {
    // A hidden first sheet is usually a lookup list; Excel opens on the first visible one.
    worksheet = sheets.find((s) => s.state === 'visible') ?? sheets[0];
    if (!worksheet) throw new InputError(`${file}: the workbook has no sheets`, file);
  }
  return { ...readWorksheet(worksheet), sheets: names };
}

function readWorksheet(worksheet: ExcelJS.Worksheet): Omit<XlsxSheet, 'sheets'> {
  const grid: RawCell[][] = [];
  // On load exceljs creates every cell a merge covers, reading as the master's value: that is the
  // fill rule of `readXlsx`. Merged areas are rebuilt from those cells, each pointing at its master.
  const areas = new Map<string, MergedArea>();
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    while (grid.length < r) grid.push([]);
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      while (cells.length < c) cells.push(null);
      cells.push(toRawCell(cell.value));
      if (cell.isMerged) {
        const master = cell.master;
        const key = master.address;
        const area = areas.get(key);
        if (area) {
          area.bottom = Math.max(area.bottom, r);
          area.right = Math.max(area.right, c);
        } else {
          const top = Number(master.row) - 1;
          const left = Number(master.col) - 1;
          areas.set(key, { top, left, bottom: Math.max(top, r), right: Math.max(left, c) });
        }
      }
    });
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    grid[r] = cells;
  });
  const merges = [...areas.values()].filter((a) => a.bottom > a.top || a.right > a.left);
  return { sheet: worksheet.name, grid, merges };
}

/** Converts an exceljs cell value to what a person sees in the cell. */
export function toRawCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('error' in value) return value.error;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result !== undefined) return toRawCell(value.result);
    return `=${value.formula ?? ('sharedFormula' in value ? value.sharedFormula : '')}`;
  }
  if ('hyperlink' in value) {
    // The displayed text of a hyperlink may itself be rich text.
    const text: unknown = value.text;
    return typeof text === 'string' ? text : toRawCell(text as ExcelJS.CellValue);
  }
  return null;
}

/**
 * An `.xlsx` is a zip (PK). An old `.xls`, and any password-protected workbook, is an OLE
 * compound file, which exceljs cannot read: say so instead of failing on the zip.
 */
function checkZipSignature(bytes: Uint8Array, file: string): void {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) return;
  const isOle = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (isOle) {
    throw new InputError(
      `${file}: old binary .xls (or a password-protected workbook) is not supported: save as .xlsx or CSV`,
      file,
    );
  }
  throw new InputError(`${file}: not an .xlsx workbook (the file does not start with a zip signature)`, file);
}
