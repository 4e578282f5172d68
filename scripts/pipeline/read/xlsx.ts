/**
 * Reads one worksheet of an `.xlsx` workbook into a grid of raw cells, the way a person sees it in
 * Excel: row numbers kept, merged areas showing their value, formulas showing their result.
 *
 * A workbook is untrusted input: a zip whose members may inflate a thousandfold, and XML whose
 * ranges a reader might expand cell by cell (one `<mergeCell ref="A1:XFD1048576"/>` is 17
 * billion cells). So every member is inflated through the zip guard, the worksheet is read as a
 * stream of XML as it inflates (never held whole, nor as a model of cell objects: a 220,000-row
 * ledger read with exceljs's full model took 2.5 GB), only the cells' values are kept, and merges
 * are applied here, clipped to the cells that hold values and within `XLSX_LIMITS`.
 */
import { InputError, type RawCell } from '../table';
import { columnIndex, columnName } from './column-letters';
import { readWorkbookXml, SharedStringsReader, StylesReader } from './xlsx-parts';
import { SheetError, SheetGridReader, type SheetContext } from './xlsx-sheet';
import { XmlScanner, type XmlHandler } from './xml-scanner';
import {
  checkDeclaredSizes,
  DEFAULT_ZIP_LIMITS,
  inflateMember,
  listZipMembers,
  streamMember,
  type ZipLimits,
  type ZipMember,
} from './zip-guard';

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

/** Sizes a workbook may reach before it is refused rather than read. */
export interface XlsxLimits {
  /** What the workbook's zip may inflate to. */
  zip: Readonly<ZipLimits>;
  /** Most cells in the rectangle from A1 to the last row and column holding a value. */
  maxSheetCells: number;
  /** Most cells merged areas may fill, after clipping to that rectangle. */
  maxMergedCells: number;
}

/**
 * 50 million cells: a national ledger of 220,000 rows × 60 columns is 13 million, and each cell
 * of the grid costs 8 bytes before it holds anything, so 50 million is 400 MB of padding alone.
 */
export const XLSX_LIMITS: Readonly<XlsxLimits> = {
  zip: DEFAULT_ZIP_LIMITS,
  maxSheetCells: 50_000_000,
  maxMergedCells: 50_000_000,
};

/** Excel's own grid: no real workbook has a cell past XFD1048576. */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

/** Options of `readXlsx`. */
export interface ReadXlsxOptions {
  /** Sheet to read (default: the first visible sheet, as Excel opens it). */
  sheet?: string;
  /** File name for error messages (default ''). */
  file?: string;
  /** Limits (default `XLSX_LIMITS`); tests lower them. */
  limits?: Readonly<XlsxLimits>;
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
 * Merged areas are clipped to the rectangle from A1 to the last row and column holding a value:
 * beyond it they would only fill blank cells nobody reads.
 *
 * Throws InputError for an unknown sheet (listing the sheets), an old binary `.xls` or
 * encrypted workbook, bytes that are not a workbook, a zip that would inflate past
 * `limits.zip`, a cell or merged range outside Excel's grid, and a sheet whose values span more
 * than `limits.maxSheetCells` or whose merges would fill more than `limits.maxMergedCells`.
 */
export async function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): Promise<XlsxSheet> {
  // Async for its callers' sake (the reader it replaced was); the work is synchronous.
  await Promise.resolve();
  return readXlsxSync(bytes, options);
}

function readXlsxSync(bytes: Uint8Array, options: ReadXlsxOptions): XlsxSheet {
  const file = options.file ?? '';
  const limits = options.limits ?? XLSX_LIMITS;
  checkZipSignature(bytes, file);
  const members = listZipMembers(file, bytes, '.xlsx workbook').filter((m) => !m.name.endsWith('/'));
  checkDeclaredSizes(file, members, limits.zip);
  const byName = new Map(members.map((m) => [m.name.startsWith('/') ? m.name.slice(1) : m.name, m]));
  const decoder = new TextDecoder();
  const text = (name: string) => {
    const member = byName.get(name);
    return member ? decoder.decode(inflateMember(file, bytes, member)) : '';
  };
  const workbookXml = text('xl/workbook.xml');
  const relsXml = text('xl/_rels/workbook.xml.rels');
  const { sheets: listed, date1904 } = readWorkbookXml(workbookXml, relsXml);
  // exceljs listed only the sheets whose worksheet part exists (a chart sheet is not one).
  const sheets = listed.filter(
    (s) => s.part !== undefined && WORKSHEET_PART.test(s.part) && byName.has(s.part),
  );
  const names = sheets.map((s) => s.name);
  let chosen;
  if (options.sheet !== undefined) {
    chosen = sheets.find((s) => s.name === options.sheet);
    if (!chosen) {
      verifyMembers(file, bytes, members, new Set());
      throw new InputError(
        `${file}: no sheet named "${options.sheet}"; the workbook has: ${names.map((n) => `"${n}"`).join(', ')}`,
        file,
      );
    }
  } else {
    // A hidden first sheet is usually a lookup list; Excel opens on the first visible one.
    chosen = sheets.find((s) => s.state === 'visible') ?? sheets[0];
    if (!chosen) {
      verifyMembers(file, bytes, members, new Set());
      if (!workbookXml)
        throw new InputError(`${file}: not a readable .xlsx workbook (it has no xl/workbook.xml)`, file);
      throw new InputError(`${file}: the workbook has no sheets`, file);
    }
  }
  const sharedStrings = new SharedStringsReader();
  const styles = new StylesReader();
  const parts = new Map<string, XmlHandler>([
    ['xl/sharedStrings.xml', sharedStrings],
    ['xl/styles.xml', styles],
  ]);
  for (const [name, handler] of parts) {
    const member = byName.get(name);
    if (member) scanMember(file, bytes, member, handler);
  }
  // Every other member is inflated too, and counted against what it declares, as when exceljs
  // inflated them all: a lying member is refused wherever it is.
  const sheetPart = chosen.part!;
  verifyMembers(
    file,
    bytes,
    members,
    new Set([...parts.keys(), 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', sheetPart]),
  );
  const context: SheetContext = {
    sharedStrings: sharedStrings.strings,
    dateStyles: styles.dateStyles,
    date1904,
  };
  return {
    ...readWorksheet(file, bytes, byName.get(sheetPart)!, chosen.name, context, limits),
    sheets: names,
  };
}

/** Inflates, through the guard, every member not in `read`, keeping nothing. */
function verifyMembers(
  file: string,
  bytes: Uint8Array,
  members: readonly ZipMember[],
  read: ReadonlySet<string>,
): void {
  for (const member of members) {
    const name = member.name.startsWith('/') ? member.name.slice(1) : member.name;
    if (!read.has(name)) streamMember(file, bytes, member, () => {});
  }
}

/** Feeds one member's XML to `handler` as it inflates. Throws InputError for XML that is not. */
function scanMember(file: string, bytes: Uint8Array, member: ZipMember, handler: XmlHandler): void {
  const scanner = new XmlScanner(handler);
  try {
    streamMember(file, bytes, member, (chunk) => scanner.push(chunk));
    scanner.end();
  } catch (error) {
    if (error instanceof InputError || error instanceof SheetError) throw error;
    throw new InputError(
      `${file}: not a readable .xlsx workbook (${member.name}: ${(error as Error).message})`,
      file,
    );
  }
}

function readWorksheet(
  file: string,
  bytes: Uint8Array,
  member: ZipMember,
  name: string,
  context: SheetContext,
  limits: Readonly<XlsxLimits>,
): Omit<XlsxSheet, 'sheets'> {
  const where = `${file}: sheet "${name}"`;
  const reader = new SheetGridReader(context, EXCEL_ROWS, EXCEL_COLUMNS);
  try {
    scanMember(file, bytes, member, reader);
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
    // Checked as the rows stream past: a row numbered 100,000,000 is refused before anything is padded to it.
    const damaged = error.message.startsWith('has a row numbered')
      ? `, past Excel's last row ${EXCEL_ROWS.toLocaleString('en-US')}: the file is damaged or was not written by a spreadsheet`
      : ': the file is damaged';
    throw new InputError(`${where} ${error.message}${damaged}`, file);
  }
  const { grid, lastRow, lastCol, farthest } = reader;
  const spanned = (lastRow + 1) * (lastCol + 1);
  if (spanned > limits.maxSheetCells) {
    throw new InputError(
      `${where} spans A1:${columnName(lastCol)}${lastRow + 1} (${count(lastRow + 1)} rows × ${count(lastCol + 1)} ` +
        `columns = ${count(spanned)} cells), more than the ${count(limits.maxSheetCells)} cells a sheet is read ` +
        `with: delete what lies far outside the table (the farthest column to the right holds a value in ${farthest})`,
      file,
    );
  }
  const merges = applyMerges(grid, reader.mergeRefs, lastRow, lastCol, file, where, limits.maxMergedCells);
  return { sheet: name, grid, merges };
}

/**
 * Fills each merged area with its top-left cell's value, as Excel shows it, after clipping the
 * area to rows 0–`lastRow` and columns 0–`lastCol`. Returns the clipped areas of more than one
 * cell. Throws InputError for a range that is not a range or lies outside Excel's grid, and when
 * the areas together would fill more than `maxCells`.
 */
function applyMerges(
  grid: RawCell[][],
  refs: readonly string[],
  lastRow: number,
  lastCol: number,
  file: string,
  where: string,
  maxCells: number,
): MergedArea[] {
  const areas: MergedArea[] = [];
  let filled = 0;
  for (const ref of refs) {
    const area = parseRange(ref);
    if (!area)
      throw new InputError(`${where}: merged range "${ref}" is not a cell range: the file is damaged`, file);
    if (area.bottom >= EXCEL_ROWS || area.right >= EXCEL_COLUMNS) {
      throw new InputError(
        `${where}: merged range "${ref}" goes past Excel's last cell XFD1048576: the file is damaged or was not ` +
          'written by a spreadsheet',
        file,
      );
    }
    const bottom = Math.min(area.bottom, lastRow);
    const right = Math.min(area.right, lastCol);
    if (area.top > bottom || area.left > right) continue;
    filled += (bottom - area.top + 1) * (right - area.left + 1);
    if (filled > maxCells) {
      throw new InputError(
        `${where}: merged range "${ref}" brings the cells merged areas fill to more than ${count(maxCells)}: ` +
          'the merges overlap or cover far more than a ledger',
        file,
      );
    }
    const value = grid[area.top]?.[area.left] ?? null;
    for (let r = area.top; r <= bottom; r++) {
      const row = grid[r]!;
      if (value === null) {
        // A blank merged area hides whatever its other cells hold, without widening the row.
        for (let c = area.left; c <= Math.min(right, row.length - 1); c++) row[c] = null;
      } else {
        while (row.length < area.left) row.push(null);
        for (let c = area.left; c <= right; c++) row[c] = value;
      }
      while (row.length > 0 && row[row.length - 1] === null) row.pop();
    }
    if (bottom > area.top || right > area.left) areas.push({ top: area.top, left: area.left, bottom, right });
  }
  return areas;
}

/** `A1:C3` (or one cell `B2`) as 0-based inclusive indices, corners in either order; null if malformed. */
function parseRange(ref: string): MergedArea | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(
    ref.trim().toUpperCase(),
  );
  if (!match) return null;
  const r1 = Number(match[2]) - 1;
  const c1 = columnIndex(match[1]!);
  const r2 = match[4] === undefined ? r1 : Number(match[4]) - 1;
  const c2 = match[3] === undefined ? c1 : columnIndex(match[3]);
  if (r1 < 0 || r2 < 0) return null;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

const count = (n: number) => n.toLocaleString('en-US');

/** exceljs read a part as a worksheet when its path matched this (see its `xlsx.load`). */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

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
