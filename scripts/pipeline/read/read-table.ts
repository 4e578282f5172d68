/**
 * Turns a ledger file (CSV family or XLSX) or a GeoJSON point layer into a `RawTable`: header
 * located, rows numbered as a person sees them, nothing interpreted yet.
 */
import type { Feature } from 'geojson';
import { InputError, type RawCell, type RawRow, type RawTable } from '../table';
import { columnName } from './column-letters';
import { CsvSyntaxError, parseCsv, type CsvDelimiter } from './csv';
import { decodeText } from './encoding';
import { geoJsonFeatures, parseJsonInput } from './json-input';
import { cellText, locateHeader } from './locate-header';
import { readXlsx } from './xlsx';

export interface ReadTableOptions {
  /** Worksheet to read from a workbook (default: the first visible sheet). */
  sheet?: string;
  /** Whether a (trimmed) header text names a known field; used to find the header row. */
  isKnownHeader: (text: string) => boolean;
  /** Rows scanned for the header (default 30). */
  maxHeaderScan?: number;
}

/** Delimiter forced by an extension; undefined means detect. */
const TEXT_EXTENSIONS: ReadonlyMap<string, CsvDelimiter | undefined> = new Map([
  ['.csv', undefined],
  ['.txt', undefined],
  ['.tsv', '\t'],
]);

/**
 * Reads a ledger, choosing the reader by extension: `.csv` `.txt` (delimiter detected), `.tsv`
 * (tab), `.xlsx`. Returns the header row (cells trimmed; a two-row header folded into one, see
 * `locateHeader`, whose lower row is then `headerRow`) and every row below it, blank and totals
 * rows included, each with its 1-based row number as Excel shows it (title rows counted; in CSV
 * a record with a quoted line break is still one row, as Excel shows it). CSV cells are strings with `''` read as
 * null; workbook cells keep their types (see `readXlsx`). Columns after the last one holding a
 * header or any value are dropped, as are blank rows after the last row with a value (Excel's
 * used range often runs past the data); every row has one cell per header.
 *
 * Throws InputError naming the file for an unsupported format (`.xls`), undecodable text,
 * broken quoting, an unknown sheet, or no header row in the first rows (the message shows the
 * first non-blank row, usually the title or the would-be header).
 */
export async function readTable(
  file: string,
  bytes: Uint8Array,
  options: ReadTableOptions,
): Promise<RawTable> {
  const extension = extensionOf(file);
  if (extension === '.xls') {
    throw new InputError(`${file}: old binary .xls is not supported: save as .xlsx or CSV`, file);
  }
  if (extension === '.xlsx') {
    const { sheet, sheets, grid } = await readXlsx(bytes, { sheet: options.sheet, file });
    const where =
      sheets.length > 1
        ? ` of sheet "${sheet}" (the workbook has: ${sheets.join(', ')}; name another sheet to read it)`
        : '';
    return { ...tableFromGrid(file, grid, options, where), sheet };
  }
  if (TEXT_EXTENSIONS.has(extension)) {
    const { grid, encoding } = readDelimitedText(file, bytes, TEXT_EXTENSIONS.get(extension));
    return { ...tableFromGrid(file, grid, options), encoding };
  }
  throw new InputError(
    `${file}: unsupported table format "${extension || '(no extension)'}": use .xlsx, .csv, .tsv or .txt`,
    file,
  );
}

function readDelimitedText(
  file: string,
  bytes: Uint8Array,
  delimiter: CsvDelimiter | undefined,
): { grid: RawCell[][]; encoding: string } {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    throw new InputError(`${file}: this is a workbook (zip), not text: name it .xlsx`, file);
  }
  // No text table holds a NUL character. In UTF-8 and GBK it can only be the byte 0, which is
  // also what UTF-16 without a byte-order mark is full of; with the mark, it is looked for after
  // decoding.
  const nul = (line: number) =>
    new InputError(
      `${file}: line ${line} holds a NUL character: the file is not a text table, or is UTF-16 text ` +
        'without a byte-order mark; save it as "CSV UTF-8"',
      file,
    );
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const zeroAt = utf16 ? -1 : bytes.indexOf(0);
  if (zeroAt >= 0) throw nul(lineAtByte(bytes, zeroAt));
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message}`, file);
  }
  const nulAt = utf16 ? decoded.text.indexOf('\0') : -1;
  if (nulAt >= 0) throw nul(lineOf(decoded.text, nulAt));
  try {
    const grid: RawCell[][] = parseCsv(decoded.text, { delimiter });
    // In place: a copy of 220,000 records costs more than the parse.
    for (const record of grid) {
      for (let c = 0; c < record.length; c++) if (record[c] === '') record[c] = null;
    }
    return { grid, encoding: decoded.encoding };
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputError(`${file}: ${error.message}`, file);
    throw error;
  }
}

/** Excel's limit on the characters of one cell: no ledger written by a spreadsheet passes it. */
export const MAX_CELL_CHARACTERS = 32_767;

/** `where` qualifies "the first rows" in the no-header message, e.g. with the sheet name. */
function tableFromGrid(file: string, grid: RawCell[][], options: ReadTableOptions, where = ''): RawTable {
  checkCellLengths(file, grid);
  const located = locateHeader(grid, options.isKnownHeader, { maxScan: options.maxHeaderScan });
  if (!located) {
    const scanned = Math.min(grid.length, options.maxHeaderScan ?? 30);
    const first = grid.find((row) => row.some((cell) => cellText(cell) !== '')) ?? [];
    const shown = first.map(cellText).filter((t) => t !== '');
    if (shown.length === 0) throw new InputError(`${file}: the file${where} is empty: no rows to read`, file);
    throw new InputError(
      `${file}: no header row found in the first ${scanned} rows${where} (a header needs at least 2 known ` +
        `column names); the first non-blank row reads: ${shown.join(' | ')}`,
      file,
    );
  }
  const { headerIndex, headers } = located;
  let body = grid.slice(headerIndex + 1);
  let lastFilled = body.length - 1;
  while (lastFilled >= 0 && isBlankRow(body[lastFilled] ?? [])) lastFilled--;
  body = body.slice(0, lastFilled + 1);

  let width = headers.length;
  while (width > 0 && headers[width - 1] === '') width--;
  for (const row of body) {
    for (let c = row.length - 1; c >= width; c--) {
      if (!isEmptyCell(row[c])) {
        width = c + 1;
        break;
      }
    }
  }
  // Rows are resized in place (the grid is this reader's own): cells past `width` are empty.
  const rows: RawRow[] = body.map((cells, i) => {
    if (cells.length > width) cells.length = width;
    while (cells.length < width) cells.push(null);
    return { row: headerIndex + 2 + i, cells };
  });
  return {
    file,
    headerRow: headerIndex + 1,
    headers: Array.from({ length: width }, (_, c) => headers[c] ?? ''),
    rows,
  };
}

/**
 * Refuses a cell longer than a spreadsheet cell can be. In a CSV that is nearly always a stray
 * quote that joined the lines after it into one field, which then reads as one enormous name.
 */
function checkCellLengths(file: string, grid: RawCell[][]): void {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARACTERS) {
        throw new InputError(
          `${file}: cell ${columnName(c)}${r + 1} holds ${cell.length.toLocaleString('en-US')} characters, more ` +
            `than the ${MAX_CELL_CHARACTERS.toLocaleString('en-US')} a spreadsheet cell can hold (in a CSV, a stray " ` +
            'joins the lines after it into one cell)',
          file,
        );
      }
    }
  }
}

/** 1-based line of byte `at`, lines ending at LF. */
function lineAtByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < at; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** 1-based line of index `at`, lines ending at LF. */
function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function isEmptyCell(cell: RawCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function isBlankRow(cells: RawCell[]): boolean {
  return cells.every(isEmptyCell);
}

function extensionOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** Coordinate columns `readGeoJsonTable` adds from each feature's geometry. */
export const GEOJSON_COORDINATE_HEADERS = ['lng', 'lat'] as const;

/**
 * Reads a GeoJSON point layer (amenities) as a table: headers are the union of property names in
 * order of first appearance, then `lng` and `lat` taken from each Point geometry (properties
 * of those two names are replaced by the geometry). `headerRow` is 0, as there is no header
 * line, and `row` is the 1-based feature index. A feature that is not a Point (or has no
 * geometry) is kept with null coordinates so the normaliser reports it. Objects and arrays in
 * properties become JSON text.
 *
 * A feature that is not an object, or whose properties are not an object, reads as a row of
 * nulls, which the normaliser rejects with its row number.
 *
 * Throws InputError naming the file for bytes that are not JSON text (see `parseJsonInput`) or
 * JSON that is not a FeatureCollection.
 */
export function readGeoJsonTable(file: string, bytes: Uint8Array): RawTable {
  const features = geoJsonFeatures(file, parseJsonInput(file, bytes)).map((f) =>
    isObject(f) ? (f as Partial<Feature>) : {},
  );
  const reserved = new Set<string>(GEOJSON_COORDINATE_HEADERS);
  const columns = new Map<string, number>();
  for (const feature of features) {
    for (const key of Object.keys(propertiesOf(feature))) {
      if (!reserved.has(key) && !columns.has(key)) columns.set(key, columns.size);
    }
  }
  const headers = [...columns.keys(), ...GEOJSON_COORDINATE_HEADERS];
  const rows = features.map((feature, i): RawRow => {
    const cells: RawCell[] = headers.map(() => null);
    for (const [key, value] of Object.entries(propertiesOf(feature))) {
      const c = columns.get(key);
      if (c !== undefined) cells[c] = jsonCell(value);
    }
    const geometry = feature.geometry;
    if (geometry?.type === 'Point' && Array.isArray(geometry.coordinates)) {
      const [lng, lat] = geometry.coordinates;
      cells[columns.size] = typeof lng === 'number' ? lng : null;
      cells[columns.size + 1] = typeof lat === 'number' ? lat : null;
    }
    return { row: i + 1, cells };
  });
  return { file, headerRow: 0, headers, rows };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A feature's properties when they are an object (a string would otherwise give columns 0, 1, 2 …). */
function propertiesOf(feature: Partial<Feature>): Record<string, unknown> {
  return isObject(feature.properties) ? feature.properties : {};
}

function jsonCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
