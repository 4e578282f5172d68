import { describe, expect, it } from 'vitest';
import type { RawCell } from '../table';
import { classifyRow } from './rows';

describe('classifyRow', () => {
  it.each<[RawCell[], 'blank' | 'total' | 'data']>([
    [[], 'blank'],
    [[null, null, null], 'blank'],
    [['', '  ', '\u3000', null], 'blank'],
    [['合计', null, 120, 35000], 'total'],
    [['合  计', '', 120], 'total'],
    [[null, '总计', 120], 'total'],
    [['', '', '', '', '小计：', 12], 'data'], // fifth column: not a label column
    [[null, null, '小计：', 12], 'total'],
    [['全市合计', 52], 'total'],
    [['岳麓区小计', 12], 'total'],
    [['累计', 1], 'total'],
    [['合计（不含取消项目）', 1], 'total'],
    [['Total', 3], 'total'],
    [['1', '桃子湖小区', '岳麓区', 112.94, 28.19], 'data'],
    [[1, '合计路小区', '岳麓区'], 'data'],
    [[0, null], 'data'],
    [[false], 'data'],
    [['备注：数据截至2023年底'], 'data'],
  ])('%j → %s', (cells, kind) => {
    expect(classifyRow(cells)).toBe(kind);
  });
});
