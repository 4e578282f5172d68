/**
 * Reads one worksheet part as it streams past, into the raw grid: each `<c>` becomes the value
 * a person sees, placed at its Excel row and column, and the `<mergeCell>` refs (which follow
 * `<sheetData>`) are collected to be applied once the values are known. Values are read exactly
 * as exceljs's full reader read them (its cell-xform and reconcile), so streaming changed nothing
 * a ledger shows: shared strings, rich text, formula results, dates by number format, errors.
 *
 * Where exceljs read a cell wrongly, this reads it as Excel shows it:
 * - a formula whose cached result is 0 or FALSE reads as that result (exceljs dropped falsy
 *   results and showed `=SUM(…)`, which the normaliser then rejected as not a number);
 * - text in a CDATA section is text (exceljs dropped it);
 * - a hyperlink is not looked up (the cell reads as its text either way), so a hyperlinked
 *   formula cell without a cached result reads as its formula, where exceljs read it as empty.
 */
import type { RawCell } from '../table';
import { columnName } from './column-letters';
import { RichTextRuns, type SharedString } from './xlsx-parts';
import { xmlAttribute, type XmlHandler } from './xml-scanner';

/** What a worksheet's cells need from the rest of the workbook. */
export interface SheetContext {
  /** The shared string table, in order. */
  sharedStrings: readonly SharedString[];
  /** Style indices (`s`) whose number format shows a date. */
  dateStyles: ReadonlySet<number>;
  /** The workbook counts days from 1904 (old Mac Excel). */
  date1904: boolean;
}

/** A problem in a worksheet that makes it unreadable; the reader turns it into an InputError. */
export class SheetError extends Error {
  override name = 'SheetError';
}

/** exceljs's `utils.xmlDecode`, which its reader applied to `t="str"` text already decoded once. */
function decodeNamedAgain(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([a-z]*);/g, (c) =>
    c === '&lt;'
      ? '<'
      : c === '&gt;'
        ? '>'
        : c === '&amp;'
          ? '&'
          : c === '&apos;'
            ? "'"
            : c === '&quot;'
              ? '"'
              : c,
  );
}

/** Excel's serial day number as a Date in UTC (exceljs's `utils.excelToDate`). */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** The 0-based column of an `A1`-style reference (`B7` → 1), NaN when it names no column. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const upper = c >= 97 && c <= 122 ? c - 32 : c;
    if (upper < 65 || upper > 90) break;
    col = col * 26 + (upper - 64);
  }
  return i === 0 ? NaN : col - 1;
}

/** Which text of a cell is being read. */
const enum Node {
  None,
  Formula,
  Value,
  InlineText,
  RunText,
}

/**
 * The worksheet handler: feed it to an `XmlScanner`, then read `grid`, `mergeRefs` and the
 * extent. Throws SheetError for a row past `maxRows`, a shared string index past the table, and
 * a cell past Excel's last column.
 */
export class SheetGridReader implements XmlHandler {
  /** Row i is spreadsheet row i + 1; blank rows are empty arrays; rows end at their last value. */
  readonly grid: RawCell[][] = [];
  /** Every `<mergeCell ref>`, in document order. */
  readonly mergeRefs: string[] = [];
  /** 0-based index of the last row and column holding a value (-1: none). */
  lastRow = -1;
  lastCol = -1;
  /** The first cell reached in the farthest column, for the message about a sheet too wide. */
  farthest = '';
  wantsText = false;

  private inSheetData = false;
  private rowNumber = 0;
  private cells: RawCell[] = [];
  // The cell being read.
  private col = -1;
  private type: string | undefined;
  private style = 0;
  private node = Node.None;
  private formula: string | undefined;
  private shareType: string | undefined;
  private sharedIndex: string | undefined;
  private sharedRef: string | undefined;
  private value: string | undefined;
  /** The inline string's rich runs (`<is><r>`). */
  private readonly rich = new RichTextRuns();
  /** Shared formula masters' addresses by `si`, as exceljs names a dependent cell's formula. */
  private readonly masters = new Map<string, string>();

  constructor(
    private readonly context: SheetContext,
    private readonly maxRows: number,
    private readonly maxColumns: number,
  ) {}

  open(name: string, raw: string): void {
    switch (name) {
      case 'sheetData':
        this.inSheetData = true;
        return;
      case 'row': {
        if (!this.inSheetData) return;
        const r = xmlAttribute(raw, 'r');
        this.rowNumber = r === undefined ? this.rowNumber + 1 : parseInt(r, 10);
        if (this.rowNumber > this.maxRows)
          throw new SheetError(`has a row numbered ${this.rowNumber.toLocaleString('en-US')}`);
        this.cells = [];
        this.col = -1;
        return;
      }
      case 'c': {
        if (!this.inSheetData) return;
        const r = xmlAttribute(raw, 'r');
        const col = r === undefined ? NaN : columnOf(r);
        this.col = Number.isNaN(col) ? this.col + 1 : col;
        if (this.col >= this.maxColumns)
          throw new SheetError(`has a cell "${r}" past Excel's last column XFD`);
        this.type = xmlAttribute(raw, 't');
        const s = xmlAttribute(raw, 's');
        this.style = s === undefined ? 0 : parseInt(s, 10);
        this.formula = undefined;
        this.shareType = undefined;
        this.sharedIndex = undefined;
        this.sharedRef = undefined;
        this.value = undefined;
        this.rich.reset();
        this.node = Node.None;
        return;
      }
      case 'f': {
        if (this.col < 0) return;
        this.shareType = xmlAttribute(raw, 't');
        this.sharedIndex = xmlAttribute(raw, 'si');
        this.sharedRef = xmlAttribute(raw, 'ref');
        this.enter(Node.Formula);
        return;
      }
      case 'v':
        if (this.col >= 0) this.enter(Node.Value);
        return;
      case 'r':
        if (this.col >= 0) this.rich.openRun();
        return;
      case 'rPh':
        this.rich.inPhonetic = true;
        return;
      case 't':
        if (this.col >= 0 && !this.rich.inPhonetic)
          this.enter(this.rich.inRun ? Node.RunText : Node.InlineText);
        return;
      case 'mergeCell': {
        const ref = xmlAttribute(raw, 'ref');
        if (ref !== undefined) this.mergeRefs.push(ref);
        return;
      }
      default:
        return;
    }
  }

  text(text: string): void {
    switch (this.node) {
      case Node.Formula:
        this.formula = this.formula === undefined ? text : this.formula + text;
        return;
      case Node.Value:
      case Node.InlineText:
        this.value = this.value === undefined ? text : this.value + text;
        return;
      case Node.RunText:
        this.rich.addRunText(text);
        return;
      default:
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'f':
      case 'v':
      case 't':
        this.leave();
        return;
      case 'rPh':
        this.rich.inPhonetic = false;
        return;
      case 'r':
        // Outside a cell no run was opened (`open` ignores one there).
        if (this.rich.inRun) this.rich.closeRun();
        return;
      case 'c':
        if (this.col >= 0) this.endCell();
        return;
      case 'row':
        if (this.inSheetData) this.endRow();
        return;
      case 'sheetData':
        this.inSheetData = false;
        this.col = -1;
        return;
      default:
        return;
    }
  }

  private enter(node: Node): void {
    this.node = node;
    this.wantsText = true;
  }

  private leave(): void {
    this.node = Node.None;
    this.wantsText = false;
  }

  /** The cell's value as exceljs's reader made it and as a person sees it in the cell. */
  private endCell(): void {
    const value = this.cellValue();
    if (value === null) return;
    const c = this.col;
    const cells = this.cells;
    while (cells.length < c) cells.push(null);
    cells[c] = value;
  }

  private cellValue(): RawCell {
    const { type, value } = this;
    const isDate = this.style !== 0 && this.context.dateStyles.has(this.style);
    if (this.formula || this.shareType) {
      let result: RawCell | undefined;
      if (value) {
        if (type === 'str') result = decodeNamedAgain(value);
        else if (type === 'b') result = parseInt(value, 10) !== 0;
        else if (type === 'e') result = value;
        else result = parseFloat(value);
      }
      let sharedFormula: string | undefined;
      if (this.shareType === 'shared' && this.sharedIndex !== undefined) {
        if (this.sharedRef) this.masters.set(this.sharedIndex, this.address());
        else sharedFormula = this.masters.get(this.sharedIndex);
      }
      if (result !== undefined) {
        // exceljs dated any result of a date-formatted formula cell, text and errors included
        // (an Invalid Date, which the normaliser reports).
        if (isDate) return excelSerialToDate(type === 'e' ? NaN : Number(result), this.context.date1904);
        // A cached result that is not a number (`<v>abc</v>` untyped) is no result.
        if (!Number.isNaN(result)) return result;
      }
      // No cached result: the formula, so the cell is reported rather than read as empty; a
      // shared formula's dependent cell names its master cell, as exceljs gave it.
      return `=${this.formula ?? sharedFormula ?? ''}`;
    }
    const rich = this.rich.joined();
    if (rich !== undefined) return rich;
    if (value === undefined) return null;
    switch (type) {
      case 's': {
        const index = parseInt(value, 10);
        if (!(index >= 0 && index < this.context.sharedStrings.length))
          throw new SheetError(
            `cell ${this.address()} points at shared string ${value}, which the workbook lacks`,
          );
        return this.context.sharedStrings[index]!;
      }
      case 'str':
        return decodeNamedAgain(value);
      case 'inlineStr':
        return value;
      case 'b':
        return parseInt(value, 10) !== 0;
      case 'e':
        return value;
      default: {
        const n = parseFloat(value);
        return isDate ? excelSerialToDate(n, this.context.date1904) : n;
      }
    }
  }

  private address(): string {
    return `${columnName(this.col)}${this.rowNumber}`;
  }

  private endRow(): void {
    const cells = this.cells;
    this.col = -1;
    if (cells.length === 0) return;
    const r = this.rowNumber - 1;
    const grid = this.grid;
    while (grid.length < r) grid.push([]);
    grid[r] = cells;
    if (r > this.lastRow) this.lastRow = r;
    // The first cell reaching a new farthest column, in row order, as exceljs's walk met it.
    if (cells.length - 1 > this.lastCol) {
      this.lastCol = cells.length - 1;
      this.farthest = `${columnName(this.lastCol)}${this.rowNumber}`;
    }
    this.cells = [];
  }
}
