/**
 * What an exported PNG of a slide writes beside the map: the chapter's title and period, its
 * figures (and the playback count at the shown month), and the documents its published figures
 * come from, in the interface language. The legend, sources and attribution are added by
 * export-view.ts, as for the normal view.
 */
import { i18n, pick, t } from '../i18n/i18n.svelte';
import { formatMonth } from '../legend/format-month';
import { isMonth } from '../domain/months';
import { formatPlain } from '../lib/format';
import type { ExportFigure } from './export-layout';
import { figureParts } from './figure-format';
import { figureSource, periodText, qualifierWords, sharedSource } from './present-text';
import type { Story, StoryChapter } from './story';

/** The slide as shown when the image is exported. */
export interface ShownSlide {
  story: Story;
  chapter: StoryChapter;
  /** The playback's month and cumulative count, when the chapter plays back. */
  playback: { month: string; count: number } | null;
}

/** The title card of a slide's exported image, and the refs of the documents it cites. */
export interface SlideContent {
  title: string;
  subtitle: string;
  figures: ExportFigure[];
  /** The source every figure shares, written once under them. */
  figuresSource?: string;
  /** Refs (seed files) of the published figures' documents. */
  sourceRefs: string[];
}

/** The title card of an exported image of `slide`. */
export function slideContent({ story, chapter, playback }: ShownSlide): SlideContent {
  const lang = i18n.lang;
  const words = qualifierWords(t);
  const shared = sharedSource(chapter.figures, t, lang);
  const figures: ExportFigure[] = chapter.figures.map((f) => ({
    ...figureParts(f, lang, words),
    label: pick(f.label),
    source: shared ? '' : figureSource(f, t, lang),
  }));
  if (playback)
    figures.push({
      qualifier: '',
      figure: formatPlain(playback.count, lang),
      label: `${t('present.playback_count')} · ${isMonth(playback.month) ? formatMonth(playback.month, lang) : playback.month}`,
      source: '',
    });
  return {
    title: pick(chapter.title),
    subtitle: [periodText(chapter, t), pick(story.title)].filter(Boolean).join(' · '),
    figures,
    ...(shared ? { figuresSource: shared } : {}),
    sourceRefs: [...new Set(chapter.figures.filter((f) => f.kind === 'published').map((f) => f.source))],
  };
}
