import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, toCsv, UTF8_BOM } from './csv';

/** A minimal RFC 4180 reader, independent of the writer, to read back what it wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('prefixes %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });
  it.each(['锦绣社区', '1+1', 'a=b', '', "'quoted"])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('csvField', () => {
  it('writes numbers as numbers, even negative ones, and blanks for missing values', () => {
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
  });
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
    const rows = parseCsv(csv.slice(UTF8_BOM.length));
    expect(rows).toEqual([
      ['名称', 'n'],
      [awkward[0], '1'],
      [`'${awkward[1]}`, '-2'],
      [`'-1`, ''],
      ['plain', '0'],
    ]);
  });

  it('encodes to UTF-8 bytes starting EF BB BF', () => {
    const bytes = new TextEncoder().encode(toCsv(['a'], []));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
