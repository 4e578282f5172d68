/**
 * Spreadsheet column letters, as a person sees them in Excel and in cell references (`B7`):
 * the readers name cells this way in their messages, and the XLSX reader reads merge ranges.
 */

/** 0 → `A`, 25 → `Z`, 26 → `AA`, 16383 → `XFD`. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** `A` → 0, `Z` → 25, `AA` → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
