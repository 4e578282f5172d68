import { describe, expect, it } from 'vitest';
import { itMaps } from '../test-cases';
import { cellText, foldWidth, isPlaceholder, matchKey, normaliseHeader } from './text';

describe('foldWidth', () => {
  itMaps(foldWidth, [
    ['１２３４５６７８９０', '1234567890'],
    ['（万元）', '(万元)'],
    ['１，２３４', '1,234'],
    ['ＧＣＪ－０２', 'GCJ-02'],
    ['９５％', '95%'],
    ['　小区　', ' 小区 '],
    ['１２００㎡', '1200m2'],
    ['加装电梯', '加装电梯'],
    ['abc 123', 'abc 123'],
  ]);

  it('returns the same string object when nothing needs folding (fast path)', () => {
    const s = '岳麓区 123 abc';
    expect(foldWidth(s)).toBe(s);
  });
});

describe('cellText', () => {
  itMaps(cellText, [
    [null, ''],
    ['  桃子湖小区 ', '桃子湖小区'],
    ['\u3000　望月湖\n', '望月湖'],
    ['\u200b\ufeff名称\u200b', '名称'],
    [702, '702'],
    [112.9384, '112.9384'],
    [-0, '0'],
    [true, 'true'],
    [false, 'false'],
    [new Date(Date.UTC(2023, 4, 1)), '2023-05-01'],
    [new Date(Date.UTC(2023, 4, 1, 8, 30)), '2023-05-01T08:30:00.000Z'],
    [new Date(NaN), ''],
  ]);

  it('keeps markup and inner spaces literally', () => {
    expect(cellText(' <b>x</b>  y ')).toBe('<b>x</b>  y');
  });
});

describe('matchKey', () => {
  // Folds width, drops every space and lowercases English.
  itMaps(matchKey, [
    [' WGS 84 ', 'wgs84'],
    ['已 完\u3000工', '已完工'],
    ['ＢＤ－０９', 'bd-09'],
  ]);
});

describe('isPlaceholder', () => {
  it.each(['/', '／', '—', '——', '-', '无', '暂无', 'N/A', ' / '])('%j is a placeholder', (t) => {
    expect(isPlaceholder(t)).toBe(true);
  });
  it.each(['0', '否', '无障碍', '小区', '2023'])('%j is not', (t) => {
    expect(isPlaceholder(t)).toBe(false);
  });
});

describe('normaliseHeader (also exported from headers)', () => {
  it('strips the bracketed unit of a wrapped header', () => {
    expect(normaliseHeader('中央补助\n（万元）')).toEqual({ key: '中央补助', unit: '万元' });
  });
});
