/**
 * The readable terminal summary of a build and the progress bar for long inputs. Pure string
 * builders: the entry script decides where they go.
 */
import type { FileReport } from '../../src/contracts/report';
import type { BuildReport } from '../pipeline/build';

/** Errors listed in full before the summary says "… and N more (see report.json)". */
const MAX_LISTED_ERRORS = 20;

/** Formats the summary printed after a build. */
export function formatSummary(
  report: BuildReport,
  outDir: string,
  outFiles: readonly string[],
  ms: number,
): string {
  const lines: string[] = [];
  for (const [table, t] of Object.entries(report.tables)) {
    lines.push(`${table.padEnd(12)} ${t.file}: ${counts(t)} (blank or totals)`);
    // A province's ledgers: each city's file under the total, aligned, so a bad file stands out.
    const width = Math.max(0, ...(t.files ?? []).map((f) => f.file.length));
    for (const f of t.files ?? []) lines.push(`${''.padEnd(14)}${f.file.padEnd(width)}  ${counts(f)}`);
  }
  if (report.errors.length) {
    lines.push('', `Rejected rows (${report.rows_rejected}):`);
    for (const e of report.errors.slice(0, MAX_LISTED_ERRORS)) {
      const where = e.column ? `row ${e.row}, column "${e.column}"` : `row ${e.row}`;
      const value = e.value === '' ? '' : ` = "${e.value}"`;
      lines.push(`  ${e.file} ${where}${value}: ${e.reason}`);
    }
    if (report.errors.length > MAX_LISTED_ERRORS)
      lines.push(`  … and ${report.errors.length - MAX_LISTED_ERRORS} more (see ${outDir}/report.json)`);
  }
  if (report.warnings.length)
    lines.push('', `${report.warnings.length} warnings (see ${outDir}/report.json)`);
  lines.push('', `Wrote ${outFiles.length} files to ${outDir}/ in ${(ms / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

/** A table's or a file's counts, as the summary words them. */
function counts(t: FileReport): string {
  return (
    `${t.rows_read} rows read, ${t.rows_accepted} accepted, ${t.rows_rejected} rejected, ` +
    `${t.rows_skipped} skipped`
  );
}

/** One line of progress: `tiles  [########------------]  40%`. */
export function formatProgress(phase: string, done: number, total: number, width = 24): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * width);
  return `${phase.padEnd(18)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%`;
}
