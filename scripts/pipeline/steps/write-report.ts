import type { BuildReport, RoadsReport, TableReport } from '../../../src/contracts/report';
import type { OutputWriter } from './output-writer';
import type { TableDiagnostics } from './table-step';

/**
 * Writes report.json: every table's counts and their sums, with each rejected row's reason.
 * `laterWarnings` are those of files joined to the tables (footprints, then rows too far from any
 * road), listed after them; `roads` is what was made of the road file, when there was one.
 * It is written before the manifest, which lists it.
 */
export async function writeReport(
  read: readonly TableDiagnostics[],
  laterWarnings: BuildReport['warnings'],
  out: OutputWriter,
  roads?: RoadsReport,
): Promise<BuildReport> {
  const tables: Record<string, TableReport> = {};
  for (const t of read) tables[t.name] = t.table;
  const errors = read.flatMap((t) => t.errors);
  const warnings = [...read.flatMap((t) => t.warnings), ...laterWarnings];
  const report: BuildReport = {
    rows_read: 0,
    rows_accepted: 0,
    rows_rejected: 0,
    rows_skipped: 0,
    errors,
    warnings,
    tables,
    ...(roads ? { roads } : {}),
  };
  for (const tr of Object.values(tables)) {
    report.rows_read += tr.rows_read;
    report.rows_accepted += tr.rows_accepted;
    report.rows_rejected += tr.rows_rejected;
    report.rows_skipped += tr.rows_skipped;
  }
  await out.write('report.json', JSON.stringify(report, null, 2));
  return report;
}
