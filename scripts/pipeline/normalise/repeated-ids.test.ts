import { describe, expect, it } from 'vitest';
import { rejectIdsUsedBefore, type IdOwner } from './repeated-ids';

describe('rejectIdsUsedBefore', () => {
  it('keeps the first ledger’s record and rejects a later ledger’s, naming both files and rows', () => {
    const owners = new Map<string, IdOwner>();
    const first = rejectIdsUsedBefore(
      [
        { id: 'A1', source_row: '长沙市.csv:2' },
        { id: 'A2', source_row: '长沙市.csv:3' },
      ],
      '长沙市.csv',
      '编号',
      owners,
    );
    expect(first).toEqual({
      kept: [
        { id: 'A1', source_row: '长沙市.csv:2' },
        { id: 'A2', source_row: '长沙市.csv:3' },
      ],
      errors: [],
    });
    const second = rejectIdsUsedBefore(
      [
        { id: 'B1', source_row: '株洲市.xlsx!台账:4' },
        { id: 'A2', source_row: '株洲市.xlsx!台账:5' },
      ],
      '株洲市.xlsx',
      '小区编号',
      owners,
    );
    expect(second.kept.map((r) => r.id)).toEqual(['B1']);
    expect(second.errors).toEqual([
      {
        row: 5,
        column: '小区编号',
        value: 'A2',
        reason: 'duplicate id across ledgers: 长沙市.csv row 3 already uses it (this is 株洲市.xlsx row 5)',
      },
    ]);
    expect(owners.get('B1')).toEqual({ file: '株洲市.xlsx', row: 4 });
  });
});
