/**
 * The legend an exported picture carries: the legend of the layer shown, built from the same
 * scale definitions the map's paint expressions and the on-screen legends are built from
 * (src/style/scales.ts; for the funding hexagons, the very `FundingScale` the overlay drew
 * with). Status: the stage colours (or the time view's classes at a month) and the boundaries'
 * completion shading; funding: the measure (a channel, fiscal …), per km² or per household, its
 * classes and unit; services: the accessibility view's walking-distance scale when it is on, the
 * coverage (or gap) classes of the circles, the life circle, and the amenity symbols when drawn. Every label is in `lang`.
 * Pure: the message function is passed in.
 */
import { isMonth } from '../domain/months';
import { AMENITY_BY_TYPE, LIFE_CIRCLES } from '../domain/vocabulary';
import type { Lang } from '../i18n/messages';
import { formatMetres, formatPercent, formatPlain, formatYuan } from '../lib/format';
import { formatMonth } from '../legend/format-month';
import { measureLabel, type FundingScale } from '../map/layers/funding-metric';
import { effectiveCircle, type LayerOptions, type MapLayerId } from '../map/layers/layer-options';
import {
  COMPLETION_SCALE,
  COVERAGE_NO_DATA_COLOR,
  COVERAGE_SCALE,
  GAP_SCALE,
  TIMELINE_SCALE,
  TIMELINE_UNDATED_COLOR,
  WALK_DISTANCE_NONE_COLOR,
  WALK_DISTANCE_SCALE,
} from '../style/scales';
import {
  AMENITY_MIN_ZOOM,
  AMENITY_SHAPES,
  AMENITY_TYPE_MIN_ZOOM,
  FUNDING_NO_DATA_COLOR,
  ringColor,
} from '../style/view-scales';
import { ILLUSTRATIVE_SWATCH, stageLegend } from './legend-items';
import type { Translate } from './present-text';

/**
 * How a swatch is drawn: a disc (communities), a ring (illustrative, life circle), a box (areas),
 * a line (streets), or an amenity's symbol (AMENITY_SHAPES).
 */
export type SwatchShape = 'dot' | 'ring' | 'box' | 'line' | 'square' | 'diamond' | 'triangle';

/** One row of a legend section. */
export interface LegendEntry {
  /** Stable id of the class within its section (a stage, a class index, `none` …). */
  key: string;
  /** `#rrggbb`, as in src/style/scales.ts. */
  color: string;
  label: string;
  shape: SwatchShape;
  /** Opacity the map draws the class with, when it is not opaque (the swatch itself is drawn solid). */
  opacity?: number;
}

/** A titled group of entries, with an optional note under it. */
export interface LegendSection {
  key:
    | 'stage'
    | 'timeline'
    | 'completion'
    | 'funding'
    | 'access'
    | 'coverage'
    | 'gap'
    | 'circle'
    | 'amenities'
    | 'marks';
  title: string;
  entries: LegendEntry[];
  note?: string;
}

/** The legend of an exported picture. */
export interface ExportLegend {
  layer: MapLayerId;
  /** The layer's name, heading the legend. */
  title: string;
  sections: LegendSection[];
}

/** What the legend is built from. */
export interface ExportLegendInput {
  /** The layer shown and its options (as in the address). */
  options: LayerOptions;
  /** The scale the funding hexagons were drawn with; null when they are not drawn (yet). */
  fundingScale: FundingScale | null;
  /** Stage counts to limit the stage entries to (a chapter's communities); null: every stage. */
  stages?: Readonly<Record<string, number>> | null;
  /** Whether the data holds illustrative communities (their ring is explained). */
  illustrative: boolean;
  /** Whether the build had boundaries (their completion shading is explained on the status layer). */
  hasBoundaries: boolean;
  /** Whether the build had a road network: only then does `access` colour any street. */
  hasNetwork: boolean;
  /**
   * The map's zoom, when the build had amenities: their symbols are explained from the zoom the
   * services layer draws them at. Absent: no amenities.
   */
  amenityZoom?: number | null;
  lang: Lang;
  t: Translate;
}

const LAYER_NAMES = {
  status: 'layers.status',
  funding: 'layers.funding',
  services: 'layers.services',
} as const;

/** `a – b` for a class of a `min`-based scale, `≥ a` for the last. */
function rangeLabels(scale: readonly { min: number }[], format: (v: number) => string): string[] {
  return scale.map((c, i) =>
    i + 1 < scale.length ? `${format(c.min)} – ${format(scale[i + 1]!.min)}` : `≥ ${format(c.min)}`,
  );
}

function statusSections(input: ExportLegendInput): LegendSection[] {
  const { options, t, lang } = input;
  const sections: LegendSection[] = [];
  const month = options.month;
  if (month && isMonth(month)) {
    const names = {
      not_started: t('time.not_started'),
      construction: t('time.construction'),
      completed: t('time.completed'),
    };
    sections.push({
      key: 'timeline',
      title: t('time.legend', { month: formatMonth(month, lang) }),
      entries: [
        ...TIMELINE_SCALE.map((c) => ({
          key: c.key,
          color: c.color,
          label: names[c.key],
          shape: 'dot' as const,
        })),
        { key: 'undated', color: TIMELINE_UNDATED_COLOR, label: t('time.undated'), shape: 'dot' },
      ],
      note: t('time.note'),
    });
  } else {
    const items = stageLegend(input.stages ?? null, false, lang, {
      unknown: t('legend.stage_unknown'),
      illustrative: t('legend.mark_synthetic'),
    });
    sections.push({
      key: 'stage',
      title: t('legend.stage'),
      entries: items.map((i) => ({ key: i.key, color: i.color, label: i.label, shape: 'dot' })),
    });
  }
  if (input.hasBoundaries) {
    const labels = rangeLabels(COMPLETION_SCALE, (v) => formatPercent(v, lang));
    sections.push({
      key: 'completion',
      title: t('legend.completion'),
      entries: COMPLETION_SCALE.map((c, i) => ({
        key: String(i),
        color: c.color,
        label: labels[i]!,
        shape: 'box',
      })),
      note: t('legend.completion_note'),
    });
  }
  return sections;
}

function fundingSection(input: ExportLegendInput): LegendSection {
  const { options, t, lang } = input;
  const { measure, per, extrude } = options.funding;
  const leverage = measure === 'leverage';
  const unit = t(
    leverage ? 'funding.unit_ratio' : per === 'household' ? 'funding.unit_household' : 'funding.unit_km2',
  );
  const title = `${measureLabel(measure)[lang]} · ${unit}`;
  const scale = input.fundingScale;
  if (!scale) return { key: 'funding', title, entries: [], note: t('legend.funding_failed') };
  const value = (v: number) => (scale.unit === 'ratio' ? formatPlain(v, lang, 2) : formatYuan(v, lang));
  const entries: LegendEntry[] = scale.colors.map((color, i) => ({
    key: String(i),
    color,
    label:
      scale.breaks.length === 0
        ? t('funding.any')
        : i === 0
          ? `< ${value(scale.breaks[0]!)}`
          : `≥ ${value(scale.breaks[i - 1]!)}`,
    shape: 'box',
  }));
  entries.push({
    key: 'none',
    color: FUNDING_NO_DATA_COLOR,
    label: leverage ? t('funding.no_fiscal') : t('funding.no_data'),
    shape: 'box',
  });
  const note = [scale.kind === 'quantile' ? t('funding.quantile_note') : t('funding.fixed_note')];
  if (extrude) note.push(t('funding.extrude_note'));
  return { key: 'funding', title, entries, note: note.join(lang === 'zh' ? '' : ' ') };
}

function servicesSections(input: ExportLegendInput): LegendSection[] {
  const { options, t, lang } = input;
  const services = options.services;
  const metres = (m: number) => formatMetres(m, lang);
  const sections: LegendSection[] = [];
  const access = input.hasNetwork && services.access ? AMENITY_BY_TYPE.get(services.access) : undefined;
  if (access) {
    sections.push({
      key: 'access',
      title: t('services.access_title', { type: access[lang] }),
      entries: [
        ...WALK_DISTANCE_SCALE.map((c, i): LegendEntry => {
          const circle = LIFE_CIRCLES.find((l) => l.key === c.key);
          const below = i > 0 ? WALK_DISTANCE_SCALE[i - 1]!.max : 0;
          const label = !circle
            ? t('services.access_beyond', { distance: metres(below) })
            : i === 0
              ? t('services.access_within', { distance: metres(c.max), minutes: circle.minutes })
              : t('services.access_between', {
                  from: metres(below),
                  to: metres(c.max),
                  minutes: circle.minutes,
                });
          return { key: c.key, color: c.color, label, shape: 'line' };
        }),
        { key: 'none', color: WALK_DISTANCE_NONE_COLOR, label: t('services.access_none'), shape: 'line' },
      ],
      note: t('services.access_note'),
    });
  }
  const circle = LIFE_CIRCLES.find((c) => c.key === effectiveCircle(services))!;
  const chosen = services.amenity ? AMENITY_BY_TYPE.get(services.amenity) : undefined;
  if (services.gap && chosen) {
    const words = { type: chosen[lang], distance: metres(circle.radius_m) };
    sections.push({
      key: 'gap',
      title: t('services.gap_title'),
      entries: (['lacking', 'served', 'unknown'] as const).map((key) => ({
        key,
        color: GAP_SCALE[key].color,
        label: t(`services.gap_${key}`, words),
        shape: 'dot',
        opacity: GAP_SCALE[key].opacity,
      })),
      note: t('services.gap_note'),
    });
  } else {
    const labels = rangeLabels(COVERAGE_SCALE, (v) => formatPercent(v, lang));
    sections.push({
      key: 'coverage',
      title: t('services.coverage'),
      entries: [
        ...COVERAGE_SCALE.map((c, i): LegendEntry => ({
          key: String(i),
          color: c.color,
          label: labels[i]!,
          shape: 'dot',
        })),
        { key: 'none', color: COVERAGE_NO_DATA_COLOR, label: t('services.coverage_none'), shape: 'dot' },
      ],
      note: t('services.coverage_note'),
    });
  }
  // The circle the view judges by: the chosen type's (or the chosen) one; all three for the score.
  const circles = chosen || services.circle ? [circle] : LIFE_CIRCLES;
  sections.push({
    key: 'circle',
    title: t('services.rings'),
    entries: circles.map((c) => ({
      key: c.key,
      color: ringColor(c.key),
      label: `${c[lang]} · ${metres(c.radius_m)}`,
      shape: 'ring',
    })),
  });
  // The amenities' symbols, once the map is close enough to draw them (as ServicesLegend lists them).
  const fromZoom = chosen ? AMENITY_TYPE_MIN_ZOOM : AMENITY_MIN_ZOOM;
  if (typeof input.amenityZoom === 'number' && input.amenityZoom >= fromZoom) {
    sections.push({
      key: 'amenities',
      title: t('legend.amenities', { zoom: fromZoom }),
      entries: LIFE_CIRCLES.filter((c) => !chosen || c.key === chosen.circle).map((c) => ({
        key: c.key,
        color: AMENITY_SHAPES[c.key].color,
        label: chosen ? chosen[lang] : c[lang],
        shape: AMENITY_SHAPES[c.key].shape,
      })),
    });
  }
  return sections;
}

/** The illustrative ring, explained wherever communities are drawn and some are illustrative. */
function marksSection(input: ExportLegendInput): LegendSection | null {
  if (!input.illustrative || input.options.layer === 'funding') return null;
  return {
    key: 'marks',
    title: input.t('legend.marks'),
    entries: [
      {
        key: 'illustrative',
        color: ILLUSTRATIVE_SWATCH,
        label: input.t('legend.mark_synthetic'),
        shape: 'ring',
      },
    ],
  };
}

/** The legend of the layer `input.options` shows. */
export function exportLegend(input: ExportLegendInput): ExportLegend {
  const layer = input.options.layer;
  const sections =
    layer === 'funding'
      ? [fundingSection(input)]
      : layer === 'services'
        ? servicesSections(input)
        : statusSections(input);
  const marks = marksSection(input);
  if (marks) sections.push(marks);
  return { layer, title: input.t(LAYER_NAMES[layer]), sections };
}

/** Every line of text the legend writes, in order (for checks of its language). */
export function legendLines(legend: ExportLegend): string[] {
  return [
    legend.title,
    ...legend.sections.flatMap((s) => [
      s.title,
      ...s.entries.map((e) => e.label),
      ...(s.note ? [s.note] : []),
    ]),
  ];
}
