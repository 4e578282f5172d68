/** A cell as read from a file (CSV text, or an XLSX number, boolean or date), before any interpretation. */
export type RawCell = string | number | boolean | Date | null;
