import { describe, expect, it } from 'vitest';
import { itRejects } from '../test-cases';
import { parseArea, parseInteger, parseMoney, parseNumber, parseRate, tidy } from './numbers';

describe('parseNumber', () => {
  it.each<[string | number, number, Record<string, unknown>?]>([
    ['702', 702],
    [702, 702],
    ['７０２', 702],
    ['1,234', 1234],
    ['1，234', 1234],
    ['12,345,678.5', 12345678.5],
    ['  1 234 ', 1234],
    ['约700户', 700, { qualifier: 'about', unitText: '户' }],
    ['约 700 户', 700, { qualifier: 'about', unitText: '户' }],
    ['大约3000人', 3000, { qualifier: 'about', unitText: '人' }],
    ['近千户', NaN],
    ['近800户', 800, { qualifier: 'nearly', unitText: '户' }],
    ['700余户', 700, { qualifier: 'more_than', unitText: '户' }],
    ['700多户', 700, { qualifier: 'more_than', unitText: '户' }],
    ['1.3万余户', 13000, { qualifier: 'more_than', unitText: '户', multiplier: 1e4 }],
    ['逾2000户', 2000, { qualifier: 'more_than', unitText: '户' }],
    ['超5000人', 5000, { qualifier: 'more_than', unitText: '人' }],
    ['500户以上', 500, { qualifier: 'more_than', unitText: '户' }],
    ['300左右', 300, { qualifier: 'about' }],
    ['1.3万', 13000, { multiplier: 1e4 }],
    ['1.1万', 11000, { multiplier: 1e4 }],
    ['2.5亿', 250000000, { multiplier: 1e8 }],
    ['702户', 702, { unitText: '户' }],
    ['8栋', 8, { unitText: '栋' }],
    ['８栋', 8, { unitText: '栋' }],
    ['2部', 2, { unitText: '部' }],
    ['1.2万平方米', 12000, { unitText: '平方米', multiplier: 1e4 }],
    ['1200㎡', 1200, { unitText: 'm2' }],
    ['95%', 95, { unitText: '%' }],
    ['-3.5', -3.5],
    ['−3.5', -3.5],
    ['.5', 0.5],
    ['1.2E+04', 12000],
  ])('%j', (text, value, extra = {}) => {
    const r = parseNumber(text);
    if (Number.isNaN(value)) {
      expect(r.ok).toBe(false);
      return;
    }
    expect(r).toEqual({ ok: true, value, ...extra });
  });

  itRejects(parseNumber, [
    ['', 'empty'],
    ['约', 'not a number'],
    ['待定', 'not a number'],
    ['1,23', 'thousands separator'],
    ['100-200', 'range'],
    ['100~200户', 'range'],
    ['2部（含1部更换）', 'unexpected text'],
    ['约700户，其中老人200', 'unexpected text'],
    ['第3批', 'not a number'],
  ]);

  it('rejects non-numeric cells', () => {
    expect(parseNumber(null).ok).toBe(false);
    expect(parseNumber(true).ok).toBe(false);
    expect(parseNumber(new Date()).ok).toBe(false);
    expect(parseNumber(Infinity).ok).toBe(false);
  });

  it('is exact for decimal magnitudes where naive multiplication is not', () => {
    expect(0.07 * 10000).not.toBe(700);
    expect(parseNumber('0.07万')).toMatchObject({ ok: true, value: 700 });
    for (let i = 1; i < 1000; i++) {
      const r = parseNumber(`${i / 100}万`);
      expect(r.ok && r.value).toBe(i * 100);
    }
  });
});

describe('tidy', () => {
  it('removes binary noise but keeps real digits', () => {
    expect(tidy(0.1 + 0.2)).toBe(0.3);
    expect(tidy(12345.678)).toBe(12345.678);
  });
});

describe('parseInteger', () => {
  it.each<[string | number, number]>([
    ['702', 702],
    ['1.3万', 13000],
    [702.0000000001, 702],
    ['约８００户', 800],
  ])('%j → %d', (input, value) => {
    const r = parseInteger(input);
    expect(r.ok && r.value).toBe(value);
  });
  it('rejects fractions with a clear reason', () => {
    const r = parseInteger('12.5');
    expect(r).toEqual({ ok: false, reason: '12.5 is not a whole number' });
  });
  it('keeps the qualifier and unit', () => {
    expect(parseInteger('702户以上')).toEqual({
      ok: true,
      value: 702,
      qualifier: 'more_than',
      unitText: '户',
    });
  });
});

describe('parseRate', () => {
  it.each<[string | number, number, string?]>([
    ['95%', 0.95],
    ['９５％', 0.95],
    ['95%以上', 0.95, 'more_than'],
    ['约90%', 0.9, 'about'],
    ['0.95', 0.95],
    [0.95, 0.95],
    ['95', 0.95],
    [95, 0.95],
    ['100%', 1],
    ['1', 1],
    ['0', 0],
    ['33.3%', 0.333],
    ['98.76%', 0.9876],
  ])('%j → %d', (input, value, qualifier) => {
    const r = parseRate(input);
    expect(r).toEqual(qualifier ? { ok: true, value, qualifier } : { ok: true, value });
  });
  itRejects(parseRate, [
    ['120%', 'above 100%'],
    ['150', 'above 100%'],
    ['-5%', 'negative'],
    ['95户', 'not a rate'],
    ['很满意', 'not a number'],
  ]);
});

describe('parseMoney', () => {
  it.each<[string | number, string | undefined, number, string?]>([
    ['120', undefined, 120],
    ['120', '万元', 1_200_000],
    [120, '万元', 1_200_000],
    ['1.2345', '万元', 12345],
    [1.2345, '万元', 12345],
    ['0.35', '亿元', 35_000_000],
    ['500元', '万元', 500],
    ['1.3万元', undefined, 13000],
    ['1.3万元', '元', 13000],
    ['2亿元', '万元', 200_000_000],
    ['1.3万', '万元', 13000],
    ['￥12,000', undefined, 12000],
    ['¥ 12,000.50', '元', 12000.5],
    ['３５０', '万元', 3_500_000],
    ['约350', '万元', 3_500_000, 'about'],
    ['0.123456', '万元', 1234.56],
    ['12', '千元', 12000],
  ])('%j with header %j → %d yuan', (cell, unit, value, qualifier) => {
    const r = parseMoney(cell, unit);
    expect(r).toEqual(qualifier ? { ok: true, value, qualifier } : { ok: true, value });
  });
  it.each<[string, string | undefined, string]>([
    ['120户', '万元', 'not a money unit'],
    ['120', '个', 'column unit "个"'],
    ['未定', '万元', 'not a number'],
  ])('rejects %j with header %j', (cell, unit, reason) => {
    const r = parseMoney(cell, unit);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('parseArea', () => {
  it.each<[string | number, string | undefined, number]>([
    ['1200', undefined, 1200],
    ['1200㎡', undefined, 1200],
    ['1200m²', undefined, 1200],
    ['1200 m2', undefined, 1200],
    ['1200平方米', undefined, 1200],
    ['1200平米', '万平方米', 1200],
    ['1.2万平方米', undefined, 12000],
    ['3.6', '万平方米', 36000],
    [3.6, '万㎡', 36000],
    ['3.6', '万m2', 36000],
    ['3.6', '㎡', 3.6],
    ['2公顷', undefined, 20000],
    ['0.5平方公里', undefined, 500000],
  ])('%j with header %j → %d m²', (cell, unit, value) => {
    const r = parseArea(cell, unit);
    expect(r.ok && r.value).toBe(value);
  });
  it('rejects units that are not areas', () => {
    const r = parseArea('12栋');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('not an area unit');
    expect(parseArea('12', '万元').ok).toBe(false);
  });
});
