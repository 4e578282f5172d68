import { describe, expect, it } from 'vitest';
import { displayFigure, figureParts, figureText, type QualifierWords } from './figure-format';
import type { StoryFigure } from '../contracts/story';

const ZH: QualifierWords = { about: '约', nearly: '近', more_than: '超', expected: '预计' };
const EN: QualifierWords = { about: 'about', nearly: 'nearly', more_than: 'over', expected: 'expected' };

const published = (
  value: number,
  unit: string,
  canonical: number,
  canonicalUnit: string,
  qualifier?: 'about' | 'more_than',
): StoryFigure => ({
  key: 'k',
  kind: 'published',
  label: { zh: '标签', en: 'Label' },
  value: canonical,
  unit: canonicalUnit,
  published: { value, unit, quote: 'q', ...(qualifier ? { qualifier } : {}) },
  source: 'seed.txt',
});

const computed = (value: number, unit: string): StoryFigure => ({
  key: 'k',
  kind: 'computed',
  label: { zh: '标签', en: 'Label' },
  value,
  unit,
  computed_from: { communities: 10, illustrative: 9 },
  source: 'computed from 10 communities (9 illustrative)',
});

describe('headline figures', () => {
  it('writes a published figure in Chinese exactly as published', () => {
    expect(displayFigure(published(348, '万人', 3_480_000, '人', 'about'), 'zh', ZH)).toEqual({
      prefix: '约',
      number: '348',
      unit: '万人',
    });
    expect(figureText(published(15, '亿元', 1.5e9, '元', 'more_than'), 'zh', ZH)).toBe('超15亿元');
    expect(figureText(published(7846.9, '万元', 78_469_000, '元'), 'zh', ZH)).toBe('7,846.9万元');
  });

  it('writes a published figure in English from its canonical value', () => {
    expect(figureText(published(348, '万人', 3_480_000, '人', 'about'), 'en', EN)).toBe('about 3.48M');
    expect(figureText(published(15, '亿元', 1.5e9, '元', 'more_than'), 'en', EN)).toBe('over ¥1.5B');
    expect(figureText(published(90, '%', 0.9, '%'), 'en', EN)).toBe('90%');
    expect(figureText(published(54.56, '万平方米', 545_600, '平方米'), 'en', EN)).toBe('546K m²');
    expect(figureText(published(258, '千米', 258_000, '米'), 'en', EN)).toBe('258 km');
  });

  it('writes computed figures with 万/亿 in Chinese and K/M/B in English', () => {
    expect(displayFigure(computed(1_042_176, '户'), 'zh', ZH)).toEqual({
      prefix: '',
      number: '104',
      unit: '万户',
    });
    expect(displayFigure(computed(1229, '个'), 'zh', ZH)).toEqual({
      prefix: '',
      number: '1,229',
      unit: '个',
    });
    expect(figureText(computed(1_903_118_000, '元'), 'zh', ZH)).toBe('19亿元');
    expect(figureText(computed(1_903_118_000, '元'), 'en', EN)).toBe('¥1.9B');
    expect(figureText(computed(1229, '个'), 'en', EN)).toBe('1,229');
  });

  it('keeps the qualifier apart from the number and its unit for the exported image', () => {
    expect(figureParts(published(3105, '万元', 31_050_000, '元', 'about'), 'en', EN)).toEqual({
      qualifier: 'about',
      figure: '¥31.1M',
    });
    expect(figureParts(published(348, '万人', 3_480_000, '人', 'about'), 'zh', ZH)).toEqual({
      qualifier: '约',
      figure: '348万人',
    });
    expect(figureParts(published(54.56, '万平方米', 545_600, '平方米'), 'en', EN)).toEqual({
      qualifier: '',
      figure: '546K m²',
    });
  });
});
