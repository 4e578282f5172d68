/**
 * The map's three switchable layers and each one's options, as kept in the page address so a
 * view can be shared as a link:
 *
 * | parameter | layer | values |
 * | --- | --- | --- |
 * | `layer` | all | `status` (default), `funding`, `services` |
 * | `month` | status | `YYYY-MM`: the time slider's month; absent = current stage |
 * | `fund` | funding | `total` (default), `fiscal`, `nonfiscal`, a channel without its `fund_` prefix (`central` …), `leverage` |
 * | `per` | funding | `km2` (default) or `household` |
 * | `extrude` | funding | `1`: hexagons extruded in 3D, the map tilted |
 * | `amenity` | services | an amenity type (`elderly_daycare` …): its amenities only, rings around them |
 * | `circle` | services | `5`, `10` or `15` (minutes): the circle of the rings and of the gap view; default the type's own |
 * | `gap` | services | `1`: highlight communities lacking `amenity` within `circle` |
 * | `access` | services | an amenity type: colour the streets by walking distance to its nearest facility (data built with a road network) |
 *
 * Only the shown layer's options are written, so a link carries what it shows. Parameters this
 * module does not own are kept as they are. The address format's version (`v`) and the links
 * of the first format (`?hex=1`) are handled in src/lib/url-state.ts.
 */
import { isMonth, type Month } from '../../domain/months';
import { AMENITY_BY_TYPE, FUNDING_CHANNELS, LIFE_CIRCLES, type LifeCircleKey } from '../../domain/vocabulary';
import type { CommunityView } from './community-style';

/** The switchable map layers, in the order the switcher lists them. */
export const MAP_LAYERS = ['status', 'funding', 'services'] as const;
export type MapLayerId = (typeof MAP_LAYERS)[number];

/** True for a known layer id. */
export const isMapLayer = (value: unknown): value is MapLayerId =>
  (MAP_LAYERS as readonly unknown[]).includes(value);

/**
 * What the funding layer measures: all money, the fiscal or non-fiscal part, one channel
 * (its field, `fund_central` …), or leverage (non-fiscal ÷ fiscal, per hexagon).
 */
export type FundingMeasure = 'total' | 'fiscal' | 'nonfiscal' | `fund_${string}` | 'leverage';

/** Funding measures in the order the control lists them. */
export const FUNDING_MEASURES: readonly FundingMeasure[] = [
  'total',
  'fiscal',
  'nonfiscal',
  ...FUNDING_CHANNELS.map((c) => c.field),
  'leverage',
];

/** What an amount is divided by: the hexagon's area or its households. */
export type FundingNorm = 'km2' | 'household';

/** Options of the funding layer. */
export interface FundingOptions {
  measure: FundingMeasure;
  per: FundingNorm;
  /** Hexagons extruded by class, the map tilted. */
  extrude: boolean;
}

/** Options of the services layer. */
export interface ServicesOptions {
  /** Amenity type whose amenities, rings and gaps are shown; null = every type, no rings. */
  amenity: string | null;
  /** Circle of the rings and gaps; null = the chosen type's own circle. */
  circle: LifeCircleKey | null;
  /** Highlight communities lacking `amenity` within the circle. */
  gap: boolean;
  /**
   * Amenity type whose walking distance colours the streets (the accessibility view); null =
   * streets in their plain style. Independent of `amenity`: the streets can answer "how far to
   * a clinic" while the symbols show kindergartens.
   */
  access: string | null;
}

/** Everything the layers keep in the address. */
export interface LayerOptions {
  layer: MapLayerId;
  /** Status layer: the time slider's month, or null for the current stage. */
  month: Month | null;
  funding: FundingOptions;
  services: ServicesOptions;
}

/** The options of an address that names none. */
export const DEFAULT_LAYER_OPTIONS: Readonly<LayerOptions> = {
  layer: 'status',
  month: null,
  funding: { measure: 'total', per: 'km2', extrude: false },
  services: { amenity: null, circle: null, gap: false, access: null },
};

/** Every parameter this module reads and writes. */
export const LAYER_PARAMS = [
  'layer',
  'month',
  'fund',
  'per',
  'extrude',
  'amenity',
  'circle',
  'gap',
  'access',
] as const;

const measureFromParam = (value: string | null): FundingMeasure => {
  if (value === null) return 'total';
  const candidate = (
    ['total', 'fiscal', 'nonfiscal', 'leverage'].includes(value) ? value : `fund_${value}`
  ) as FundingMeasure;
  return FUNDING_MEASURES.includes(candidate) ? candidate : 'total';
};

const measureToParam = (measure: FundingMeasure): string =>
  measure.startsWith('fund_') ? measure.slice('fund_'.length) : measure;

const circleFromMinutes = (value: string | null): LifeCircleKey | null =>
  LIFE_CIRCLES.find((c) => String(c.minutes) === value)?.key ?? null;

const isOn = (value: string | null) => value === '1' || value === 'true';

/**
 * Reads the layer options from a query string; invalid values fall back to defaults. `layer`
 * is the layer to show when the address names none (an old link's `?hex=1`, say).
 */
export function parseLayerOptions(
  search: string,
  layer: MapLayerId = DEFAULT_LAYER_OPTIONS.layer,
): LayerOptions {
  const params = new URLSearchParams(search);
  const named = params.get('layer');
  const month = params.get('month');
  const amenityType = (name: string) => {
    const value = params.get(name);
    return value !== null && AMENITY_BY_TYPE.has(value) ? value : null;
  };
  const known = amenityType('amenity');
  return {
    layer: isMapLayer(named) ? named : layer,
    month: isMonth(month) ? month : null,
    funding: {
      measure: measureFromParam(params.get('fund')),
      per: params.get('per') === 'household' ? 'household' : 'km2',
      extrude: isOn(params.get('extrude')),
    },
    services: {
      amenity: known,
      circle: circleFromMinutes(params.get('circle')),
      gap: known !== null && isOn(params.get('gap')),
      access: amenityType('access'),
    },
  };
}

/**
 * Writes the shown layer's options into a query string, removing the other layers' and keeping
 * parameters this module does not own. Defaults are left out. Returns `''` or `?…`.
 */
export function serialiseLayerOptions(options: LayerOptions, search = ''): string {
  const params = new URLSearchParams(search);
  for (const key of LAYER_PARAMS) params.delete(key);
  const set = (key: string, value: string | null) => {
    if (value !== null) params.set(key, value);
  };
  if (options.layer !== DEFAULT_LAYER_OPTIONS.layer) set('layer', options.layer);
  if (options.layer === 'status') set('month', options.month);
  if (options.layer === 'funding') {
    const f = options.funding;
    if (f.measure !== 'total') set('fund', measureToParam(f.measure));
    // Leverage is a ratio: dividing it by area or households means nothing.
    if (f.per !== 'km2' && f.measure !== 'leverage') set('per', f.per);
    if (f.extrude) set('extrude', '1');
  }
  if (options.layer === 'services') {
    const s = options.services;
    set('amenity', s.amenity);
    const circle = LIFE_CIRCLES.find((c) => c.key === s.circle);
    if (circle) set('circle', String(circle.minutes));
    if (s.gap && s.amenity) set('gap', '1');
    set('access', s.access);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The circle the services layer uses: the chosen one, else the chosen type's own, else 5 minutes. */
export function effectiveCircle(services: ServicesOptions): LifeCircleKey {
  if (services.circle) return services.circle;
  const own = services.amenity ? AMENITY_BY_TYPE.get(services.amenity)?.circle : undefined;
  return own ?? LIFE_CIRCLES[0].key;
}

/** What the community circles are coloured by under these options (see community-style.ts). */
export function communityViewFor(options: LayerOptions): CommunityView {
  if (options.layer === 'services') {
    const { amenity, gap } = options.services;
    return gap && amenity
      ? { kind: 'gap', type: amenity, circle: effectiveCircle(options.services) }
      : { kind: 'coverage' };
  }
  return options.month ? { kind: 'timeline', month: options.month } : { kind: 'stage' };
}
