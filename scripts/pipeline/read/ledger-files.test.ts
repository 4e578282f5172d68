import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../table';
import { expandLedgerPaths, pickLedgerNames } from './ledger-files';

describe('pickLedgerNames', () => {
  it('keeps .xlsx and .csv files in name order, without lock files, dot files and others', () => {
    expect(
      pickLedgerNames([
        '湘潭市.csv',
        '~$株洲市.xlsx',
        '长沙市.XLSX',
        '.~lock.a.csv#',
        '说明.docx',
        'a.csv',
        '.hidden.csv',
      ]),
    ).toEqual(['a.csv', '湘潭市.csv', '长沙市.XLSX']);
  });
});

describe('expandLedgerPaths', () => {
  const root = mkdtempSync(join(tmpdir(), 'atlas-ledgers-'));
  const folder = join(root, 'province');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  for (const name of ['b.csv', 'a.xlsx', '~$a.xlsx', 'notes.txt', join('sub', 'c.csv')])
    writeFileSync(join(folder, name), '');
  writeFileSync(join(root, 'z.csv'), '');

  it('replaces a folder by its ledgers in place, keeping the order paths were given in', async () => {
    expect(await expandLedgerPaths([join(root, 'z.csv'), folder])).toEqual([
      join(root, 'z.csv'),
      join(folder, 'a.xlsx'),
      join(folder, 'b.csv'),
    ]);
  });

  it('refuses a missing path, a folder without ledgers and two ledgers of the same name', async () => {
    await expect(expandLedgerPaths([join(root, 'missing.csv')])).rejects.toThrow(
      /missing\.csv: file not found$/,
    );
    await expect(expandLedgerPaths([join(folder, 'sub', '..', 'sub', '..', '..')])).resolves.toEqual([
      join(root, 'z.csv'),
    ]);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(expandLedgerPaths([empty])).rejects.toThrow(
      new InputError(`${empty}: the folder holds no .xlsx or .csv ledger`, empty),
    );
    await expect(expandLedgerPaths([join(folder, 'b.csv'), folder])).rejects.toThrow(
      /b\.csv: a ledger named b\.csv is already read .*give each ledger its own name/,
    );
  });
});
