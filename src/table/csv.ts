/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (Excel on Windows reads BOM-less UTF-8 as
 * the local code page and garbles Chinese), CRLF line ends, RFC 4180 quoting. Ledger text is
 * untrusted: a cell such as `=HYPERLINK(…)` or `@SUM(…)` would run as a formula when the file is
 * opened, so text cells starting with `=`, `+`, `-`, `@` (or a tab / carriage return, which some
 * spreadsheets skip before looking for one) get a leading apostrophe. Numbers are written as
 * numbers and never prefixed: they come from typed columns, not from text. Pure.
 */

/** A cell: text, a number, or empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** The byte-order mark that makes spreadsheets read the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert for spreadsheets: formula-like text gets a leading `'`. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell as CSV field text. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = neutraliseFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: BOM, header row, data rows, CRLF after every row. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
