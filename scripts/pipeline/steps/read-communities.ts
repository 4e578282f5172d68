import { basename } from 'node:path';
import type { ManifestInput } from '../../../src/contracts/manifest';
import { COMMUNITY_FIELDS, type CommunityRecord } from '../../../src/domain/schema';
import type { Crs } from '../../../src/domain/vocabulary';
import { normaliseCommunities } from '../normalise/communities';
import { readInputFile } from '../read/input-file';
import { readTable } from '../read/read-table';
import type { Lap, Progress } from './step-timer';
import { coordinateColumn, headerMatcher, tableReport, type TableDiagnostics } from './table-step';
import { inputEntry } from './input-entry';

/** The communities ledger, read and normalised. */
export interface CommunitiesRead extends TableDiagnostics {
  records: CommunityRecord[];
  input: ManifestInput;
  /** The longitude column's header as written, for report lines about a row's position. */
  coordinateColumn: string;
}

/**
 * Reads the communities ledger and normalises its rows. Reading and normalising are timed
 * apart: on a national ledger either can be the slow one.
 */
export async function readCommunities(
  path: string,
  opts: { sheet?: string | undefined; crs: Crs },
  progress: Progress,
  lap: Lap,
): Promise<CommunitiesRead> {
  let t = performance.now();
  progress('read communities', 0, 1);
  const bytes = await readInputFile(path);
  const table = await readTable(path, bytes, {
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
    isKnownHeader: headerMatcher(COMMUNITY_FIELDS, true),
  });
  const input = inputEntry('communities', path, bytes, table);
  lap('read_communities', t);
  t = performance.now();
  const file = basename(path);
  const result = normaliseCommunities(table, { crs: opts.crs, sourceLabel: file });
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
  const read = {
    name: 'communities' as const,
    records: result.records,
    input,
    coordinateColumn: coordinateColumn(table, COMMUNITY_FIELDS),
    errors,
    warnings,
    table: tableReport(file, result),
  };
  lap('normalise_communities', t);
  return read;
}
