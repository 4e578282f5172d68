import { describe, expect, it } from 'vitest';
import { wrapLines } from './wrap-lines';

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

  it('never breaks inside a number or a Latin word within Chinese text', () => {
    const text = '来源：《聚焦共同缔造彰显智慧美好》，xx区人民政府，2020年8月24日，约3,105万元';
    for (let w = 6; w <= 30; w++) {
      const lines = wrapLines(text, w, width);
      expect(lines.join('')).toBe(text);
      for (let i = 1; i < lines.length; i++) {
        const joint = lines[i - 1]!.slice(-1) + lines[i]![0];
        expect(joint, `width ${w}: ${lines.join(' | ')}`).not.toMatch(/^[0-9A-Za-z,.][0-9A-Za-z,.]$/);
      }
    }
  });

  it('breaks a number only when it alone is wider than a line', () => {
    expect(wrapLines('编号12345', 8, width)).toEqual(['编号12345']);
    expect(wrapLines('编号123456789', 4, width)).toEqual(['编号12', '3456', '789']);
  });
});
