/**
 * MapLibre layer definitions of the community status layer, built from the shared scales in
 * src/legend/scales.ts. Pure, so tests can check them against the legend without a map.
 */
import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FilterSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { circleRadius } from '../../domain/life-circles';
import type { Month } from '../../domain/months';
import { AMENITY_BY_TYPE, type LifeCircleKey, type Stage } from '../../domain/vocabulary';
import {
  COVERAGE_NO_DATA_COLOR,
  COVERAGE_SCALE,
  GAP_SCALE,
  IS_APPROXIMATE,
  IS_SINGLE,
  IS_SYNTHETIC,
  MARKS,
  radiusExpression,
  stageColorExpression,
  stepExpression,
  TIMELINE_SCALE,
  TIMELINE_UNDATED_COLOR,
  type GapClass,
  type TimelineClass,
} from '../../style/scales';
import { MAP_FONT_STACK } from '../basemap-style';

/** Layer ids, for event handlers and tests. */
export const COMMUNITY_LAYER_IDS = {
  circles: 'communities-circles',
  selected: 'communities-selected',
  labels: 'communities-labels',
} as const;

/** Zoom from which community names are written next to their circles. */
export const COMMUNITY_LABEL_MIN_ZOOM = 14;
/**
 * Below this zoom circles are labelled with their city: the offline basemap has no place
 * names, and a national view of unlabelled dots does not say where anything is.
 */
export const CITY_LABEL_MAX_ZOOM = 9;

/** A community's name as label text; '' where it has none. */
export const NAME_LABEL: ExpressionSpecification = ['coalesce', ['get', 'name'], ''];

/**
 * Label text by zoom: city names when zoomed out, nothing in between (too many to place), and
 * `name` up close (the site labels every community; a presentation only the named ones).
 */
export function labelTextField(name: ExpressionSpecification = NAME_LABEL): ExpressionSpecification {
  return [
    'step',
    ['zoom'],
    ['coalesce', ['get', 'city'], ''],
    CITY_LABEL_MAX_ZOOM,
    '',
    COMMUNITY_LABEL_MIN_ZOOM,
    name,
  ];
}

/** Filter matching the community with this id, or nothing for `null`. */
export function selectedFilter(id: string | null): FilterSpecification {
  return ['==', ['get', 'id'], id ?? '\u0000none'];
}

/**
 * The three layers of the community map: circles, the selection ring and name labels. `view`
 * picks what the circles are coloured by (default: stage); `maxzoom` is the tiles' maximum zoom.
 */
export function communityLayers(
  source: string,
  sourceLayer: string,
  view: CommunityView = { kind: 'stage' },
  maxzoom = 14,
): {
  circles: CircleLayerSpecification;
  selected: CircleLayerSpecification;
  labels: SymbolLayerSpecification;
} {
  const radius = radiusExpression();
  const fuzzy: ExpressionSpecification = ['all', IS_SINGLE, IS_APPROXIMATE];
  const synthetic = (yes: number | string, no: number | string | ExpressionSpecification) =>
    ['case', IS_SYNTHETIC, yes, no] as ExpressionSpecification;
  return {
    circles: {
      id: COMMUNITY_LAYER_IDS.circles,
      type: 'circle',
      source,
      'source-layer': sourceLayer,
      layout: {
        // Big estates underneath, so a small neighbour drawn on top stays clickable.
        'circle-sort-key': ['-', 0, ['to-number', ['coalesce', ['get', 'households'], 0]]],
      },
      paint: {
        ...communityPaint(view, maxzoom),
        'circle-radius': radius,
        'circle-stroke-width': synthetic(MARKS.synthetic.strokeWidth, MARKS.solid.strokeWidth),
        'circle-blur': ['case', fuzzy, MARKS.approximate.blur, 0],
      },
    },
    selected: {
      id: COMMUNITY_LAYER_IDS.selected,
      type: 'circle',
      source,
      'source-layer': sourceLayer,
      filter: selectedFilter(null),
      paint: {
        'circle-color': 'rgba(0, 0, 0, 0)',
        'circle-radius': radiusExpression(4),
        'circle-stroke-color': '#1a1a1a',
        'circle-stroke-width': 2.5,
      },
    },
    labels: {
      id: COMMUNITY_LAYER_IDS.labels,
      type: 'symbol',
      source,
      'source-layer': sourceLayer,
      layout: {
        'text-field': labelTextField(),
        'text-font': MAP_FONT_STACK,
        'text-size': 12,
        'text-anchor': 'top',
        'text-offset': [0, 0.9],
        'text-max-width': 8,
        'text-optional': true,
      },
      paint: {
        'text-color': '#333333',
        'text-halo-color': '#ffffff',
        'text-halo-width': 1.5,
      },
    },
  };
}

/**
 * What the community circles are coloured by: the stage (status layer), the stage as of a
 * month (status layer with the time slider), the service coverage score (services layer), or
 * whether an amenity type is lacking within a life circle (services layer, gap view).
 */
export type CommunityView =
  | { kind: 'stage' }
  | { kind: 'timeline'; month: Month }
  | { kind: 'coverage' }
  | { kind: 'gap'; type: string; circle: LifeCircleKey };

/** Stages at which works have not started yet: a community there without a start date is not started. */
export const PRE_START_STAGES: readonly Stage[] = ['surveyed', 'planned', 'design'];

/**
 * The month a date property counts from, as MapLibre computes it: `YYYY-MM` of a full date,
 * December of a bare year (src/domain/months.ts `eventMonth`, which the tests hold it to).
 */
export function eventMonthExpression(field: string): ExpressionSpecification {
  const value: ExpressionSpecification = ['to-string', ['get', field]];
  return ['case', ['==', ['length', value], 4], ['concat', value, '-12'], ['slice', value, 0, 7]];
}

/** Class of a community at `month` (see `TimelineClass`), as a MapLibre string expression. */
export function timelineClassExpression(month: Month): ExpressionSpecification {
  const by = (field: string): ExpressionSpecification => [
    'all',
    ['has', field],
    ['<=', eventMonthExpression(field), month],
  ];
  return [
    'case',
    by('completion_date'),
    'completed',
    by('start_date'),
    'construction',
    ['has', 'start_date'],
    'not_started',
    ['in', ['coalesce', ['get', 'stage'], ''], ['literal', [...PRE_START_STAGES]]],
    'not_started',
    'undated',
  ];
}

/**
 * The same classification in plain code, for the legend's counts and for tests: a community is
 * completed at `month` once its completion month has come, under construction once its start
 * month has, not started before that (or without a start date at a pre-start stage), and
 * undated otherwise.
 */
export function timelineClass(p: Readonly<Record<string, unknown>>, month: Month): TimelineClass {
  const done = (field: string) => {
    const v = p[field];
    if (v === undefined || v === null) return false;
    const s = String(v);
    return (s.length === 4 ? `${s}-12` : s.slice(0, 7)) <= month;
  };
  if (done('completion_date')) return 'completed';
  if (done('start_date')) return 'construction';
  if (p.start_date !== undefined && p.start_date !== null) return 'not_started';
  if ((PRE_START_STAGES as readonly unknown[]).includes(p.stage)) return 'not_started';
  return 'undated';
}

/** `,type,` found in the comma-separated `missing_types` property. */
function missingExpression(type: string): ExpressionSpecification {
  return ['in', `,${type},`, ['concat', ',', ['to-string', ['get', 'missing_types']], ',']];
}

/**
 * Whether a community lacks `type` within `circle` (see `GapClass`), as a MapLibre string
 * expression. `full` is for tiles at their maximum zoom, whose features carry the distance to
 * the nearest amenity of each type (`dist_<type>`, absent when none lies within the build's
 * search radius, which is larger than any circle). Thinned low-zoom features carry only
 * `missing_types`: the types not found within their own circle. That decides the question for
 * the type's own circle, for a larger circle when the type was found, and for a smaller one
 * when it was not; anything else stays `unknown` until the map is zoomed in.
 */
export function gapClassExpression(
  type: string,
  circle: LifeCircleKey,
  full: boolean,
): ExpressionSpecification {
  const coverage: ExpressionSpecification = ['has', 'missing_types'];
  if (full) {
    const dist = `dist_${type}`;
    return [
      'case',
      ['has', dist],
      ['case', ['<=', ['to-number', ['get', dist]], circleRadius(circle)], 'served', 'lacking'],
      coverage,
      'lacking',
      'unknown',
    ];
  }
  const own = AMENITY_BY_TYPE.get(type)?.circle;
  const radius = circleRadius(circle);
  const ownRadius = own ? circleRadius(own) : NaN;
  const missing = missingExpression(type);
  const ifMissing = radius <= ownRadius ? 'lacking' : 'unknown';
  const ifFound = radius >= ownRadius ? 'served' : 'unknown';
  return ['case', ['!', coverage], 'unknown', missing, ifMissing, ifFound];
}

/** The same judgement in plain code, for tests; `full` as for `gapClassExpression`. */
export function gapClass(
  p: Readonly<Record<string, unknown>>,
  type: string,
  circle: LifeCircleKey,
  full: boolean,
): GapClass {
  const hasCoverage = p.missing_types !== undefined && p.missing_types !== null;
  const radius = circleRadius(circle);
  if (full) {
    const d = p[`dist_${type}`];
    if (d !== undefined && d !== null) return Number(d) <= radius ? 'served' : 'lacking';
    return hasCoverage ? 'lacking' : 'unknown';
  }
  if (!hasCoverage) return 'unknown';
  const own = AMENITY_BY_TYPE.get(type)?.circle;
  const ownRadius = own ? circleRadius(own) : NaN;
  const missing = String(p.missing_types).split(',').includes(type);
  if (missing) return radius <= ownRadius ? 'lacking' : 'unknown';
  return radius >= ownRadius ? 'served' : 'unknown';
}

/** The paint properties of the circles that change with the view. */
export interface CommunityPaint {
  'circle-color': ExpressionSpecification | string;
  'circle-opacity': ExpressionSpecification | number;
  'circle-stroke-color': ExpressionSpecification | string;
  'circle-stroke-opacity': ExpressionSpecification | number;
}

/** Wraps a data expression in a zoom step when it differs at the tiles' maximum zoom. */
function byZoom(
  low: ExpressionSpecification,
  full: ExpressionSpecification,
  maxzoom: number,
): ExpressionSpecification {
  return ['step', ['zoom'], low, maxzoom, full];
}

/**
 * Circle paint for a view. Provenance marks stay in every view: a synthetic community is a
 * hollow ring in whatever colour the view gives it. In the gap view the communities that are
 * not lacking recede (lower opacity), so the gaps read at a glance. `maxzoom` is the tiles'
 * maximum zoom, from which every feature carries all its properties.
 */
export function communityPaint(view: CommunityView, maxzoom = 14): CommunityPaint {
  const solidOpacity = (opacity: number | ExpressionSpecification): ExpressionSpecification => [
    'case',
    IS_SYNTHETIC,
    MARKS.synthetic.fillOpacity,
    opacity,
  ];
  const strokeOf = (color: ExpressionSpecification | string): ExpressionSpecification => [
    'case',
    IS_SYNTHETIC,
    color,
    MARKS.solid.strokeColor,
  ];
  const plain = (color: ExpressionSpecification): CommunityPaint => ({
    'circle-color': color,
    'circle-opacity': solidOpacity(MARKS.solid.fillOpacity),
    'circle-stroke-color': strokeOf(color),
    'circle-stroke-opacity': 1,
  });
  switch (view.kind) {
    case 'stage':
      return plain(stageColorExpression());
    case 'timeline':
      return plain([
        'match',
        timelineClassExpression(view.month),
        ...TIMELINE_SCALE.flatMap((c) => [c.key, c.color]),
        TIMELINE_UNDATED_COLOR,
      ] as unknown as ExpressionSpecification);
    case 'coverage':
      return plain(
        stepExpression(
          ['to-number', ['coalesce', ['get', 'coverage_score'], -1]],
          COVERAGE_SCALE,
          COVERAGE_NO_DATA_COLOR,
        ),
      );
    case 'gap': {
      const of = (full: boolean, pick: (c: GapClass) => string | number): ExpressionSpecification =>
        [
          'match',
          gapClassExpression(view.type, view.circle, full),
          'lacking',
          pick('lacking'),
          'served',
          pick('served'),
          pick('unknown'),
        ] as unknown as ExpressionSpecification;
      const color = (full: boolean) => of(full, (c) => GAP_SCALE[c].color);
      const opacity = (full: boolean) => of(full, (c) => GAP_SCALE[c].opacity);
      // Synthetic gaps keep their hollow ring; everything else fades by its class.
      const fill = (full: boolean): ExpressionSpecification => [
        'case',
        IS_SYNTHETIC,
        ['*', MARKS.synthetic.fillOpacity / GAP_SCALE.lacking.opacity, opacity(full)],
        opacity(full),
      ];
      return {
        'circle-color': byZoom(color(false), color(true), maxzoom),
        'circle-opacity': byZoom(fill(false), fill(true), maxzoom),
        'circle-stroke-color': byZoom(strokeOf(color(false)), strokeOf(color(true)), maxzoom),
        'circle-stroke-opacity': byZoom(opacity(false), opacity(true), maxzoom),
      };
    }
  }
}
