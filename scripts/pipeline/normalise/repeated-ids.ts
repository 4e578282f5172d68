/**
 * Ids across the ledgers of one build. Each ledger is normalised on its own (and rejects ids it
 * repeats itself); a province's city ledgers are then checked against each other, since two
 * cities numbering their communities the same way would otherwise put two communities under one
 * id in every output. The first ledger read keeps the id; a later row using it is rejected.
 */
import type { RowIssue } from '../table';
import { sourceRowNumber } from './common';

/** What the check needs of a record. */
export interface IdentifiedRecord {
  id: string;
  /** `file.xlsx!sheet:12` or `file.csv:12`: the row number follows the last colon. */
  source_row: string;
}

/** Where an id was first used. */
export interface IdOwner {
  file: string;
  row: number;
}

/**
 * Splits one ledger's accepted records into those whose id no earlier ledger used, and an error
 * for each of the others (on the id column as written, `idColumn`, '' when ids were generated),
 * naming both files and rows. The kept ids are added to `owners`, which the caller carries from
 * ledger to ledger in reading order.
 */
export function rejectIdsUsedBefore<T extends IdentifiedRecord>(
  records: readonly T[],
  file: string,
  idColumn: string,
  owners: Map<string, IdOwner>,
): { kept: T[]; errors: RowIssue[] } {
  const kept: T[] = [];
  const errors: RowIssue[] = [];
  for (const record of records) {
    const row = sourceRowNumber(record.source_row);
    const owner = owners.get(record.id);
    if (owner) {
      errors.push({
        row,
        column: idColumn,
        value: record.id,
        reason: `duplicate id across ledgers: ${owner.file} row ${owner.row} already uses it (this is ${file} row ${row})`,
      });
    } else {
      owners.set(record.id, { file, row });
      kept.push(record);
    }
  }
  return { kept, errors };
}
