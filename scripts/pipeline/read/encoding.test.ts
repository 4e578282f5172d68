import { describe, expect, it } from 'vitest';
import { decodeText } from './encoding';

/** GBK byte sequences of header words, from the GBK code table (two bytes per character). */
const GBK: Record<string, number[]> = {
  小区名称: [0xd0, 0xa1, 0xc7, 0xf8, 0xc3, 0xfb, 0xb3, 0xc6],
  户数: [0xbb, 0xa7, 0xca, 0xfd],
  中央补助: [0xd6, 0xd0, 0xd1, 0xeb, 0xb2, 0xb9, 0xd6, 0xfa],
  '（万元）': [0xa3, 0xa8, 0xcd, 0xf2, 0xd4, 0xaa, 0xa3, 0xa9],
};
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('decodeText', () => {
  it('reads GBK bytes of real Chinese headers as GB18030, without mojibake', () => {
    const bytes = new Uint8Array([
      ...GBK['小区名称']!,
      ...ascii(','),
      ...GBK['户数']!,
      ...ascii(','),
      ...GBK['中央补助']!,
      ...GBK['（万元）']!,
      ...ascii('\r\n'),
    ]);
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('gb18030');
    expect(text).toBe('小区名称,户数,中央补助（万元）\r\n');
    expect(text).not.toContain('\ufffd');
  });

  it('reads GB18030 four-byte sequences (characters outside GBK)', () => {
    // U+20000 𠀀 is 0x95 0x32 0x82 0x36 in GB18030; the GBK part makes the text invalid UTF-8.
    const bytes = new Uint8Array([...GBK['户数']!, 0x95, 0x32, 0x82, 0x36]);
    expect(decodeText(bytes)).toEqual({ text: '户数\u{20000}', encoding: 'gb18030' });
  });

  it('reads valid UTF-8 as UTF-8', () => {
    const bytes = new TextEncoder().encode('小区名称,户数\n幸福里,320\n');
    expect(decodeText(bytes)).toEqual({ text: '小区名称,户数\n幸福里,320\n', encoding: 'utf-8' });
  });

  it('reports plain ASCII as UTF-8', () => {
    expect(decodeText(new Uint8Array(ascii('name,lng,lat\n')))).toEqual({
      text: 'name,lng,lat\n',
      encoding: 'utf-8',
    });
  });

  it('strips a UTF-8 byte-order mark and reports utf-8-bom', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('户数')]);
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('utf-8-bom');
    expect(text).toBe('户数');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode text")', () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('户数\t经度', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: '户数\t经度', encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from('户数', 'utf16le').swap16()]);
    expect(decodeText(be)).toEqual({ text: '户数', encoding: 'utf-16be' });
  });

  it('handles an empty file', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 rather than guess', () => {
    expect(() => decodeText(new Uint8Array([0x41, 0x0a, 0x42, 0xff, 0xff]))).toThrow(
      'text is neither UTF-8 nor GBK/GB18030 (UTF-8 breaks at byte 0xFF on line 2): save the file as "CSV UTF-8"',
    );
  });

  it('refuses invalid UTF-8 after a UTF-8 byte-order mark', () => {
    expect(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...GBK['户数']!]))).toThrow(
      'the file starts with a UTF-8 byte-order mark, but byte 0xBB on line 1 is not UTF-8: save it again as "CSV UTF-8"',
    );
  });
});
