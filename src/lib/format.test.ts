import { describe, expect, it } from 'vitest';
import type { OutputField } from '../domain/output-fields';
import type { Lang } from '../i18n/messages';
import { formatFieldValue, formatMetres, formatNumber, formatPercent, formatYuan } from './format';

const words = { yes: '是', no: '否' };

describe('formatNumber', () => {
  it.each<[number, Lang, string]>([
    // Below 10,000 in full, with grouping.
    [0, 'zh', '0'],
    [9999, 'zh', '9,999'],
    [1234.567, 'en', '1,234.57'],
    // By 万 and 亿 in Chinese, keeping about three significant figures.
    [10_000, 'zh', '1万'],
    [12_345, 'zh', '1.23万'],
    [123_456, 'zh', '12.3万'],
    [910_000, 'zh', '91万'],
    [12_345_678, 'zh', '1,235万'],
    [203_000_000, 'zh', '2.03亿'],
    [1_500_000_000, 'zh', '15亿'],
    [-25_000, 'zh', '-2.5万'],
    // K, M and B in English.
    [12_345, 'en', '12.3K'],
    [203_000_000, 'en', '203M'],
    [1_500_000_000, 'en', '1.5B'],
    // A dash for what is not a number.
    [Number.NaN, 'zh', '—'],
    [Infinity, 'en', '—'],
  ])('%d in %s → %s', (n, lang, text) => {
    expect(formatNumber(n, lang)).toBe(text);
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
