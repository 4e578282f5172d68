/**
 * What an exported PNG of a slide carries over the map: the chapter's title and period, its
 * figures (and the playback count at the shown month), the stage legend, sources and
 * attribution, in the interface language.
 */
import { i18n, pick, t } from '../i18n/i18n.svelte';
import type { ExportLegendItem, ExportOverlay } from './export-png';
import { figureText } from './figure-format';
import type { PresentTheme } from './chapter-view';
import { figureSource, periodText, qualifierWords } from './present-text';
import type { Story, StoryChapter } from './story';

/** The slide as shown when the image is exported. */
export interface ShownSlide {
  story: Story;
  chapter: StoryChapter;
  /** The manifest's attribution lines. */
  attribution: readonly string[];
  legend: readonly ExportLegendItem[];
  /** The playback's month and cumulative count, when the chapter plays back. */
  playback: { month: string; count: number } | null;
  theme: PresentTheme;
}

/** The overlay of an exported image of `slide`. */
export function slideOverlay({
  story,
  chapter,
  attribution,
  legend,
  playback,
  theme,
}: ShownSlide): ExportOverlay {
  const words = qualifierWords(t);
  const figures = chapter.figures.map((f) => ({
    value: figureText(f, i18n.lang, words),
    label: pick(f.label),
    source: figureSource(f, t),
  }));
  if (playback)
    figures.push({
      value: String(playback.count),
      label: `${t('present.playback_count')} · ${playback.month}`,
      source: '',
    });
  const sources = [...new Set(chapter.figures.filter((f) => f.kind === 'published').map((f) => f.source))];
  return {
    title: pick(chapter.title),
    subtitle: [periodText(chapter, t), pick(story.title)].filter(Boolean).join(' · '),
    figures,
    legendTitle: t('legend.stage'),
    legend: [...legend],
    sources: sources.length ? [t('present.source_published', { source: sources.join(' · ') })] : [],
    attribution: [
      ...attribution.filter((a) => !a.startsWith('Published figures:')),
      `${t('footer.basemap')} · ${t('footer.synthetic')} ${t('footer.borders')}`,
    ],
    theme,
  };
}
