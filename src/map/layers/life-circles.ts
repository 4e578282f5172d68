/**
 * Life-circle rings (GB 50180-2018: 300 / 500 / 1000 m, the 5-, 10- and 15-minute circles) as
 * GeoJSON polygons, and the MapLibre layers that draw them. Rings are made only for what is
 * selected or on screen, never for the whole dataset. Pure.
 */
import circle from '@turf/circle';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type {
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { LIFE_CIRCLES, type LifeCircleKey } from '../../domain/vocabulary';
import { RING_STYLE, ringColor } from '../../style/view-scales';
import { MAP_FONT_STACK } from '../basemap-style';

/** A place to draw rings around. */
export interface RingCentre {
  lng: number;
  lat: number;
}

/** Vertices per ring: smooth at street zoom, cheap for a few hundred rings. */
const STEPS = 48;

/** Properties of a ring polygon. */
export interface RingProperties {
  circle: LifeCircleKey;
  radius_m: number;
}

/** One polygon per centre and circle, each `radius_m` around its centre. */
export function ringFeatures(
  centres: readonly RingCentre[],
  circles: readonly LifeCircleKey[],
): FeatureCollection<Polygon, RingProperties> {
  const features: Feature<Polygon, RingProperties>[] = [];
  // Largest first, so the smaller circles' fills are drawn on top.
  const ordered = LIFE_CIRCLES.filter((c) => circles.includes(c.key)).sort((a, b) => b.radius_m - a.radius_m);
  for (const { lng, lat } of centres)
    for (const c of ordered)
      features.push(
        circle<RingProperties>([lng, lat], c.radius_m, {
          steps: STEPS,
          units: 'meters',
          properties: { circle: c.key, radius_m: c.radius_m },
        }),
      );
  return { type: 'FeatureCollection', features };
}

/** Label points at the top of each ring around one centre: where "5 分钟 · 300 米" is written. */
export function ringLabelPoints(
  centre: RingCentre,
  circles: readonly LifeCircleKey[],
  label: (c: (typeof LIFE_CIRCLES)[number]) => string,
): FeatureCollection<Point, { circle: LifeCircleKey; label: string }> {
  const rings = ringFeatures([centre], circles);
  return {
    type: 'FeatureCollection',
    features: rings.features.map((ring) => {
      const def = LIFE_CIRCLES.find((c) => c.key === ring.properties.circle)!;
      // The northernmost vertex: turf starts its circle at bearing 0 … close enough to the top.
      const top = ring.geometry.coordinates[0]!.reduce((a, b) => (b[1]! > a[1]! ? b : a));
      return {
        type: 'Feature',
        properties: { circle: def.key, label: label(def) },
        geometry: { type: 'Point', coordinates: [top[0]!, top[1]!] },
      };
    }),
  };
}

/** `match` on a feature's `circle` giving each circle's colour. */
export function ringColorExpression(): ExpressionSpecification {
  return [
    'match',
    ['get', 'circle'],
    ...LIFE_CIRCLES.flatMap((c) => [c.key, ringColor(c.key)]),
    '#666666',
  ] as unknown as ExpressionSpecification;
}

/** Layer ids of the rings. */
export const RING_LAYER_IDS = {
  fill: 'life-circles-fill',
  line: 'life-circles-line',
  labels: 'life-circles-labels',
} as const;

/** Fill, dashed outline and labels of the rings in `source` (polygons) and `labelSource` (points). */
export function ringLayers(
  source: string,
  labelSource: string,
): { fill: FillLayerSpecification; line: LineLayerSpecification; labels: SymbolLayerSpecification } {
  const color = ringColorExpression();
  return {
    fill: {
      id: RING_LAYER_IDS.fill,
      type: 'fill',
      source,
      paint: { 'fill-color': color, 'fill-opacity': RING_STYLE.fillOpacity },
    },
    line: {
      id: RING_LAYER_IDS.line,
      type: 'line',
      source,
      paint: {
        'line-color': color,
        'line-width': RING_STYLE.lineWidth,
        'line-dasharray': [...RING_STYLE.dash],
        'line-opacity': 0.85,
      },
    },
    labels: {
      id: RING_LAYER_IDS.labels,
      type: 'symbol',
      source: labelSource,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': MAP_FONT_STACK,
        'text-size': 11,
        'text-anchor': 'bottom',
        'text-offset': [0, -0.2],
        'text-allow-overlap': true,
      },
      paint: { 'text-color': color, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  };
}
