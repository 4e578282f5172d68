import { describe, expect, it } from 'vitest';
import type { OutputField } from '../domain/output-fields';
import { formatFieldValue, formatMetres, formatNumber, formatPercent, formatYuan } from './format';

const words = { yes: '是', no: '否' };

describe('formatNumber', () => {
  it('writes numbers below 10,000 in full with grouping', () => {
    expect(formatNumber(0, 'zh')).toBe('0');
    expect(formatNumber(9999, 'zh')).toBe('9,999');
    expect(formatNumber(1234.567, 'en')).toBe('1,234.57');
  });

  it('groups by 万 and 亿 in Chinese, keeping about three significant figures', () => {
    expect(formatNumber(10_000, 'zh')).toBe('1万');
    expect(formatNumber(12_345, 'zh')).toBe('1.23万');
    expect(formatNumber(123_456, 'zh')).toBe('12.3万');
    expect(formatNumber(910_000, 'zh')).toBe('91万');
    expect(formatNumber(12_345_678, 'zh')).toBe('1,235万');
    expect(formatNumber(203_000_000, 'zh')).toBe('2.03亿');
    expect(formatNumber(1_500_000_000, 'zh')).toBe('15亿');
    expect(formatNumber(-25_000, 'zh')).toBe('-2.5万');
  });

  it('uses K/M/B in English', () => {
    expect(formatNumber(12_345, 'en')).toBe('12.3K');
    expect(formatNumber(203_000_000, 'en')).toBe('203M');
    expect(formatNumber(1_500_000_000, 'en')).toBe('1.5B');
  });

  it('shows a dash for values that are not numbers', () => {
    expect(formatNumber(Number.NaN, 'zh')).toBe('—');
    expect(formatNumber(Infinity, 'en')).toBe('—');
  });
});

describe('units', () => {
  it('formats yuan, rates and distances', () => {
    expect(formatYuan(203_000_000, 'zh')).toBe('2.03亿元');
    expect(formatYuan(203_000_000, 'en')).toBe('¥203M');
    expect(formatPercent(0.8534, 'zh')).toBe('85.3%');
    expect(formatMetres(850, 'zh')).toBe('850 米');
    expect(formatMetres(1234, 'en')).toBe('1.2 km');
  });
});

describe('formatFieldValue', () => {
  const field = (over: Partial<OutputField>): OutputField => ({
    name: 'x',
    type: 'number',
    zh: 'x',
    en: 'x',
    ...over,
  });

  it('uses the unit of the field dictionary', () => {
    expect(formatFieldValue(field({ unit: 'yuan' }), 1_200_000, 'zh', words)).toBe('120万元');
    expect(formatFieldValue(field({ unit: '0-1' }), 0.5, 'zh', words)).toBe('50%');
    expect(formatFieldValue(field({ unit: 'm' }), 300, 'zh', words)).toBe('300 米');
    expect(formatFieldValue(field({ unit: '部' }), 3, 'zh', words)).toBe('3 部');
  });

  it('writes booleans as words and years without grouping', () => {
    expect(formatFieldValue(field({ type: 'boolean' }), true, 'zh', words)).toBe('是');
    expect(formatFieldValue(field({ type: 'boolean' }), 'false', 'zh', words)).toBe('否');
    expect(formatFieldValue(field({ name: 'year_built', type: 'integer' }), 1995, 'zh', words)).toBe('1995');
  });

  it('returns strings unchanged, markup included (the caller renders text)', () => {
    const hostile = '<b>x</b><img src=x onerror=alert(1)>';
    expect(formatFieldValue(field({ type: 'string' }), hostile, 'zh', words)).toBe(hostile);
    expect(formatFieldValue(undefined, '', 'zh', words)).toBe('—');
  });
});
