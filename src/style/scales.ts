/**
 * The visual scales of the map's three layers (status, funding density, services) and of the
 * streets under them, defined once. The MapLibre paint expressions and the
 * legend are both derived from these constants, so a colour or a size can never differ
 * between what the map draws and what the legend explains. What only the views that load on
 * use draw (amenity symbols, rings, funding hexagons, chart colours) is in view-scales.ts.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { LIFE_CIRCLES, STAGES, type LifeCircleKey, type Stage } from '../domain/vocabulary';
import type { RoadClass } from '../domain/walk-network/types';

/**
 * Stage colours. The progression runs from cool (paperwork) to warm (works on site) to green
 * (finished); cancelled is neutral grey because it sits outside the progression.
 */
export const STAGE_COLORS: Readonly<Record<Stage, string>> = {
  surveyed: '#a6a3cf',
  planned: '#5b9bd5',
  design: '#2a9fa8',
  construction: '#f0852d',
  completed: '#4caf50',
  accepted: '#1b6e33',
  cancelled: '#8c8c8c',
};

/** Colour of a community whose stage the ledger did not give. */
export const UNKNOWN_STAGE_COLOR = '#d0c8b8';

/** One legend row of the stage scale, in programme order. */
export interface StageScaleEntry {
  stage: Stage;
  color: string;
}

/** The stage scale in programme order: what the legend lists and the map paints. */
export const STAGE_SCALE: readonly StageScaleEntry[] = STAGES.map((stage) => ({
  stage,
  color: STAGE_COLORS[stage],
}));

/** `circle-color` expression: the stage scale as a MapLibre `match`. */
export function stageColorExpression(): ExpressionSpecification {
  const pairs = STAGE_SCALE.flatMap((e) => [e.stage, e.color]);
  return ['match', ['get', 'stage'], ...pairs, UNKNOWN_STAGE_COLOR] as unknown as ExpressionSpecification;
}

/**
 * Circle radius in pixels against households, at the reference zoom. Area grows with
 * households (radius ∝ √households) so that a big estate does not drown its neighbours.
 */
export const HOUSEHOLD_RADIUS_STOPS: readonly (readonly [households: number, radius: number])[] = [
  [0, 3],
  [100, 4],
  [500, 6.5],
  [2000, 10],
  [8000, 16],
  // Zoomed out, one circle stands for many communities (households × density): a city's worth.
  [50_000, 22],
  [300_000, 30],
];

/** Households assumed for a community whose ledger row gives none. */
export const DEFAULT_HOUSEHOLDS = 300;

/** Zooms between which circles grow from `ZOOM_SCALE[0]` to `ZOOM_SCALE[1]` of the reference size. */
export const ZOOM_RANGE = [4, 15] as const;
/** Size factors at the ends of `ZOOM_RANGE`: small dots at country scale, full size in a street. */
export const ZOOM_SCALE = [0.55, 1.25] as const;

/** Households used as legend samples of the size scale. */
export const HOUSEHOLD_SAMPLES = [100, 500, 2000] as const;

function interpolate(stops: readonly (readonly [number, number])[], x: number): number {
  const first = stops[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < stops.length; i++) {
    const [x1, y1] = stops[i]!;
    const [x0, y0] = stops[i - 1]!;
    if (x <= x1) return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  }
  return stops[stops.length - 1]![1];
}

/**
 * Radius in pixels of a point standing for `households` households at `zoom`: the same
 * function the paint expression computes, for the legend and for tests.
 */
export function householdRadius(households: number, zoom: number): number {
  const t = Math.min(1, Math.max(0, (zoom - ZOOM_RANGE[0]) / (ZOOM_RANGE[1] - ZOOM_RANGE[0])));
  const factor = ZOOM_SCALE[0] + t * (ZOOM_SCALE[1] - ZOOM_SCALE[0]);
  const sqrtStops = HOUSEHOLD_RADIUS_STOPS.map(([h, r]) => [Math.sqrt(h), r] as const);
  return interpolate(sqrtStops, Math.sqrt(Math.max(0, households))) * factor;
}

/**
 * `circle-radius` expression. Below the tiles' maximum zoom a kept point stands for `density`
 * points, so it is sized by the households of all of them together. `offsetPx` is added to
 * every stop (a selection ring around the circle): MapLibre allows `zoom` only at the top of
 * an expression, so the offset cannot be wrapped around it.
 */
export function radiusExpression(offsetPx = 0): ExpressionSpecification {
  const households: ExpressionSpecification = [
    '*',
    // A missing value must not read as 0 (`to-number` of null is 0), hence coalesce first.
    ['to-number', ['coalesce', ['get', 'households'], DEFAULT_HOUSEHOLDS]],
    ['to-number', ['coalesce', ['get', 'density'], 1]],
  ];
  const byHouseholds = (factor: number): ExpressionSpecification =>
    [
      'interpolate',
      ['linear'],
      ['sqrt', households],
      ...HOUSEHOLD_RADIUS_STOPS.flatMap(([h, r]) => [Math.sqrt(h), r * factor + offsetPx]),
    ] as unknown as ExpressionSpecification;
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    ZOOM_RANGE[0],
    byHouseholds(ZOOM_SCALE[0]),
    ZOOM_RANGE[1],
    byHouseholds(ZOOM_SCALE[1]),
  ];
}

/** True for a feature flagged illustrative. Tiles may carry the flag as a boolean or a 0/1. */
export const IS_SYNTHETIC: ExpressionSpecification = [
  'any',
  ['==', ['get', 'is_synthetic'], true],
  ['==', ['get', 'is_synthetic'], 1],
  ['==', ['get', 'is_synthetic'], 'true'],
];

/**
 * True for a point that stands only for itself. Zoomed out, a kept point stands for `density`
 * communities: its position is approximate by construction, so the blurred mark is kept for
 * single points (a whole map of blurred clusters reads as noise). The synthetic mark stays on
 * clusters: the kept point is one of the communities it stands for, the best sample there is.
 */
export const IS_SINGLE: ExpressionSpecification = [
  '<=',
  ['to-number', ['coalesce', ['get', 'density'], 1]],
  1,
];

/** True for a community whose position is not exact (street or district centroid). */
export const IS_APPROXIMATE: ExpressionSpecification = [
  'all',
  ['has', 'location_precision'],
  ['!=', ['get', 'location_precision'], 'exact'],
];

/**
 * How the provenance of a community is drawn. Real ledger rows are solid discs; synthetic
 * (illustrative) rows are hollow rings in the stage colour; approximate positions get a soft,
 * blurred edge, the visual idiom for "somewhere around here".
 */
export const MARKS = {
  solid: { fillOpacity: 0.9, strokeWidth: 1, strokeColor: '#ffffff', blur: 0 },
  synthetic: { fillOpacity: 0.2, strokeWidth: 2, blur: 0 },
  approximate: { blur: 0.6 },
} as const;

/**
 * The status layer over time: at a chosen month a community is not started, under
 * construction or completed, in the colours of the matching stages, so the time view reads
 * like the stage view it replays. Communities without a date that places them are `undated`.
 */
export const TIMELINE_SCALE = [
  { key: 'not_started', color: STAGE_COLORS.planned },
  { key: 'construction', color: STAGE_COLORS.construction },
  { key: 'completed', color: STAGE_COLORS.completed },
] as const;

/** A class of the time view. */
export type TimelineClass = (typeof TIMELINE_SCALE)[number]['key'] | 'undated';

/** Colour of a community the ledger's dates cannot place at the chosen month. */
export const TIMELINE_UNDATED_COLOR = UNKNOWN_STAGE_COLOR;

/**
 * Completion rate of a boundary polygon (communities done ÷ communities inside), in classes
 * of a quarter, from pale sand (little done, still visible on the paper-toned land) to green;
 * polygons without communities are not filled.
 */
export const COMPLETION_SCALE: readonly { min: number; color: string }[] = [
  { min: 0, color: '#f2dfae' },
  { min: 0.25, color: '#d4e3a1' },
  { min: 0.5, color: '#98cc86' },
  { min: 0.75, color: '#4f9f58' },
];

/** Fill opacity of the boundary shading: under the circles, never hiding them. */
export const COMPLETION_FILL_OPACITY = 0.55;

/**
 * Service coverage score (share of the GB 50180-2018 amenity types found within their life
 * circle), low to high. Low coverage is warm, so under-served places stand out.
 */
export const COVERAGE_SCALE: readonly { min: number; color: string }[] = [
  { min: 0, color: '#c0392b' },
  { min: 0.2, color: '#e67e22' },
  { min: 0.4, color: '#e3b505' },
  { min: 0.6, color: '#5b9bd5' },
  { min: 0.8, color: '#1f4e79' },
];

/** Colour of a community without a coverage score (no amenities were supplied to the build). */
export const COVERAGE_NO_DATA_COLOR = UNKNOWN_STAGE_COLOR;

/**
 * The gap view: communities lacking the chosen amenity type within the chosen circle are drawn
 * strongly; the rest recede. `unknown` is a thinned point at a low zoom whose tile properties
 * cannot decide it (zooming in to the tiles' maximum zoom always can).
 */
export const GAP_SCALE = {
  lacking: { color: '#d7263d', opacity: 0.95 },
  served: { color: '#8aa39b', opacity: 0.3 },
  unknown: { color: '#c4bdb2', opacity: 0.3 },
} as const;

/** A class of the gap view. */
export type GapClass = keyof typeof GAP_SCALE;

/** One class of the walking-distance scale: distances up to `max` metres (inclusive). */
export interface WalkDistanceClass {
  /** The life circle whose radius bounds the class, or `beyond` for the rest. */
  key: LifeCircleKey | 'beyond';
  /** Inclusive upper bound in metres; Infinity for `beyond`. */
  max: number;
  color: string;
}

/**
 * Walking distance along the streets to the nearest facility (the street accessibility view):
 * the breaks are the life-circle radii (300 / 500 / 1000 m, GB 50180-2018), inclusive as the
 * standard's rule is (src/domain/life-circles.ts), then one class beyond. Green for a 5-minute
 * walk through amber to magenta: magenta rather than red so a far street is never mistaken for
 * a poorly covered community (COVERAGE_SCALE's red) drawn over it.
 */
export const WALK_DISTANCE_SCALE: readonly WalkDistanceClass[] = [
  ...LIFE_CIRCLES.map((c) => ({
    key: c.key,
    max: c.radius_m,
    color: ({ lc5: '#1a8754', lc10: '#8cc168', lc15: '#f0a43a' } as const)[c.key],
  })),
  { key: 'beyond', max: Infinity, color: '#b2307a' },
];

/** A street with no facility of the type within the build's search distance (`acc_<type>` absent). */
export const WALK_DISTANCE_NONE_COLOR = '#a39e93';

/** Index into WALK_DISTANCE_SCALE of a distance in metres; -1 when there is none (null, NaN, negative). */
export function walkDistanceClass(metres: number | null | undefined): number {
  if (typeof metres !== 'number' || !(metres >= 0)) return -1;
  return WALK_DISTANCE_SCALE.findIndex((c) => metres <= c.max);
}

/**
 * `line-color` expression colouring a feature by the walking distance in its property `field`,
 * as `walkDistanceClass` classes it (the legend reads the same scale).
 */
export function walkDistanceColorExpression(field: string): ExpressionSpecification {
  // `to-number` reads a missing value as 0 (the nearest possible), hence coalesce first.
  const value: ExpressionSpecification = ['to-number', ['coalesce', ['get', field], -1]];
  const bounded = WALK_DISTANCE_SCALE.filter((c) => Number.isFinite(c.max));
  const beyond = WALK_DISTANCE_SCALE[WALK_DISTANCE_SCALE.length - 1]!.color;
  return [
    'case',
    ['<', value, 0],
    WALK_DISTANCE_NONE_COLOR,
    ...bounded.flatMap((c) => [['<=', value, c.max], c.color]),
    beyond,
  ] as unknown as ExpressionSpecification;
}

/** How street segments are drawn, per road class: `width` as [zoom, px] stops. */
export interface StreetClassStyle {
  color: string;
  width: readonly (readonly [zoom: number, px: number])[];
  /** Dash pattern in line widths; none: solid. */
  dash?: readonly number[];
}

/**
 * The street layer under the data: major roads broad and warm grey, minor streets narrower and
 * lighter, paths thin and dashed. Muted on purpose: the streets are the ground the data stands
 * on, not data themselves (except in the accessibility view, which colours them).
 */
export const STREET_STYLE: Readonly<Record<RoadClass, StreetClassStyle>> = {
  major: {
    color: '#c3b497',
    width: [
      [9, 0.6],
      [13, 2.2],
      [17, 9],
    ],
  },
  minor: {
    color: '#d6cdbd',
    width: [
      [12, 0.5],
      [14, 1.4],
      [17, 5],
    ],
  },
  path: {
    color: '#b3a48d',
    width: [
      [13, 0.5],
      [17, 1.6],
    ],
    dash: [2, 1.5],
  },
};

/** In the accessibility view streets are widened by this factor, so their colour can be read. */
export const STREET_ACCESS_WIDTH_FACTOR = 1.8;

/** Street names: written along the line from this zoom, in a dark warm grey with a white halo. */
export const STREET_LABEL_STYLE = { minzoom: 14, color: '#5d5142', halo: '#ffffff', size: 11 } as const;

/** `min`-based class scale as a MapLibre `step` over `input`, `below` under the first `min`. */
export function stepExpression(
  input: ExpressionSpecification,
  scale: readonly { min: number; color: string }[],
  below: string,
): ExpressionSpecification {
  return [
    'step',
    input,
    below,
    ...scale.flatMap((c) => [c.min, c.color]),
  ] as unknown as ExpressionSpecification;
}

/** Index into a `min`-based scale of a value (-1 below the first class), as `stepExpression` draws it. */
export function stepIndex(value: number, scale: readonly { min: number }[]): number {
  let i = -1;
  while (i + 1 < scale.length && value >= scale[i + 1]!.min) i++;
  return i;
}

/**
 * The area drawn for area statistics: a dark outline that reads on every basemap, dashed while
 * it is being drawn, and a faint fill that leaves the communities inside visible.
 */
export const AREA_STYLE = {
  color: '#6a1b9a',
  fillOpacity: 0.1,
  lineWidth: 2.2,
  dash: [2, 1.5],
  vertexRadius: 4.5,
} as const;
