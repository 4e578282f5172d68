/**
 * The street layer's MapLibre layers (streets.pmtiles, src/contracts/streets.ts): one line layer
 * per road class, so major and minor roads and paths are styled apart (a dash cannot vary per
 * feature), and the street names written along the lines. In the accessibility view every
 * segment is coloured by its walking distance to the nearest facility of the chosen type, from
 * the scale the legend draws (WALK_DISTANCE_SCALE). Pure.
 */
import type { ExpressionSpecification, LineLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { accessibilityField, STREET_MINZOOM } from '../../contracts/streets';
import { ROAD_CLASSES, type RoadClass } from '../../domain/walk-network/types';
import {
  STREET_ACCESS_WIDTH_FACTOR,
  STREET_LABEL_STYLE,
  STREET_STYLE,
  walkDistanceColorExpression,
} from '../../style/scales';
import { MAP_FONT_STACK } from '../basemap-style';

/** Layer id of each class's lines, and of the names. */
export const STREET_LAYER_IDS: Readonly<Record<RoadClass | 'labels', string>> = {
  major: 'streets-major',
  minor: 'streets-minor',
  path: 'streets-path',
  labels: 'streets-labels',
};

/** The class line layers' ids, drawn bottom to top: paths under minor streets under major roads. */
export const STREET_LINE_IDS: readonly string[] = [...ROAD_CLASSES].reverse().map((c) => STREET_LAYER_IDS[c]);

function widthExpression(roadClass: RoadClass, factor: number): ExpressionSpecification {
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    ...STREET_STYLE[roadClass].width.flatMap(([zoom, px]) => [zoom, px * factor]),
  ] as unknown as ExpressionSpecification;
}

/**
 * Colour and width of one class's lines: the class's own colour, or, with `access` (an amenity
 * type), the walking distance in the segment's `acc_<type>`, on wider lines.
 */
export function streetPaint(
  roadClass: RoadClass,
  access: string | null,
): { 'line-color': string | ExpressionSpecification; 'line-width': ExpressionSpecification } {
  return access
    ? {
        'line-color': walkDistanceColorExpression(accessibilityField(access)),
        'line-width': widthExpression(roadClass, STREET_ACCESS_WIDTH_FACTOR),
      }
    : { 'line-color': STREET_STYLE[roadClass].color, 'line-width': widthExpression(roadClass, 1) };
}

/**
 * The street layers over `source`'s `sourceLayer`, bottom to top: paths, minor streets, major
 * roads, then the names. `access` as in `streetPaint`.
 */
export function streetLayers(
  source: string,
  sourceLayer: string,
  access: string | null = null,
): { lines: LineLayerSpecification[]; labels: SymbolLayerSpecification } {
  const lines = [...ROAD_CLASSES].reverse().map((roadClass): LineLayerSpecification => {
    const dash = STREET_STYLE[roadClass].dash;
    return {
      id: STREET_LAYER_IDS[roadClass],
      type: 'line',
      source,
      'source-layer': sourceLayer,
      minzoom: STREET_MINZOOM[roadClass],
      filter: ['==', ['get', 'class'], roadClass],
      // A dash needs flat ends: round caps would fill its gaps in.
      layout: { 'line-cap': dash ? 'butt' : 'round', 'line-join': 'round' },
      paint: { ...streetPaint(roadClass, access), ...(dash ? { 'line-dasharray': [...dash] } : {}) },
    };
  });
  const labels: SymbolLayerSpecification = {
    id: STREET_LAYER_IDS.labels,
    type: 'symbol',
    source,
    'source-layer': sourceLayer,
    minzoom: STREET_LABEL_STYLE.minzoom,
    filter: ['has', 'name'],
    layout: {
      'symbol-placement': 'line',
      'text-field': ['get', 'name'],
      'text-font': MAP_FONT_STACK,
      'text-size': STREET_LABEL_STYLE.size,
      'text-max-angle': 30,
      'symbol-spacing': 300,
    },
    paint: {
      'text-color': STREET_LABEL_STYLE.color,
      'text-halo-color': STREET_LABEL_STYLE.halo,
      'text-halo-width': 1.5,
    },
  };
  return { lines, labels };
}
