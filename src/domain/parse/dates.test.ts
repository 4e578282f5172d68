import { describe, expect, it } from 'vitest';
import type { RawCell } from '../cell';
import { itRejects } from '../test-cases';
import { excelSerialToDate, parseDate, parseYear } from './dates';

/** Test cases `[input, value, precision]`: each way a ledger may write the same date or year. */
function spellings<V>(value: V, precision: string, inputs: RawCell[]): [RawCell, V, string][] {
  return inputs.map((input) => [input, value, precision]);
}

describe('parseDate', () => {
  it.each([
    ...spellings('2023-05-01', 'day', [
      '2023-05-01',
      '2023/5/1',
      '2023.5.1',
      '2023年5月1日',
      '２０２３年５月１日',
      '2023 年 5 月 1 日',
      '2023-05-01 00:00:00',
      '2023/5/1 8:30',
      '2023-05-01T00:00:00Z',
      '20230501',
      20230501,
      new Date(Date.UTC(2023, 4, 1)),
      // Some readers hand over a millisecond before midnight.
      new Date(Date.UTC(2023, 4, 1) - 1),
    ]),
    ...spellings('2023-05', 'month', ['2023年5月', '2023.5', '2023-05', '2023/05']),
    ...spellings('2023-10', 'month', ['2023.10']),
    ...spellings('2023', 'year', ['2023年', '2023', 2023]),
    ...spellings('2024-02-29', 'day', ['2024-02-29']),
    ...spellings('2000-02-29', 'day', ['2000-02-29']),
  ])('%j → %s (%s)', (input, value, precision) => {
    expect(parseDate(input)).toEqual({ ok: true, value, precision });
  });

  it.each<[number, string]>([
    [45047, '2023-05-01'],
    [45047.75, '2023-05-01'], // time of day dropped
    [44927, '2023-01-01'],
    [45351, '2024-02-29'],
    [36526, '2000-01-01'],
    [25569, '1970-01-01'],
  ])('Excel serial %d → %s', (serial, value) => {
    expect(parseDate(serial)).toEqual({ ok: true, value, precision: 'day' });
  });

  it('agrees with the Date-based conversion for every serial in range', () => {
    // 73415 is 2100-12-31, the last date accepted.
    for (let serial = 20000; serial <= 73415; serial += 1) {
      const r = parseDate(serial);
      expect(r.ok && r.value).toBe(excelSerialToDate(serial).toISOString().slice(0, 10));
    }
    expect(parseDate(73416)).toEqual({ ok: false, reason: 'year 2101 is outside 1900–2100' });
  });

  it('follows the 1900 system including the phantom 1900-02-29', () => {
    // Serial 59 is 1900-02-28, 60 is Lotus's 1900-02-29, 61 is 1900-03-01.
    expect(excelSerialToDate(59).toISOString().slice(0, 10)).toBe('1900-02-28');
    expect(excelSerialToDate(61).toISOString().slice(0, 10)).toBe('1900-03-01');
    expect(excelSerialToDate(1).toISOString().slice(0, 10)).toBe('1900-01-01');
  });

  itRejects(parseDate, [
    ['2023-02-29', 'day 29 does not exist in 2023-02'],
    ['1900-02-29', 'day 29 does not exist'],
    ['2023-04-31', 'day 31 does not exist'],
    ['2023-13-01', 'month 13 does not exist'],
    ['2023年0月', 'month 0 does not exist'],
    ['2023.13', 'month 13'],
    ['1899-12-31', 'outside'],
    ['5/1/2023', 'ambiguous'],
    ['2023年5月底', 'not a calendar date'],
    ['2023年第二季度', 'not a calendar date'],
    ['待定', 'not a date'],
    ['', 'empty'],
    [null, 'empty'],
    [true, 'not a date'],
    [12.5, 'neither a year nor an Excel date'],
    [new Date(NaN), 'invalid date'],
  ]);
});

describe('parseYear', () => {
  const opts = { maxYear: 2026 };
  it.each([
    ...spellings(2007, 'year', [
      '2007',
      2007,
      '2007年',
      '２００７年',
      '2007-06-01',
      '2007年6月',
      '2007.6',
      39234, // Excel serial of 2007-06-01
      new Date(Date.UTC(2007, 5, 1)),
    ]),
    ...spellings(2023, 'year', ['2023年度']),
    ...spellings(1990, 'decade', ['20世纪90年代', '90年代', '1990年代', '1990s', '1990S']),
    ...spellings(1980, 'decade', ['上世纪80年代', '80年代末']),
    ...spellings(1970, 'decade', ['70年代初期']),
    ...spellings(2000, 'decade', ['00年代', '21世纪00年代']),
    ...spellings(1900, 'year', ['1900']),
    ...spellings(2027, 'year', ['2027']),
  ])('%j → %d (%s)', (input, year, precision) => {
    expect(parseYear(input, { maxYear: 2027 })).toEqual({ ok: true, year, precision });
  });

  itRejects(
    (input) => parseYear(input, opts),
    [
      ['1850', 'outside 1900–2026'],
      [1850, 'outside'],
      ['2030', 'outside'],
      ['2000年以前', 'open-ended'],
      ['1990年后', 'open-ended'],
      ['不详', 'not a year'],
      ['19世纪80年代', 'not a year'],
      [true, 'not a year'],
    ],
  );

  it('defaults the upper limit to next year', () => {
    const next = new Date().getUTCFullYear() + 1;
    expect(parseYear(String(next)).ok).toBe(true);
    expect(parseYear(String(next + 1)).ok).toBe(false);
  });
});
