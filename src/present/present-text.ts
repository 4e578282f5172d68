/**
 * Words of presentation mode that depend on a figure or a chapter: qualifier words, the source
 * line of a figure, the period. Pure: the message function is passed in, so these are tested
 * without the reactive language state.
 */
import type { Lang, MessageKey } from '../i18n/messages';
import type { QualifierWords } from './figure-format';
import type { StoryChapter, StoryFigure } from '../contracts/story';

/** A message function as `t` of src/i18n/i18n.svelte.ts. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** The qualifier words (约 / about …) in the current language. */
export function qualifierWords(t: Translate): QualifierWords {
  return {
    about: t('present.q_about'),
    nearly: t('present.q_nearly'),
    more_than: t('present.q_more_than'),
    expected: t('present.q_expected'),
  };
}

/**
 * Where a figure comes from: the readable citation of a published one's document (title, byline,
 * date; the seed file name only when the story carries no citation), or how many communities a
 * computed one adds up, saying how many of them are illustrative. A computed figure never
 * reads as published.
 */
export function figureSource(figure: StoryFigure, t: Translate, lang: Lang): string {
  if (figure.kind === 'published')
    return t('present.source_published', { source: figure.citation?.[lang] ?? figure.source });
  const from = figure.computed_from ?? { communities: 0, illustrative: 0 };
  return from.illustrative > 0
    ? t('present.source_computed_synthetic', { count: from.communities, synthetic: from.illustrative })
    : t('present.source_computed', { count: from.communities });
}

/**
 * The one source line of a card whose figures are all published from the same document, or null
 * when they differ or some are computed: a card then names each figure's source under it, and
 * otherwise names the shared one once, under the figures, instead of repeating it.
 */
export function sharedSource(figures: readonly StoryFigure[], t: Translate, lang: Lang): string | null {
  if (figures.length < 2 || figures.some((f) => f.kind !== 'published')) return null;
  const lines = new Set(figures.map((f) => figureSource(f, t, lang)));
  return lines.size === 1 ? [...lines][0]! : null;
}

/** The chapter's period (`2021—2023 年`), or null when it has none; a single year stands alone. */
export function periodText(chapter: StoryChapter, t: Translate): string | null {
  const p = chapter.period;
  if (!p) return null;
  if (p.start === p.end)
    return t('present.period', { start: p.start, end: p.end }).replace(/^(\S+?)[—–]\1/, '$1');
  return t('present.period', { start: p.start, end: p.end });
}
