/**
 * `data/report.json`: what the data build read, accepted and rejected, row by row. Written by
 * scripts/pipeline/build.ts for whoever maintains a ledger; the site only lists the file.
 */

/** A problem with one cell or row. `row` and `column` point at the place in the file. */
export interface RowIssue {
  row: number;
  /** The header as written in the file, or '' for whole-row problems. */
  column: string;
  value: string;
  reason: string;
  /** Which table the row belongs to; set by the build when several tables are read. */
  table?: 'communities' | 'amenities' | 'boundaries' | 'footprints';
}

/** Counts of one input table. rows_read = rows_accepted + rows_rejected. */
export interface TableReport {
  file: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_skipped: number;
}

/** The whole file. Top-level counts add up over all tables. */
export interface BuildReport {
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_skipped: number;
  errors: (RowIssue & { file: string })[];
  warnings: (RowIssue & { file: string })[];
  tables: Record<string, TableReport>;
}
