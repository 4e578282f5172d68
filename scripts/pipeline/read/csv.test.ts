import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, detectDelimiter, parseCsv, type CsvDelimiter } from './csv';

describe('parseCsv', () => {
  it('splits records and fields', () => {
    expect(parseCsv('小区名称,户数\n幸福里,320\n和平新村,1200\n')).toEqual([
      ['小区名称', '户数'],
      ['幸福里', '320'],
      ['和平新村', '1200'],
    ]);
  });

  it('treats CRLF, LF and a lone CR alike', () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
    ];
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual(expected);
    expect(parseCsv('a,b\n1,2')).toEqual(expected);
    expect(parseCsv('a,b\r1,2\r')).toEqual(expected);
  });

  it('unquotes RFC 4180 fields: delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = '名称,备注\r\n"光明路1号院,2号院","居民称""焕然一新"""\r\n"加装电梯\r\n外墙保温",x\r\n';
    expect(parseCsv(text)).toEqual([
      ['名称', '备注'],
      ['光明路1号院,2号院', '居民称"焕然一新"'],
      ['加装电梯\r\n外墙保温', 'x'],
    ]);
  });

  it('keeps empty fields, a trailing empty field and empty lines (so record numbers match Excel rows)', () => {
    expect(parseCsv('a,,c\n\n1,2,\n""\n')).toEqual([['a', '', 'c'], [''], ['1', '2', ''], ['']]);
  });

  it('adds no record for the final line break', () => {
    expect(parseCsv('a\n')).toEqual([['a']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('is lenient like Excel: a quote inside an unquoted field is literal, text after a closing quote is kept', () => {
    expect(parseCsv('5"门,"a"b,c\n')).toEqual([['5"门', 'ab', 'c']]);
  });

  it('throws CsvSyntaxError with the line of a quote that is never closed', () => {
    const parse = () => parseCsv('a,b\n1,"open\nstill open\n');
    expect(parse).toThrow(CsvSyntaxError);
    expect(parse).toThrow(/line 2/);
  });

  it('uses a forced delimiter instead of detecting one', () => {
    expect(parseCsv('a;b,c\n', { delimiter: ';' })).toEqual([['a', 'b,c']]);
    expect(parseCsv('a;b,c\n', { delimiter: ',' })).toEqual([['a;b', 'c']]);
  });

  it('detects the delimiter when parsing', () => {
    expect(parseCsv('a\tb\n1\t2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '区', ',', ';', '\t', '"', '\n', '\r', ' ', '1') });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    const delimiter = fc.constantFrom<CsvDelimiter>(',', '\t', ';');
    fc.assert(
      fc.property(table, delimiter, fc.boolean(), (rows, d, quoteAll) => {
        const quote = (f: string) => (quoteAll || /[",;\t\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
        const text = rows.map((r) => r.map(quote).join(d)).join('\r\n') + '\r\n';
        expect(parseCsv(text, { delimiter: d })).toEqual(rows);
      }),
    );
  });
});

describe('detectDelimiter', () => {
  it('finds comma, tab and semicolon', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
  });

  it('prefers the consistent delimiter over one that occurs inside values', () => {
    // Decimal commas vary per line; the semicolon count does not.
    const text = '小区名称;户数;面积\n幸福里;320;1,5\n和平;1200;12\n光明;86;3,25\n红星;95;7\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('ignores delimiters inside quotes', () => {
    const text = '名称;内容\n幸福里;"电梯,外墙,屋面"\n和平;"雨污,道路,绿化"\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('lets title rows without delimiters pass, and counts a quoted newline as inside the field', () => {
    const text = '示例市台账\n填报日期：2023年12月\na\tb\tc\n1\t"x\ny"\t3\n4\t5\t6\n';
    expect(detectDelimiter(text)).toBe('\t');
  });

  it('only scores the first lines', () => {
    const text = 'a\n'.repeat(40) + 'x;y\n';
    expect(detectDelimiter(text)).toBe(',');
    expect(detectDelimiter(text, { lines: 50 })).toBe(';');
  });

  it('defaults to comma for a single column', () => {
    expect(detectDelimiter('小区名称\n幸福里\n')).toBe(',');
  });
});
