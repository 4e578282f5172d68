/**
 * How a headline figure is written on a chapter card: in Chinese a published figure keeps the
 * exact number and unit its programme published (`约348万人`), in English it is written from
 * the canonical value (`about 3.48M`); computed figures use the site's number formats (万/亿,
 * K/M/B). The number is split from its qualifier and unit so the card can set it in big type.
 */
import type { FigureQualifier } from '../domain/programmes';
import type { Lang } from '../i18n/messages';
import { formatNumber, formatPlain } from '../lib/format';
import type { StoryFigure } from '../contracts/story';

/** A figure split for typesetting: `prefix` (qualifier), `number` (big), `unit` (smaller). */
export interface FigureDisplay {
  prefix: string;
  number: string;
  unit: string;
}

/** Qualifier words in the current language (约 / about …), from the message catalogue. */
export type QualifierWords = Readonly<Record<FigureQualifier, string>>;

/** Moves a trailing 万/亿 from a formatted number into the unit: `91万` + `户` → `91` + `万户`. */
function splitMagnitude(formatted: string, unit: string): { number: string; unit: string } {
  const m = /^(.*?)([万亿])$/.exec(formatted);
  return m ? { number: m[1]!, unit: `${m[2]}${unit}` } : { number: formatted, unit };
}

/** English rendering of a canonical value in `unit`. */
function english(value: number, unit: string): { number: string; unit: string } {
  switch (unit) {
    case '元':
      return { number: `¥${formatNumber(value, 'en')}`, unit: '' };
    case '平方米':
      return { number: formatNumber(value, 'en'), unit: 'm²' };
    case '米':
      return Math.abs(value) >= 1000
        ? { number: formatPlain(value / 1000, 'en', 1), unit: 'km' }
        : { number: formatPlain(value, 'en', 0), unit: 'm' };
    case '%':
      return { number: formatPlain(value * 100, 'en', 2), unit: '%' };
    default:
      return { number: formatNumber(value, 'en'), unit: '' };
  }
}

/** Chinese rendering of a canonical (computed) value in `unit`. */
function chinese(value: number, unit: string): { number: string; unit: string } {
  if (unit === '%') return { number: formatPlain(value * 100, 'zh', 2), unit: '%' };
  return splitMagnitude(formatNumber(value, 'zh'), unit);
}

/** The figure as the card writes it in `lang`. */
export function displayFigure(figure: StoryFigure, lang: Lang, words: QualifierWords): FigureDisplay {
  const published = figure.kind === 'published' ? figure.published : undefined;
  const prefix = published?.qualifier ? words[published.qualifier] : '';
  if (lang === 'zh' && published) {
    // Exactly as published: the number is the article's, not a re-rounding of ours.
    return { prefix, number: formatPlain(published.value, 'zh', 4), unit: published.unit };
  }
  const parts = lang === 'zh' ? chinese(figure.value, figure.unit) : english(figure.value, figure.unit);
  return { prefix, ...parts };
}

/**
 * The figure as the exported image sets it: the qualifier apart, and the number with its unit as
 * one piece that is never broken (src/lib/fit-figure.ts).
 */
export function figureParts(
  figure: StoryFigure,
  lang: Lang,
  words: QualifierWords,
): { qualifier: string; figure: string } {
  const d = displayFigure(figure, lang, words);
  const unitSep = lang === 'en' && d.unit && d.unit !== '%' ? ' ' : '';
  return { qualifier: d.prefix, figure: `${d.number}${unitSep}${d.unit}` };
}

/** The figure as one line of text (for screen readers and plain-text uses). */
export function figureText(figure: StoryFigure, lang: Lang, words: QualifierWords): string {
  const { qualifier, figure: body } = figureParts(figure, lang, words);
  const sep = lang === 'en' ? ' ' : '';
  return `${qualifier ? qualifier + sep : ''}${body}`;
}
