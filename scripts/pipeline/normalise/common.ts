/**
 * Pieces shared by the community and amenity normalisers: column binding with its reports, the
 * row loop that counts, rejects and accepts rows, coordinates (parse, declared system, China
 * check, conversion), stable ids and row labels.
 */
import { bindColumns, type ColumnBinding } from '../../../src/domain/headers';
import {
  checkChinaPoint,
  parseCoordinate,
  SWAPPED_REASON,
  toWgs84,
} from '../../../src/domain/parse/coordinates';
import type { ParseResult } from '../../../src/domain/parse/result';
import { cellText, isPlaceholder, matchKey } from '../../../src/domain/parse/text';
import { parseCrs } from '../../../src/domain/parse/vocab';
import type { FieldDefinition } from '../../../src/domain/schema';
import type { Crs } from '../../../src/domain/vocabulary';
import { InputError, type RawCell, type RawRow, type RawTable, type RowIssue } from '../table';
import { classifyRow } from './rows';

/** Options both normalisers take. */
export interface NormaliseOptions {
  /** Coordinate system of rows without a 坐标系 cell. Default 'WGS84'. */
  crs?: Crs;
  /** Name used in `source_row` and messages instead of `table.file` (e.g. the file's basename). */
  sourceLabel?: string;
  /**
   * Empty each row's cells once it is read (default false: the table is left as given). A build
   * that holds a national ledger only to normalise it frees the table's text as the records are
   * made, instead of holding both to the end.
   */
  releaseRows?: boolean;
}

/** Counts and issues every normaliser returns alongside its records. */
export interface NormaliseResult<T> {
  records: T[];
  /** Row errors: each rejected row has at least one. */
  errors: RowIssue[];
  /** Problems that did not reject the row (unknown item words, unknown columns …). */
  warnings: RowIssue[];
  skipped: { row: number; reason: 'blank' | 'total' }[];
  /** Data rows (not blank, not totals); rows_read = rows_accepted + rows_rejected. */
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_skipped: number;
  /** Headers that matched no field, as written. */
  unknownColumns: string[];
}

/** A normaliser's result before its first row: nothing counted yet, the header-level warnings. */
function emptyResult<T>(bound: BoundTable): NormaliseResult<T> {
  return {
    records: [],
    errors: [],
    warnings: [...bound.warnings],
    skipped: [],
    rows_read: 0,
    rows_accepted: 0,
    rows_rejected: 0,
    rows_skipped: 0,
    unknownColumns: bound.unknownColumns,
  };
}

/**
 * The data rows of `table`, each counted in `result.rows_read`; blank and totals rows go to
 * `result.skipped` instead, so both normalisers count rows the same way.
 */
function* dataRows(table: RawTable, result: NormaliseResult<unknown>, release: boolean): Generator<RawRow> {
  for (const raw of table.rows) {
    const kind = classifyRow(raw.cells);
    if (kind !== 'data') {
      result.skipped.push({ row: raw.row, reason: kind });
      result.rows_skipped++;
    } else {
      result.rows_read++;
      yield raw;
    }
    if (release) raw.cells = RELEASED;
  }
}

/** What a released row holds: nothing, shared by all of them. */
const RELEASED: RawCell[] = [];

/** The value of a cell as shown in a report. */
export function shown(cell: RawCell | undefined): string {
  return cellText(cell ?? null);
}

/** True when a cell holds nothing: null, blank text, or a placeholder mark (`/`, `—`, `无`). */
export function isEmptyCell(cell: RawCell | undefined, placeholders = true): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  const text = cellText(cell);
  return text === '' || (placeholders && isPlaceholder(text));
}

/** `communities.xlsx!Sheet1:12`: where a record came from. */
export function sourceRow(label: string, sheet: string | undefined, row: number): string {
  return `${label}${sheet ? '!' + sheet : ''}:${row}`;
}

/** The row number at the end of a record's `source_row` (`ledger.xlsx!Sheet1:12` → 12), 0 if none. */
export function sourceRowNumber(sourceRow: string): number {
  const match = /:(\d+)$/.exec(sourceRow);
  return match ? Number(match[1]) : 0;
}

/**
 * The file a record came from, from its `source_row` (`a.xlsx!Sheet1:12` → `a.xlsx`,
 * `b.csv:12` → `b.csv`), or '' when it names none: with several ledgers each row's own file.
 */
export function sourceFileName(sourceRow: string): string {
  const bang = sourceRow.indexOf('!');
  if (bang > 0) return sourceRow.slice(0, bang);
  const colon = sourceRow.lastIndexOf(':');
  return colon > 0 ? sourceRow.slice(0, colon) : '';
}

// Serial-number columns (序号) carry no data; not worth an "unknown column" warning.
const SERIAL_HEADERS: ReadonlySet<string> = new Set(['序号', '序', 'no', 'no.', '#', '行号']);

/** Columns bound once per file, plus the header-level warnings (duplicates, unknown columns). */
export interface BoundTable {
  byField: Map<string, ColumnBinding>;
  itemColumns: ColumnBinding[];
  unknownColumns: string[];
  warnings: RowIssue[];
}

/**
 * Binds the table's headers and throws InputError naming the file and the missing columns when a
 * required field (or a coordinate column) has no column.
 */
export function bindTable(
  table: RawTable,
  fields: readonly FieldDefinition[],
  opts: { itemColumns: boolean; required: readonly string[]; label: string; what: string },
): BoundTable {
  const { bindings, unknown, duplicates } = bindColumns(table.headers, fields, {
    itemColumns: opts.itemColumns,
  });
  const byField = new Map<string, ColumnBinding>();
  for (const b of bindings) if (b.field) byField.set(b.field, b);

  const missing = opts.required.filter((f) => !byField.has(f));
  if (missing.length > 0) {
    const names = missing.map((f) => {
      const def = fields.find((d) => d.field === f);
      return def ? `${def.zh} (${f}; also accepted: ${def.aliases.join(', ')})` : f;
    });
    const found = table.headers.filter((h) => h.trim() !== '').join(', ');
    throw new InputError(
      `${opts.label}: the ${opts.what} table has no column for ${names.join('; ')}. Columns found: ${found || 'none'}`,
      table.file,
    );
  }

  const warnings: RowIssue[] = [];
  for (const d of duplicates) {
    for (const h of d.headers.slice(1)) {
      warnings.push({
        row: table.headerRow,
        column: h,
        value: '',
        reason: `second column for ${d.field}; only the first ("${d.headers[0]}") is read`,
      });
    }
  }
  const unknownColumns: string[] = [];
  for (const u of unknown) {
    if (SERIAL_HEADERS.has(matchKey(u.header))) continue;
    unknownColumns.push(u.header);
    warnings.push({ row: table.headerRow, column: u.header, value: '', reason: 'unknown column; not read' });
  }
  return { byField, itemColumns: bindings.filter((b) => b.itemKey !== undefined), unknownColumns, warnings };
}

/** A normaliser's table once its headers are bound, with what every row of it needs. */
export interface BoundInput {
  /** Name used in `source_row` and messages. */
  label: string;
  /** Coordinate system of rows without a 坐标系 cell. */
  defaultCrs: Crs;
  bound: BoundTable;
  /** The column bound to `field`, if the table has one. */
  col: (field: string) => ColumnBinding | undefined;
}

/**
 * Starts a normaliser: reads its options and binds the table's headers (see {@link bindTable},
 * which throws when a required column is missing).
 */
export function bindInput(
  table: RawTable,
  fields: readonly FieldDefinition[],
  opts: NormaliseOptions,
  bind: { itemColumns: boolean; required: readonly string[]; what: string },
): BoundInput {
  const label = opts.sourceLabel ?? table.file;
  const bound = bindTable(table, fields, { ...bind, label });
  return {
    label,
    defaultCrs: opts.crs ?? 'WGS84',
    bound,
    col: (field) => bound.byField.get(field),
  };
}

/** What a normaliser makes of one row: its point, and how to make its record. */
export interface RowReading<T> {
  point: ReadPoint | null;
  /** Called only for a row without errors and with a point. */
  record: (point: ReadPoint) => T;
}

/**
 * Reads the data rows of `table` the same way for every normaliser: each row is counted (see
 * {@link dataRows}) and given to `readRow` with an empty issue list; its warnings are kept
 * whatever happens, a row with errors or without a usable point is rejected with its errors, and
 * any other row is accepted with its record. With `releaseRows` each row's cells are emptied
 * once its record is made (see `NormaliseOptions.releaseRows`).
 */
export function readRows<T>(
  table: RawTable,
  bound: BoundTable,
  readRow: (raw: RawRow, issues: RowIssues) => RowReading<T>,
  releaseRows = false,
): NormaliseResult<T> {
  const result = emptyResult<T>(bound);
  const issues = new RowIssues();
  for (const raw of dataRows(table, result, releaseRows)) {
    issues.reset(raw.row);
    const { point, record } = readRow(raw, issues);
    for (const w of issues.warnings) result.warnings.push(w);
    if (issues.errors.length > 0 || !point) {
      for (const e of issues.errors) result.errors.push(e);
      result.rows_rejected++;
      continue;
    }
    result.records.push(record(point));
    result.rows_accepted++;
  }
  return result;
}

/**
 * Reads an optional column's cell with `parse`: undefined when the table has no such column or
 * the cell is empty, and also when the cell does not parse (the reason is then a row error).
 */
export function readOptional<T>(
  cells: readonly RawCell[],
  b: ColumnBinding | undefined,
  parse: (cell: RawCell, b: ColumnBinding) => ParseResult<T>,
  issues: RowIssues,
): T | undefined {
  const cell = b ? cells[b.index] : undefined;
  if (!b || isEmptyCell(cell)) return undefined;
  const r = parse(cell ?? null, b);
  if (r.ok) return r.value;
  issues.error(b.header, shown(cell), r.reason);
  return undefined;
}

/** Collects the issues of one row; one instance is reused row after row. */
export class RowIssues {
  errors: RowIssue[] = [];
  warnings: RowIssue[] = [];
  row = 0;
  /** Starts a new row, forgetting the previous row's issues (the caller has copied them). */
  reset(row: number): void {
    this.row = row;
    this.errors.length = 0;
    this.warnings.length = 0;
  }
  error(column: string, value: string, reason: string): void {
    this.errors.push({ row: this.row, column, value, reason });
  }
  warn(column: string, value: string, reason: string): void {
    this.warnings.push({ row: this.row, column, value, reason });
  }
}

/** A point in WGS84 plus the system the ledger declared. */
export interface ReadPoint {
  lng: number;
  lat: number;
  crs_source: Crs;
}

/**
 * Reads a row's coordinates: both cells parsed (errors on their own columns), the row's 坐标系 or
 * the file default, the China check on the values as written (reported on the longitude column),
 * then conversion to WGS84. Returns null after recording the errors.
 */
export function readPoint(
  cells: readonly RawCell[],
  lngCol: ColumnBinding,
  latCol: ColumnBinding,
  crsCol: ColumnBinding | undefined,
  defaultCrs: Crs,
  issues: RowIssues,
): ReadPoint | null {
  const lngCell = cells[lngCol.index];
  const latCell = cells[latCol.index];
  const lngEmpty = isEmptyCell(lngCell);
  const latEmpty = isEmptyCell(latCell);
  if (lngEmpty && latEmpty) {
    issues.error(lngCol.header, '', 'no coordinates');
    return null;
  }
  if (lngEmpty) issues.error(lngCol.header, '', 'no longitude');
  if (latEmpty) issues.error(latCol.header, '', 'no latitude');
  const lng = lngEmpty ? null : parseCoordinate(lngCell ?? null, 'lng');
  const lat = latEmpty ? null : parseCoordinate(latCell ?? null, 'lat');
  if ((lng && !lng.ok) || (lat && !lat.ok)) {
    // 112.94 in the latitude column fails the ±90° test; when the pair reads as swapped, say that.
    const looseLng = parseCoordinate(lngCell ?? null);
    const looseLat = parseCoordinate(latCell ?? null);
    if (looseLng.ok && looseLat.ok && checkChinaPoint(looseLng.value, looseLat.value) === SWAPPED_REASON) {
      issues.error(lngCol.header, shown(lngCell), SWAPPED_REASON);
      return null;
    }
    if (lng && !lng.ok) issues.error(lngCol.header, shown(lngCell), lng.reason);
    if (lat && !lat.ok) issues.error(latCol.header, shown(latCell), lat.reason);
  }

  let crs = defaultCrs;
  if (crsCol && !isEmptyCell(cells[crsCol.index])) {
    const parsed = parseCrs(cells[crsCol.index] ?? null);
    if (parsed.ok) crs = parsed.value;
    else {
      issues.error(crsCol.header, shown(cells[crsCol.index]), parsed.reason);
      return null;
    }
  }
  if (!lng?.ok || !lat?.ok) return null;
  const problem = checkChinaPoint(lng.value, lat.value);
  if (problem) {
    issues.error(lngCol.header, shown(lngCell), problem);
    return null;
  }
  const [x, y] = toWgs84(lng.value, lat.value, crs);
  return { lng: x, lat: y, crs_source: crs };
}

// FNV-1a state as four 16-bit limbs, so the 64-bit product needs no BigInt.
let h0 = 0;
let h1 = 0;
let h2 = 0;
let h3 = 0;

function fnvByte(byte: number): void {
  h0 ^= byte;
  // × 0x100000001b3 = × 0x1b3 plus a shift left by 40 bits (2 limbs and 8 bits).
  const t0 = h0 * 0x1b3;
  let t1 = h1 * 0x1b3;
  let t2 = h2 * 0x1b3 + (h0 << 8);
  const t3 = h3 * 0x1b3 + (h1 << 8);
  t1 += t0 >>> 16;
  h0 = t0 & 0xffff;
  t2 += t1 >>> 16;
  h1 = t1 & 0xffff;
  h3 = (t3 + (t2 >>> 16)) & 0xffff;
  h2 = t2 & 0xffff;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/**
 * 64-bit FNV-1a of the UTF-8 bytes of `s`, as 16 hex digits. The same text always gives the same
 * id on every platform, so generated ids survive rebuilds.
 */
export function fnv1a64(s: string): string {
  h0 = 0x2325;
  h1 = 0x8422;
  h2 = 0x9ce4;
  h3 = 0xcbf2;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) fnvByte(c);
    else if (c < 0x800) {
      fnvByte(0xc0 | (c >> 6));
      fnvByte(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      fnvByte(0xe0 | (c >> 12));
      fnvByte(0x80 | ((c >> 6) & 0x3f));
      fnvByte(0x80 | (c & 0x3f));
    } else {
      fnvByte(0xf0 | (c >> 18));
      fnvByte(0x80 | ((c >> 12) & 0x3f));
      fnvByte(0x80 | ((c >> 6) & 0x3f));
      fnvByte(0x80 | (c & 0x3f));
    }
  }
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}
