import { describe, expect, it } from 'vitest';
import type { Lang } from '../i18n/messages';
import { formatMetres, formatNumber, formatPercent, formatYuan } from './format';

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
