/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (Excel on Windows reads BOM-less UTF-8 as
 * the local code page and garbles Chinese), CRLF line ends, RFC 4180 quoting. Ledger text is
 * untrusted: a cell such as `=HYPERLINK(…)` or `@SUM(…)` would run as a formula when the file is
 * opened, so formula-like text cells get a leading apostrophe (`neutraliseFormula`). Numbers are
 * written as numbers and never prefixed: they come from typed columns, not from text, so a
 * negative amount stays a number. Every CSV the site writes (the table view, the area export)
 * goes through `toCsv`. Pure.
 */

/** A cell: text, a number, or empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** The byte-order mark that makes spreadsheets read the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/**
 * Characters a spreadsheet may skip before it looks for a formula: spaces, tabs, line breaks
 * and the ideographic (full-width) space a Chinese input method types.
 */
const LEADING_BLANKS = /^[ \t\r\n\u3000]*/;

/**
 * Characters that start a formula, or a DDE command in older Excel (`|`), in their ASCII and
 * full-width forms: Excel and WPS with a Chinese input method read `＝` as `=`.
 */
const FORMULA_CHARACTERS = new Set(['=', '+', '-', '@', '|', '＝', '＋', '－', '＠', '｜']);

/**
 * A text cell made inert for spreadsheets, as OWASP's "CSV Injection" advises: a leading `'`
 * for text that starts with a tab or carriage return, or whose first character after leading
 * spaces, tabs, line breaks and full-width spaces is `=` `+` `-` `@` `|` or one of `＝` `＋` `－`
 * `＠` `｜`. The apostrophe shows in the cell, which is the price of a file that cannot run
 * anything; other text is returned as it is.
 */
export function neutraliseFormula(text: string): string {
  if (text.startsWith('\t') || text.startsWith('\r')) return `'${text}`;
  const first = text.charAt(LEADING_BLANKS.exec(text)![0].length);
  return FORMULA_CHARACTERS.has(first) ? `'${text}` : text;
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
