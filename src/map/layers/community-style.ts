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
import {
  IS_APPROXIMATE,
  IS_SINGLE,
  IS_SYNTHETIC,
  MARKS,
  radiusExpression,
  stageColorExpression,
} from '../../legend/scales';
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

/** Filter matching the community with this id, or nothing for `null`. */
export function selectedFilter(id: string | null): FilterSpecification {
  return ['==', ['get', 'id'], id ?? '\u0000none'];
}

/** The three layers of the status map: circles, the selection ring and name labels. */
export function communityLayers(
  source: string,
  sourceLayer: string,
): {
  circles: CircleLayerSpecification;
  selected: CircleLayerSpecification;
  labels: SymbolLayerSpecification;
} {
  const color = stageColorExpression();
  const radius = radiusExpression();
  const hollow = IS_SYNTHETIC;
  const fuzzy: ExpressionSpecification = ['all', IS_SINGLE, IS_APPROXIMATE];
  const synthetic = (yes: number | string, no: number | string | ExpressionSpecification) =>
    ['case', hollow, yes, no] as ExpressionSpecification;
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
        'circle-color': color,
        'circle-radius': radius,
        'circle-opacity': synthetic(MARKS.synthetic.fillOpacity, MARKS.solid.fillOpacity),
        'circle-stroke-color': ['case', hollow, color, MARKS.solid.strokeColor],
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
        // City names when zoomed out, nothing in between (too many to place), names up close.
        'text-field': [
          'step',
          ['zoom'],
          ['coalesce', ['get', 'city'], ''],
          CITY_LABEL_MAX_ZOOM,
          '',
          COMMUNITY_LABEL_MIN_ZOOM,
          ['coalesce', ['get', 'name'], ''],
        ],
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
