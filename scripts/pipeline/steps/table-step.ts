import type { BuildReport, TableReport } from '../../../src/contracts/report';
import { bindColumns, normaliseHeader } from '../../../src/domain/headers';
import { matchItemHeader } from '../../../src/domain/parse/items';
import type { FieldDefinition } from '../../../src/domain/schema';
import type { RawTable } from '../table';

/** Row problems a table step found, already tagged with their table and file for report.json. */
export interface TableDiagnostics {
  /** The table's key in report.json's `tables`. */
  name: 'communities' | 'amenities';
  errors: BuildReport['errors'];
  warnings: BuildReport['warnings'];
  table: TableReport;
}

/**
 * Tells the header-row finder which cells are known column names, so it can skip title rows
 * above a ledger's real header. Item columns count only where the table carries funded items.
 */
export function headerMatcher(fields: readonly FieldDefinition[], items: boolean): (text: string) => boolean {
  const known = new Set<string>();
  for (const f of fields) for (const a of f.aliases) known.add(normaliseHeader(a).key);
  return (text) => known.has(normaliseHeader(text).key) || (items && matchItemHeader(text) !== null);
}

/** Counts of one table, copied field by field so a normaliser's extra fields never leak into the report. */
export function tableReport(
  file: string,
  r: { rows_read: number; rows_accepted: number; rows_rejected: number; rows_skipped: number },
): TableReport {
  return {
    file,
    rows_read: r.rows_read,
    rows_accepted: r.rows_accepted,
    rows_rejected: r.rows_rejected,
    rows_skipped: r.rows_skipped,
  };
}

/**
 * The headers as written of the table's columns for `wanted` fields, in that order ('' for a field
 * the table lacks), bound once: e.g. the longitude column coordinate problems are reported on.
 */
export function columnHeaders(
  table: RawTable,
  fields: readonly FieldDefinition[],
  ...wanted: readonly string[]
): string[] {
  const { bindings } = bindColumns(table.headers, fields);
  return wanted.map((field) => bindings.find((b) => b.field === field)?.header ?? '');
}
