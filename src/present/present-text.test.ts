import { describe, expect, it } from 'vitest';
import { fillPlaceholders, loadMessages, message, type MessageKey } from '../i18n/messages';
import { figureSource, periodText, qualifierWords, sharedSource, type Translate } from './present-text';
import type { StoryChapter, StoryFigure } from '../contracts/story';

// Both languages' whole text, as the page has it once their chunks are in.
await Promise.all([loadMessages('zh'), loadMessages('en')]);

const tr =
  (lang: 'zh' | 'en'): Translate =>
  (key: MessageKey, params) =>
    fillPlaceholders(message(lang, key), params);

const figure = (kind: 'published' | 'computed', illustrative = 0): StoryFigure => ({
  key: 'k',
  kind,
  label: { zh: 'l', en: 'l' },
  value: 1,
  unit: '个',
  source: kind === 'published' ? '000_seed.txt' : 'computed …',
  ...(kind === 'computed'
    ? { computed_from: { communities: 522, illustrative } }
    : { published: { value: 1, unit: '个', quote: 'q' } }),
});

describe('figure sources', () => {
  it('names the document of a published figure readably, the seed file only without a citation', () => {
    const cited: StoryFigure = {
      ...figure('published'),
      citation: {
        zh: '《长沙推动既有小区品质三年行动》，王文、蒋宏装',
        en: '《长沙推动既有小区品质三年行动》, Wang Wen',
      },
    };
    expect(figureSource(cited, tr('zh'), 'zh')).toBe('来源：《长沙推动既有小区品质三年行动》，王文、蒋宏装');
    expect(figureSource(cited, tr('en'), 'en')).toBe('Source: 《长沙推动既有小区品质三年行动》, Wang Wen');
    expect(figureSource(figure('published'), tr('zh'), 'zh')).toBe('来源：000_seed.txt');
    expect(figureSource(figure('published'), tr('en'), 'en')).toBe('Source: 000_seed.txt');
  });

  it('says a computed figure is computed, and how much of it is illustrative', () => {
    expect(figureSource(figure('computed', 515), tr('zh'), 'zh')).toBe(
      '由 522 个小区计算，其中 515 个为示意数据',
    );
    expect(figureSource(figure('computed', 515), tr('en'), 'en')).toBe(
      'Computed from 522 communities, 515 of them illustrative',
    );
    expect(figureSource(figure('computed'), tr('en'), 'en')).toBe('Computed from 522 communities');
    for (const lang of ['zh', 'en'] as const)
      expect(figureSource(figure('computed', 3), tr(lang), lang)).not.toMatch(/来源|Source/);
  });

  it('names a source shared by every figure once, and none when they differ or one is computed', () => {
    const a = { ...figure('published'), key: 'a' };
    const b = { ...figure('published'), key: 'b' };
    expect(sharedSource([a, b], tr('zh'), 'zh')).toBe('来源：000_seed.txt');
    expect(sharedSource([a, { ...b, source: '001_other.txt' }], tr('zh'), 'zh')).toBeNull();
    expect(sharedSource([a, figure('computed')], tr('en'), 'en')).toBeNull();
    expect(sharedSource([a], tr('en'), 'en')).toBeNull();
  });

  it('writes the period, a single year once', () => {
    const chapter = (start: string, end: string) => ({ period: { start, end } }) as StoryChapter;
    expect(periodText(chapter('2021', '2023'), tr('zh'))).toBe('2021—2023 年');
    expect(periodText(chapter('2020', '2020'), tr('zh'))).toBe('2020 年');
    expect(periodText(chapter('2020', '2020'), tr('en'))).toBe('2020');
    expect(periodText({ period: null } as StoryChapter, tr('en'))).toBeNull();
  });

  it('has a qualifier word for every qualifier in both languages', () => {
    for (const lang of ['zh', 'en'] as const)
      for (const word of Object.values(qualifierWords(tr(lang)))) expect(word.trim()).not.toBe('');
  });
});
