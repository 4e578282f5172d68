import { describe, expect, it } from 'vitest';
import type { BuildReport } from '../pipeline/build';
import { formatProgress, formatSummary } from './summary';

const report: BuildReport = {
  rows_read: 3,
  rows_accepted: 2,
  rows_rejected: 1,
  rows_skipped: 1,
  errors: [{ row: 5, column: '改造状态', value: '快完了', reason: 'unknown stage word', file: 'ledger.csv' }],
  warnings: [],
  tables: {
    communities: { file: 'ledger.csv', rows_read: 3, rows_accepted: 2, rows_rejected: 1, rows_skipped: 1 },
  },
};

describe('formatSummary', () => {
  it('names counts per table and each rejected row with its column and value', () => {
    const text = formatSummary(report, 'out', ['a', 'b'], 1500);
    expect(text).toContain('ledger.csv: 3 rows read, 2 accepted, 1 rejected, 1 skipped');
    expect(text).toContain('ledger.csv row 5, column "改造状态" = "快完了": unknown stage word');
    expect(text).toContain('Wrote 2 files to out/ in 1.5 s');
  });

  it('shortens long error lists and points at report.json', () => {
    const many = {
      ...report,
      errors: Array.from({ length: 25 }, (_, i) => ({ ...report.errors[0]!, row: i + 2 })),
    };
    expect(formatSummary(many, 'out', [], 0)).toContain('… and 5 more (see out/report.json)');
  });
});

describe('formatProgress', () => {
  it('fills the bar in proportion', () => {
    expect(formatProgress('tiles', 1, 4, 8)).toBe('tiles              [##------]  25%');
    expect(formatProgress('tiles', 0, 0, 4)).toBe('tiles              [----]   0%');
  });
});

describe('formatSummary with several ledgers', () => {
  it('lists each file’s counts under the table’s total', () => {
    const files = [
      { file: '长沙市.csv', rows_read: 3, rows_accepted: 3, rows_rejected: 0, rows_skipped: 0 },
      { file: '湘潭市.csv', rows_read: 2, rows_accepted: 1, rows_rejected: 1, rows_skipped: 1 },
    ];
    const total = {
      file: '2 files',
      rows_read: 5,
      rows_accepted: 4,
      rows_rejected: 1,
      rows_skipped: 1,
      files,
    };
    const text = formatSummary({ ...report, tables: { communities: total } }, 'out', [], 0).split('\n');
    expect(text[0]).toBe(
      'communities  2 files: 5 rows read, 4 accepted, 1 rejected, 1 skipped (blank or totals)',
    );
    expect(text[1]).toBe('              长沙市.csv  3 rows read, 3 accepted, 0 rejected, 0 skipped');
    expect(text[2]).toBe('              湘潭市.csv  2 rows read, 1 accepted, 1 rejected, 1 skipped');
  });
});
