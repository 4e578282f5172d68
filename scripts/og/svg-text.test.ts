import { describe, expect, it } from 'vitest';
import { escapeXml, fitFontSize, fitsInLines, textWidth, truncateToWidth, wrapText } from './svg-text';

describe('escapeXml', () => {
  it('turns markup in data text into text, and drops characters XML forbids', () => {
    expect(escapeXml('<b>x</b><img src=x onerror="alert(1)">&\'')).toBe(
      '&lt;b&gt;x&lt;/b&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;',
    );
    expect(escapeXml('a\u0000b\u001fc\td')).toBe('abc\td');
  });
});

describe('textWidth', () => {
  it('counts a Chinese character as a full em and Latin narrower', () => {
    expect(textWidth('小区', 20)).toBe(40);
    expect(textWidth('ab', 20)).toBeLessThan(textWidth('小区', 20));
    expect(textWidth('1,229', 10)).toBeGreaterThan(20);
  });
});

describe('truncateToWidth', () => {
  it('keeps text that fits and cuts the rest with an ellipsis, within the width', () => {
    expect(truncateToWidth('小区焕新', 20, 100)).toBe('小区焕新');
    const cut = truncateToWidth('城镇老旧小区改造进展', 20, 100);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 20)).toBeLessThanOrEqual(100);
  });
});

describe('fitFontSize', () => {
  it('shrinks until the text fits, and stops at the minimum', () => {
    expect(fitFontSize('小区焕新地图', 46, 28, 400)).toBe(46);
    const size = fitFontSize('小区焕新地图', 46, 28, 200);
    expect(textWidth('小区焕新地图', size)).toBeLessThanOrEqual(200);
    expect(fitFontSize('小区焕新地图', 46, 28, 10)).toBe(28);
  });
});

describe('wrapText', () => {
  it('breaks after a separator, never inside a number, and fits each line', () => {
    const lines = wrapText('其中 1,212 个为示意数据；非真实小区的位置与数值均为生成', 15, 200, 3);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidth(line, 15)).toBeLessThanOrEqual(200);
    expect(lines.join('')).toContain('1,212');
    expect(lines.some((l) => l.endsWith('；'))).toBe(true);
  });

  it('truncates the last line when the text runs on', () => {
    const lines = wrapText('来源：'.padEnd(200, '长'), 15, 300, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(fitsInLines('来源：'.padEnd(200, '长'), 15, 300, 2)).toBe(false);
    expect(fitsInLines('来源：长沙', 15, 300, 1)).toBe(true);
  });
});
