/**
 * The scales of what the first screen does not draw: the services layer (amenity symbols, life
 * circle rings, walking catchments), the funding hexagons, and the colours of the panels' and
 * charts' funding channels and item categories. Apart from scales.ts because the first load
 * carries every export of a module it imports, lazy views' included; these load with the views.
 * Same rule as scales.ts: the map's expressions and the legends both derive from these.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import {
  AMENITY_TYPES,
  LIFE_CIRCLES,
  type FundField,
  type ItemCategory,
  type LifeCircleKey,
} from '../domain/vocabulary';

/** Shapes of amenity symbols, one per life circle, so the walking distance reads at a glance. */
export const AMENITY_SHAPES: Readonly<
  Record<LifeCircleKey, { shape: 'square' | 'diamond' | 'triangle'; color: string }>
> = {
  lc5: { shape: 'square', color: '#6a3d9a' },
  lc10: { shape: 'diamond', color: '#b15928' },
  lc15: { shape: 'triangle', color: '#1f4e79' },
};

/** Name of the map image drawn for a life circle's amenities. */
export const amenityIconId = (circle: LifeCircleKey): string => `amenity-${circle}`;

/** `icon-image` expression: the life circle of an amenity's type picks its symbol. */
export function amenityIconExpression(): ExpressionSpecification {
  const branches = LIFE_CIRCLES.flatMap((c) => [
    AMENITY_TYPES.filter((a) => a.circle === c.key).map((a) => a.type),
    amenityIconId(c.key),
  ]);
  return ['match', ['get', 'type'], ...branches, amenityIconId('lc15')] as unknown as ExpressionSpecification;
}

/** Zoom from which amenities are drawn: below it they are clutter. */
export const AMENITY_MIN_ZOOM = 12;

/** Zoom from which amenities of one chosen type are drawn: a single type is sparse enough. */
export const AMENITY_TYPE_MIN_ZOOM = 10;

/** Zoom from which rings are drawn around the chosen type's amenities on screen (cheap, and legible). */
export const RING_MIN_ZOOM = 12;

/** Colours of the funding-density hexagons, light to dark, for yuan per km². */
export const FUNDING_DENSITY_COLORS: readonly string[] = [
  '#fff3b0',
  '#fdd17a',
  '#f8a058',
  '#e8683f',
  '#c23b3b',
  '#7f1d3a',
];

/** Opacity of the hexagons: translucent, so the basemap's borders beneath stay readable. */
export const FUNDING_DENSITY_OPACITY = 0.55;

/**
 * Colours of the leverage view (non-fiscal ÷ fiscal money), light to dark: a hue of its own so
 * a screenshot of it is never mistaken for the density view.
 */
export const LEVERAGE_COLORS: readonly string[] = [
  '#eff3ff',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#3182bd',
  '#08519c',
];

/**
 * Fixed leverage thresholds: a ratio means the same everywhere (0.5 = one yuan of social money
 * for two of government money), so unlike the density view its classes are not quantiles.
 */
export const LEVERAGE_BREAKS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1];

/** Hexagons with communities but no money of the chosen kind recorded (or no fiscal base for leverage). */
export const FUNDING_NO_DATA_COLOR = '#cfc9bf';

/** Height of an extruded hexagon per class, as a multiple of the H3 edge length at its resolution. */
export const EXTRUSION_PER_CLASS = 0.6;

/** Pitch the map tilts to when hexagons are extruded, so their heights can be seen. */
export const EXTRUSION_PITCH = 50;

/** Life-circle rings: each circle in the colour of its amenities' symbol. */
export const RING_STYLE = { lineWidth: 1.6, fillOpacity: 0.07, dash: [4, 2] } as const;

/** Colour of a life circle's ring (and of its amenities' symbol). */
export const ringColor = (circle: LifeCircleKey): string => AMENITY_SHAPES[circle].color;

/**
 * A walking catchment (the streets reachable within a circle's radius, buffered): each circle in
 * its ring colour, outlined solid where the rings are dashed, since it follows real streets.
 * The three are nested, so the 5-minute area reads darkest by overlap.
 */
export const CATCHMENT_STYLE = { fillOpacity: 0.14, lineWidth: 2, lineOpacity: 0.9 } as const;

/**
 * Class breaks of a skewed positive quantity (funding per km² spans five orders of magnitude):
 * the values at equal quantiles, so each colour covers about as many cells. Returns
 * `classes - 1` ascending thresholds; fewer when values repeat, so no class is empty.
 */
export function quantileBreaks(values: readonly number[], classes = FUNDING_DENSITY_COLORS.length): number[] {
  const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const breaks: number[] = [];
  for (let k = 1; k < classes; k++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / classes))]!;
    // A break at the smallest value would open a class no value falls into.
    if (v > sorted[0]! && (!breaks.length || v > breaks[breaks.length - 1]!)) breaks.push(v);
  }
  return breaks;
}

/** Index into FUNDING_DENSITY_COLORS of a value given ascending `breaks`. */
export function classIndex(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return Math.min(i, FUNDING_DENSITY_COLORS.length - 1);
}

/** `#rrggbb` as [r, g, b], for deck.gl accessors. */
export function hexToRgb(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) throw new Error(`expected a #rrggbb colour, got ${color}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/**
 * Colours of the funding channels in charts: government channels in blues, the others in warm
 * and green tones, so "who paid" reads as fiscal versus non-fiscal at a glance.
 */
export const FUNDING_CHANNEL_COLORS: Readonly<Record<FundField, string>> = {
  fund_central: '#1f4e79',
  fund_provincial: '#2f75b5',
  fund_local: '#5b9bd5',
  fund_bond: '#9dc3e6',
  fund_utility: '#7f6000',
  fund_owner_unit: '#bf8f00',
  fund_social: '#c55a11',
  fund_maintenance: '#ed7d31',
  fund_public_revenue: '#f4b183',
  fund_residents: '#548235',
  fund_donation: '#a9d18e',
  fund_other: '#a6a6a6',
};

/**
 * Colours of the renovation item categories of 国办发〔2020〕23号 in charts: basic works in
 * slate, improvements in teal, enhancements (services) in plum, so the three tiers stay apart.
 */
export const ITEM_CATEGORY_COLORS: Readonly<Record<ItemCategory, string>> = {
  basic: '#5a6b7d',
  improvement: '#2a9d8f',
  enhancement: '#8e4585',
};
