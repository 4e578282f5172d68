/**
 * The legend of presentation mode and of exported images: the stage colours of
 * src/legend/scales.ts (the same the map paints), limited to the stages a chapter's
 * communities are at, and the ring that marks illustrative communities.
 */
import { STAGE_LABELS } from '../domain/vocabulary';
import type { Lang } from '../i18n/messages';
import { STAGE_SCALE, UNKNOWN_STAGE_COLOR } from '../style/scales';

/** One legend entry of a slide: a circle swatch and its label. */
export interface ExportLegendItem {
  color: string;
  label: string;
  /** Drawn as a ring (illustrative communities). */
  hollow?: boolean;
}

/** Colour of the illustrative ring in the legend (any stage's ring has the stage's colour). */
export const ILLUSTRATIVE_SWATCH = '#8c8c8c';

/** Labels the legend needs from the message catalogue. */
export interface LegendWords {
  unknown: string;
  illustrative: string;
}

/**
 * Legend entries for communities counted by stage (`''`: no stage). With `stages` null every
 * stage is listed. `illustrative` adds the ring entry.
 */
export function stageLegend(
  stages: Readonly<Record<string, number>> | null,
  illustrative: boolean,
  lang: Lang,
  words: LegendWords,
): (ExportLegendItem & { key: string })[] {
  const has = (stage: string) => stages === null || (stages[stage] ?? 0) > 0;
  const items: (ExportLegendItem & { key: string })[] = STAGE_SCALE.filter((e) => has(e.stage)).map((e) => ({
    key: e.stage,
    color: e.color,
    label: STAGE_LABELS[e.stage][lang],
  }));
  if (has('')) items.push({ key: 'unknown', color: UNKNOWN_STAGE_COLOR, label: words.unknown });
  if (illustrative)
    items.push({ key: 'illustrative', color: ILLUSTRATIVE_SWATCH, label: words.illustrative, hollow: true });
  return items;
}
