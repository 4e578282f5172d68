import { describe, expect, it } from 'vitest';
import { exportFileName, wrapLines } from './export-png';

/** Every character one unit wide. */
const width = (s: string) => [...s].length;

describe('export text layout', () => {
  it('breaks at spaces when there are any', () => {
    expect(wrapLines('one two three four', 9, width)).toEqual(['one two', 'three', 'four']);
  });

  it('breaks Chinese between characters', () => {
    expect(wrapLines('长沙市既有小区品质提升三年行动', 6, width)).toEqual([
      '长沙市既有小',
      '区品质提升三',
      '年行动',
    ]);
  });

  it('keeps every character and never exceeds the width', () => {
    const text = 'Source: 000_3984d62c0898ea74.txt · 001_b5f242886d659bb7.txt 来源：示意数据由程序生成';
    const lines = wrapLines(text, 12, width);
    expect(lines.every((l) => width(l) <= 12)).toBe(true);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('honours line breaks', () => {
    expect(wrapLines('a\nb', 10, width)).toEqual(['a', 'b']);
  });

  it('names the file after the view and the day', () => {
    expect(exportFileName('Changsha', new Date('2025-01-31T12:00:00Z'))).toBe(
      'renovation-atlas-changsha-2025-01-31.png',
    );
    expect(exportFileName('长沙', new Date('2025-01-31T12:00:00Z'))).toBe('renovation-atlas-2025-01-31.png');
  });
});
