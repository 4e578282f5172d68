import { describe, expect, it } from 'vitest';
import { fnv1a64, isEmptyCell, sourceFileName, sourceRow, sourceRowNumber } from './common';

describe('fnv1a64', () => {
  // Reference values of the 64-bit FNV-1a test suite (isthe.com/chongo/tech/comp/fnv).
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('%j → %s', (text, hex) => {
    expect(fnv1a64(text)).toBe(hex);
  });

  it('hashes the UTF-8 bytes of Chinese text, differently for different text', () => {
    expect(fnv1a64('桃子湖小区')).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64('桃子湖小区')).toBe(fnv1a64('桃子湖小区'));
    expect(fnv1a64('桃子湖小区')).not.toBe(fnv1a64('桃子湖小 区'));
    expect(fnv1a64('𠀀')).not.toBe(fnv1a64('\u4e00'));
  });

  it('has no collisions over 200,000 similar names at 12 hex digits', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(fnv1a64(`长沙市\u001f岳麓区\u001f小区${i}`).slice(0, 12));
    expect(seen.size).toBe(200_000);
  });
});

describe('sourceRow', () => {
  it('names file, sheet and row', () => {
    expect(sourceRow('a.xlsx', 'Sheet1', 12)).toBe('a.xlsx!Sheet1:12');
    expect(sourceRow('a.csv', undefined, 3)).toBe('a.csv:3');
  });
});

describe('isEmptyCell', () => {
  it('treats placeholders as empty unless told not to', () => {
    expect(isEmptyCell('/')).toBe(true);
    expect(isEmptyCell('/', false)).toBe(false);
    expect(isEmptyCell(' ')).toBe(true);
    expect(isEmptyCell(0)).toBe(false);
    expect(isEmptyCell(undefined)).toBe(true);
  });
});

describe('sourceRowNumber', () => {
  it('reads the row a record came from', () => {
    expect(sourceRowNumber('台账.xlsx!2023年:12')).toBe(12);
    expect(sourceRowNumber('amenities.csv:3')).toBe(3);
    expect(sourceRowNumber('no row here')).toBe(0);
  });
});

describe('sourceFileName', () => {
  it('reads the file a record came from, so a province build names each ledger', () => {
    expect(sourceFileName('株洲市.xlsx!Sheet1:12')).toBe('株洲市.xlsx');
    expect(sourceFileName('湘潭市.csv:3')).toBe('湘潭市.csv');
    expect(sourceFileName('no row here')).toBe('');
  });
});
