/**
 * Reads one worksheet of an `.xlsx` workbook into a grid of raw cells, the way a person sees it in
 * Excel: row numbers kept, merged areas showing their value, formulas showing their result.
 *
 * A workbook is untrusted input: a zip whose members may inflate a thousandfold, and XML whose
 * ranges exceljs expands cell by cell (one `<mergeCell ref="A1:XFD1048576"/>` is 17 billion
 * cells). So the zip is checked by the zip guard before exceljs sees it, exceljs is told to skip
 * the parts it would expand (merges, data validations, column ranges, conditional formats), and
 * merges are applied here, clipped to the cells that hold values and within `XLSX_LIMITS`.
 */
import ExcelJS from 'exceljs';
import { InputError, type RawCell } from '../table';
import { columnIndex, columnName } from './column-letters';
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
  const file = options.file ?? '';
  const limits = options.limits ?? XLSX_LIMITS;
  checkZipSignature(bytes, file);
  const mergesBySheet = inspectWorkbookZip(file, bytes, limits.zip);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer); it hands the bytes to JSZip, which takes
    // a Node Buffer as they are, without copying. The skipped parts are the ones exceljs expands
    // into one object per cell or column of their range; merges are applied by `readWorksheet`.
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
      { ignoreNodes: IGNORED_NODES } as ExcelJS.XlsxReadOptions,
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
  return {
    ...readWorksheet(worksheet, mergesBySheet.get(worksheet.name) ?? [], file, limits),
    sheets: names,
  };
}

/**
 * Worksheet parts exceljs would expand range by range: `mergeCells` into every covered cell,
 * `dataValidations` into one entry per address, `cols` into one column object per index of
 * `min`–`max` (a billion for `max="1000000000"`). None of them is needed to read values, except
 * merges, which `readWorksheet` applies itself.
 */
const IGNORED_NODES = ['mergeCells', 'dataValidations', 'cols', 'conditionalFormatting', 'extLst'];

function readWorksheet(
  worksheet: ExcelJS.Worksheet,
  mergeRefs: readonly string[],
  file: string,
  limits: Readonly<XlsxLimits>,
): Omit<XlsxSheet, 'sheets'> {
  const where = `${file}: sheet "${worksheet.name}"`;
  // exceljs keeps rows in an array indexed by row number, so its length is the last row: checked
  // before anything walks it (a row numbered 100,000,000 makes every walk take seconds).
  if (worksheet.rowCount > EXCEL_ROWS) {
    throw new InputError(
      `${where} has a row numbered ${worksheet.rowCount.toLocaleString('en-US')}, past Excel's last row ` +
        `${EXCEL_ROWS.toLocaleString('en-US')}: the file is damaged or was not written by a spreadsheet`,
      file,
    );
  }
  const grid: RawCell[][] = [];
  // The rectangle of values (0-based last row and column) and the cell that reaches furthest right.
  let lastRow = -1;
  let lastCol = -1;
  let farthest = '';
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const value = toRawCell(cell.value);
      if (value === null) return;
      const c = colNumber - 1;
      while (cells.length < c) cells.push(null);
      cells[c] = value;
      if (c > lastCol) {
        lastCol = c;
        farthest = cell.address;
      }
    });
    if (cells.length === 0) return;
    while (grid.length < r) grid.push([]);
    grid[r] = cells;
    lastRow = r;
  });
  const spanned = (lastRow + 1) * (lastCol + 1);
  if (spanned > limits.maxSheetCells) {
    throw new InputError(
      `${where} spans A1:${columnName(lastCol)}${lastRow + 1} (${count(lastRow + 1)} rows × ${count(lastCol + 1)} ` +
        `columns = ${count(spanned)} cells), more than the ${count(limits.maxSheetCells)} cells a sheet is read ` +
        `with: delete what lies far outside the table (the farthest column to the right holds a value in ${farthest})`,
      file,
    );
  }
  const merges = applyMerges(grid, mergeRefs, lastRow, lastCol, file, where, limits.maxMergedCells);
  return { sheet: worksheet.name, grid, merges };
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

/** exceljs reads a part as a worksheet when its path matches this (see its `xlsx.load`). */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

/**
 * Checks the workbook's zip with the zip guard (declared sizes of every member, as exceljs
 * inflates them all, then each member inflated and counted, as declared sizes can lie), and
 * on the way collects each worksheet's merged ranges, by sheet name. Throws InputError.
 */
function inspectWorkbookZip(
  file: string,
  bytes: Uint8Array,
  limits: Readonly<ZipLimits>,
): Map<string, string[]> {
  const members = listZipMembers(file, bytes, '.xlsx workbook').filter((m) => !m.name.endsWith('/'));
  checkDeclaredSizes(file, members, limits);
  const decoder = new TextDecoder();
  let workbookXml = '';
  let relsXml = '';
  const mergesByPart = new Map<string, string[]>();
  for (const member of members) {
    const name = member.name.startsWith('/') ? member.name.slice(1) : member.name;
    if (name === 'xl/workbook.xml') workbookXml = decoder.decode(inflateMember(file, bytes, member));
    else if (name === 'xl/_rels/workbook.xml.rels')
      relsXml = decoder.decode(inflateMember(file, bytes, member));
    else if (WORKSHEET_PART.test(name)) mergesByPart.set(name, scanMergeRefs(file, bytes, member));
    else streamMember(file, bytes, member, () => {});
  }
  const targets = new Map<string, string>();
  for (const tag of relsXml.match(/<Relationship\b[^>]*>/g) ?? []) {
    const attributes = xmlAttributes(tag);
    if (attributes.Id !== undefined && attributes.Target !== undefined)
      targets.set(attributes.Id, attributes.Target);
  }
  const bySheet = new Map<string, string[]>();
  for (const tag of workbookXml.match(/<sheet\b[^>]*>/g) ?? []) {
    const attributes = xmlAttributes(tag);
    const rId = Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1];
    const target = rId === undefined ? undefined : targets.get(rId);
    if (attributes.name === undefined || target === undefined) continue;
    // The path exceljs gives the same relationship (its workbook reconcile).
    const refs = mergesByPart.get(`xl/${target.replace(/^(\s|\/xl\/)+/, '')}`);
    if (refs) bySheet.set(attributes.name, refs);
  }
  return bySheet;
}

/** The `ref` of every `<mergeCell>` in a worksheet part, read as it inflates. */
function scanMergeRefs(file: string, bytes: Uint8Array, member: ZipMember): string[] {
  const scanner = new MergeRefScanner();
  streamMember(file, bytes, member, (chunk) => scanner.push(chunk));
  return scanner.refs;
}

/**
 * Collects the `ref` of every `<mergeCell>` in worksheet XML fed to `push` in chunks of any
 * size, so a sheet of hundreds of megabytes is never one string.
 */
export class MergeRefScanner {
  /** The refs found so far, in document order. */
  readonly refs: string[] = [];
  // Tags may straddle chunks: the unmatched end of each chunk is carried into the next.
  private carry = '';
  private readonly pattern = /<mergeCell\s[^>]*?\bref\s*=\s*["']([^"']*)["']/g;

  /** Scans the next chunk of the part's bytes. */
  push(chunk: Uint8Array): void {
    // Latin-1 keeps one character per byte, and tag names and cell ranges are ASCII.
    const text =
      this.carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    this.pattern.lastIndex = 0;
    let end = 0;
    for (let m = this.pattern.exec(text); m; m = this.pattern.exec(text)) {
      this.refs.push(m[1]!);
      end = this.pattern.lastIndex;
    }
    // A tag is short: an open one longer than this is not a mergeCell worth carrying.
    const open = text.lastIndexOf('<');
    this.carry = open >= end && text.length - open < 512 ? text.slice(open) : '';
  }
}

/** Attributes of one XML start tag, entities decoded. */
function xmlAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    attributes[m[1]!] = decodeXmlEntities(m[2] ?? m[3] ?? '');
  return attributes;
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, entity: string) => {
    if (entity[0] !== '#') return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity]!;
    const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    // A number past Unicode would make fromCodePoint throw: keep the text as written.
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
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
