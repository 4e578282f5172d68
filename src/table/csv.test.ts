import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { itMaps } from '../domain/test-cases';
import { csvField, neutraliseFormula, toCsv, UTF8_BOM } from './csv';

describe('neutraliseFormula', () => {
  // [cell text, written as]: OWASP "CSV Injection", with the full-width forms a Chinese input
  // method types and the blanks a spreadsheet skips before it looks for a formula.
  const cases: [string, string][] = [
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['-12.5', "'-12.5"], // text, not a number: numbers are typed and never reach here
    ['@SUM(A1)', "'@SUM(A1)"],
    ['|calc', "'|calc"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\tplain', "'\tplain"], // a leading tab or CR is prefixed whatever follows
    ['\rplain', "'\rplain"],
    ['\n=1', "'\n=1"],
    ['\r\n=cmd', "'\r\n=cmd"],
    ['   =1', "'   =1"],
    [' \t \n@x', "' \t \n@x"],
    ['\u3000=1', "'\u3000=1"], // ideographic space
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['｜calc', "'｜calc"],
    ['\u3000 ＝HYPERLINK("http://x")', '\'\u3000 ＝HYPERLINK("http://x")'],
    ['锦绣社区', '锦绣社区'],
    ['1+1', '1+1'],
    ['a=b', 'a=b'],
    ['', ''],
    ['   ', '   '],
    ['\nplain', '\nplain'],
    ['\u3000锦绣', '\u3000锦绣'],
    ["'quoted", "'quoted"],
    ['12.5', '12.5'],
    ['（=1）', '（=1）'],
  ];
  itMaps(neutraliseFormula, cases);
});

describe('csvField', () => {
  // [cell, field]: numbers as numbers, even negative ones, and blanks for missing values; text
  // quoted when holding a comma, quote, CR or LF, quotes doubled, after the prefix.
  itMaps(csvField, [
    [-3.5, '-3.5'],
    [-12.5, '-12.5'],
    [-0.000001, '-0.000001'],
    [NaN, ''],
    [Infinity, ''],
    [null, ''],
    [undefined, ''],
    [true, 'true'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['\n=1', '"\'\n=1"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['plain', 'plain'],
  ]);
});

describe('toCsv', () => {
  it('starts with a BOM, ends rows with CRLF and round-trips awkward text', () => {
    const awkward = ['逗号,引号"与\n换行', '=HYPERLINK("http://x")', '-1', 'plain'];
    const csv = toCsv(
      ['名称', 'n'],
      [
        [awkward[0], 1],
        [awkward[1], -2],
        [awkward[2], null],
        [awkward[3], 0],
      ],
    );
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Read back by an RFC 4180 reader independent of the writer (as area-export.test.ts does).
    const rows = Papa.parse<string[]>(csv.slice(UTF8_BOM.length), {
      newline: '\r\n',
      skipEmptyLines: true,
    }).data;
    expect(rows).toEqual([
      ['名称', 'n'],
      [awkward[0], '1'],
      [`'${awkward[1]}`, '-2'],
      [`'-1`, ''],
      ['plain', '0'],
    ]);
  });

  it('keeps a negative number in a numeric column a number, and prefixes the same text', () => {
    const csv = toCsv(['amount'], [[-12.5], ['-12.5'], [0]]);
    expect(csv.slice(UTF8_BOM.length).split('\r\n')).toEqual(['amount', '-12.5', "'-12.5", '0', '']);
  });

  it('encodes to UTF-8 bytes starting EF BB BF', () => {
    const bytes = new TextEncoder().encode(toCsv(['a'], []));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
