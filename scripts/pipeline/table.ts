/**
 * The in-memory shape every reader (CSV, XLSX, GeoJSON properties) produces, and the report
 * entries every transform emits. Row numbers are the ones a person sees in Excel or a text
 * editor: 1-based, title rows and the header row counted.
 */

import type { RawCell } from '../../src/domain/cell';

export type { RawCell };

/** One data row below the header. */
export interface RawRow {
  /** 1-based row number as a person sees it in the file. */
  row: number;
  cells: RawCell[];
}

/** A table read from one file or sheet, header located, rows not yet interpreted. */
export interface RawTable {
  /** Path or name of the file, as given on the command line. */
  file: string;
  /** Sheet name for workbooks. */
  sheet?: string;
  /** Text encoding detected for CSV (`utf-8`, `utf-8-bom`, `gb18030`). */
  encoding?: string;
  /** 1-based row number of the header row. */
  headerRow: number;
  /** Headers exactly as written (merged header cells carried across). */
  headers: string[];
  /** Every row below the header, blank and totals rows included: classification happens later. */
  rows: RawRow[];
}

/** A problem with one cell or row (the report's contract: src/contracts/report.ts). */
export type { RowIssue } from '../../src/contracts/report';

/** Raised when a whole file cannot be used (unreadable, required columns missing). */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
