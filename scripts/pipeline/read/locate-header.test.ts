import { describe, expect, it } from 'vitest';
import type { RawCell } from '../table';
import { locateHeader } from './locate-header';

// Known headers the way the normaliser will judge them: an alias, ignoring a bracketed unit.
const ALIASES = new Set([
  '序号',
  '区县',
  '小区名称',
  '户数',
  '改造状态',
  '中央补助',
  '省级补助',
  '居民自筹',
  '改造内容',
  '外立面',
  '加装电梯',
]);
const isKnownHeader = (text: string) => ALIASES.has(text.replace(/[（(][^）)]*[）)]$/, ''));

describe('locateHeader', () => {
  it('passes over title rows to the first row with known headers', () => {
    const grid: RawCell[][] = [
      ['XX市2023年老旧小区改造项目台账', 'XX市2023年老旧小区改造项目台账', 'XX市2023年老旧小区改造项目台账'],
      ['填报日期：2023年12月', null, null],
      [],
      [' 小区名称 ', '户数', '改造状态'],
      ['幸福里', 320, '已完工'],
    ];
    expect(locateHeader(grid, isKnownHeader)).toEqual({
      headerIndex: 3,
      headerRows: 1,
      headers: ['小区名称', '户数', '改造状态'],
    });
  });

  it('prefers the row with most known headers, the earliest on a tie', () => {
    const grid: RawCell[][] = [
      ['说明：小区名称、户数必填', '小区名称', '户数'],
      ['序号', '小区名称', '户数', '改造状态'],
      ['序号', '小区名称', '户数', '改造状态'],
    ];
    expect(locateHeader(grid, isKnownHeader)?.headerIndex).toBe(1);
  });

  it('needs at least two known headers', () => {
    expect(
      locateHeader(
        [
          ['小区名称', '其他'],
          ['幸福里', 'x'],
        ],
        isKnownHeader,
      ),
    ).toBeNull();
    expect(locateHeader([], isKnownHeader)).toBeNull();
  });

  it('scans only maxScan rows', () => {
    const grid: RawCell[][] = [...Array.from({ length: 5 }, () => ['标题']), ['小区名称', '户数']];
    expect(locateHeader(grid, isKnownHeader, { maxScan: 5 })).toBeNull();
    expect(locateHeader(grid, isKnownHeader, { maxScan: 6 })?.headerIndex).toBe(5);
  });

  it('reads numbers in a header row as text', () => {
    const grid: RawCell[][] = [['小区名称', '户数', 2023]];
    expect(locateHeader(grid, isKnownHeader)?.headers).toEqual(['小区名称', '户数', '2023']);
  });

  it('folds a two-row header with merges filled (as read from xlsx), carrying the group unit', () => {
    const group = '资金来源（万元）';
    const grid: RawCell[][] = [
      ['台账', '台账', '台账', '台账', '台账', '台账'],
      ['序号', '小区名称', group, group, group, '改造状态'],
      ['序号', '小区名称', '中央补助', '省级补助', '居民自筹（元）', '改造状态'],
      [1, '幸福里', 120, 30, 5000, '已完工'],
    ];
    expect(locateHeader(grid, isKnownHeader)).toEqual({
      headerIndex: 2,
      headerRows: 2,
      headers: ['序号', '小区名称', '中央补助（万元）', '省级补助（万元）', '居民自筹（元）', '改造状态'],
    });
  });

  it('folds a two-row header written the CSV way (merged cells left empty)', () => {
    const grid: RawCell[][] = [
      ['序号', '小区名称', '资金来源(万元)', null, '户数', '改造内容', null],
      [null, null, '中央补助', '省级补助', null, '外立面', '加装电梯(部)'],
      ['1', '幸福里', '120', '30', '320', '是', '2'],
    ];
    expect(locateHeader(grid, isKnownHeader)).toEqual({
      headerIndex: 1,
      headerRows: 2,
      headers: ['序号', '小区名称', '中央补助(万元)', '省级补助(万元)', '户数', '外立面', '加装电梯(部)'],
    });
  });

  it('does not carry a unit from a header that merely sits above an empty cell', () => {
    // 户数（户） is merged down, not a group: the sub-header beside it must not inherit 户.
    const grid: RawCell[][] = [
      ['小区名称', '户数（户）', null, '资金来源（万元）', null],
      [null, null, '省级补助', '中央补助', '居民自筹'],
    ];
    expect(locateHeader(grid, isKnownHeader)?.headers).toEqual([
      '小区名称',
      '户数（户）',
      '省级补助',
      '中央补助（万元）',
      '居民自筹（万元）',
    ]);
  });

  it('keeps a single header when the next row is data that happens to hold header words', () => {
    const grid: RawCell[][] = [
      ['小区名称', '户数', '改造状态', '备注'],
      ['序号', '户数', '已完工', '见附件'],
    ];
    expect(locateHeader(grid, isKnownHeader)).toEqual({
      headerIndex: 0,
      headerRows: 1,
      headers: ['小区名称', '户数', '改造状态', '备注'],
    });
  });
});
