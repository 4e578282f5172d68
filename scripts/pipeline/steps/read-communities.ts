import { basename } from 'node:path';
import type { FileReport } from '../../../src/contracts/report';
import type { ManifestInput } from '../../../src/contracts/manifest';
import { COMMUNITY_FIELDS, type CommunityRecord } from '../../../src/domain/schema';
import type { Crs } from '../../../src/domain/vocabulary';
import { normaliseCommunities } from '../normalise/communities';
import { rejectIdsUsedBefore, type IdOwner } from '../normalise/repeated-ids';
import { readInputFile } from '../read/input-file';
import { expandLedgerPaths } from '../read/ledger-files';
import { readTable } from '../read/read-table';
import type { BuildReport } from '../../../src/contracts/report';
import type { Lap, Progress } from './step-timer';
import { columnHeaders, headerMatcher, tableReport, type TableDiagnostics } from './table-step';
import { inputEntry } from './input-entry';

/** The communities ledgers, read and normalised into one table. */
export interface CommunitiesRead extends TableDiagnostics {
  records: CommunityRecord[];
  /** The manifest's entry for each ledger file, in reading order. */
  inputs: ManifestInput[];
  /**
   * The longitude column's header as written, for report lines about a row's position (the
   * first ledger's: ledgers of one province may word it differently).
   */
  coordinateColumn: string;
}

/** One ledger's share of the table, before it joins the others. */
interface LedgerRead {
  records: CommunityRecord[];
  input: ManifestInput;
  coordinateColumn: string;
  idColumn: string;
  errors: BuildReport['errors'];
  warnings: BuildReport['warnings'];
  counts: FileReport;
}

/**
 * Reads the communities ledgers (`paths`: files, or folders standing for their `.xlsx` and
 * `.csv` files, see `expandLedgerPaths`) and normalises each on its own, as each city words its
 * header its own way. Records keep `source_row` in their own file; an id an earlier ledger
 * already used is rejected (see `rejectIdsUsedBefore`); the table's counts are the sums of the
 * ledgers', each listed under `files` when there are several. Each ledger's table is released
 * once normalised, so only one is held at a time. Reading and normalising are timed apart
 * (summed over the ledgers): on a national ledger either can be the slow one.
 */
export async function readCommunities(
  paths: string | readonly string[],
  opts: { sheet?: string | undefined; crs: Crs },
  progress: Progress,
  lap: Lap,
): Promise<CommunitiesRead> {
  const files = await expandLedgerPaths(typeof paths === 'string' ? [paths] : paths);
  const owners = new Map<string, IdOwner>();
  const timing = { read: 0, normalise: 0 };
  const ledgers: LedgerRead[] = [];
  for (const [i, path] of files.entries()) {
    progress('read communities', i, files.length);
    const ledger = await readLedger(path, opts, timing);
    // Checked against the ledgers before it only: within a ledger the normaliser already did.
    // With one ledger there is nothing before it, and a national ledger's ids need no second map.
    if (files.length > 1) {
      const t = performance.now();
      const { kept, errors } = rejectIdsUsedBefore(
        ledger.records,
        ledger.counts.file,
        ledger.idColumn,
        owners,
      );
      ledger.records = kept;
      ledger.counts.rows_accepted -= errors.length;
      ledger.counts.rows_rejected += errors.length;
      for (const e of errors) ledger.errors.push({ ...e, table: 'communities', file: ledger.counts.file });
      timing.normalise += performance.now() - t;
    }
    ledgers.push(ledger);
  }
  progress('read communities', files.length, files.length);
  const read = joinLedgers(ledgers);
  // Laps take a start time: the summed durations are handed over as one.
  lap('read_communities', performance.now() - timing.read);
  lap('normalise_communities', performance.now() - timing.normalise);
  return read;
}

/** Reads and normalises one ledger file, adding the time each took to `timing`. */
async function readLedger(
  path: string,
  opts: { sheet?: string | undefined; crs: Crs },
  timing: { read: number; normalise: number },
): Promise<LedgerRead> {
  let t = performance.now();
  const bytes = await readInputFile(path);
  const table = await readTable(path, bytes, {
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
    isKnownHeader: headerMatcher(COMMUNITY_FIELDS, true),
  });
  const input = inputEntry('communities', path, bytes, table);
  timing.read += performance.now() - t;
  t = performance.now();
  const file = basename(path);
  const result = normaliseCommunities(table, { crs: opts.crs, sourceLabel: file, releaseRows: true });
  const errors = result.errors.map((e) => ({ ...e, table: 'communities' as const, file }));
  const warnings = result.warnings.map((w) => ({ ...w, table: 'communities' as const, file }));
  if (result.generatedIds)
    warnings.push({
      row: table.headerRow,
      column: '',
      value: '',
      reason: 'no id column: ids were generated from city, district and name',
      table: 'communities',
      file,
    });
  const [lngColumn, idColumn] = columnHeaders(table, COMMUNITY_FIELDS, 'lng', 'id');
  const ledger: LedgerRead = {
    records: result.records,
    input,
    coordinateColumn: lngColumn!,
    idColumn: idColumn!,
    errors,
    warnings,
    counts: tableReport(file, result),
  };
  timing.normalise += performance.now() - t;
  return ledger;
}

/** The ledgers as one table: records, issues and inputs in reading order, counts summed. */
function joinLedgers(ledgers: readonly LedgerRead[]): CommunitiesRead {
  if (ledgers.length === 1) {
    const [only] = ledgers as [LedgerRead];
    return {
      name: 'communities',
      records: only.records,
      inputs: [only.input],
      coordinateColumn: only.coordinateColumn,
      errors: only.errors,
      warnings: only.warnings,
      table: only.counts,
    };
  }
  const table = tableReport(`${ledgers.length} files`, {
    rows_read: 0,
    rows_accepted: 0,
    rows_rejected: 0,
    rows_skipped: 0,
  });
  for (const { counts } of ledgers) {
    table.rows_read += counts.rows_read;
    table.rows_accepted += counts.rows_accepted;
    table.rows_rejected += counts.rows_rejected;
    table.rows_skipped += counts.rows_skipped;
  }
  table.files = ledgers.map((l) => l.counts);
  const records: CommunityRecord[] = [];
  for (const l of ledgers) for (const r of l.records) records.push(r);
  return {
    name: 'communities',
    records,
    inputs: ledgers.map((l) => l.input),
    coordinateColumn: ledgers[0]?.coordinateColumn ?? '',
    errors: ledgers.flatMap((l) => l.errors),
    warnings: ledgers.flatMap((l) => l.warnings),
    table,
  };
}
