/**
 * MapLibre layers of the boundary polygons: an outline always, and on the status layer a fill
 * by completion rate (communities done ÷ communities inside, computed by the build). Nested
 * levels (district ⊃ street ⊃ community) would stack their fills, so each level is filled in
 * its own zoom band, the finer level taking over as the map zooms in. Pure.
 */
import type { ExpressionSpecification, FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';
import { COMPLETION_FILL_OPACITY, COMPLETION_SCALE, stepExpression } from '../../style/scales';

/** Zoom from which a level's polygons are filled, when a coarser level is also present. */
export const LEVEL_MIN_ZOOM: Readonly<Record<string, number>> = { district: 0, street: 10, community: 13 };

/** Zoom range in which each present level is filled: the whole range for the coarsest, handing over to the next. */
export function levelZoomBands(
  levels: readonly string[],
): { level: string; minzoom: number; maxzoom: number }[] {
  const present = Object.keys(LEVEL_MIN_ZOOM).filter((l) => levels.includes(l));
  return present.map((level, i) => ({
    level,
    minzoom: i === 0 ? 0 : LEVEL_MIN_ZOOM[level]!,
    maxzoom: i + 1 < present.length ? LEVEL_MIN_ZOOM[present[i + 1]!]! : 24,
  }));
}

/** Fill colour by completion rate; polygons with no community get no fill. */
export function completionColorExpression(): ExpressionSpecification {
  return stepExpression(
    ['to-number', ['coalesce', ['get', 'completion_rate'], -1]],
    COMPLETION_SCALE,
    'rgba(0, 0, 0, 0)',
  );
}

/** Layer ids of the boundaries, outline last. */
export const BOUNDARY_OUTLINE_ID = 'boundaries-outline';

/**
 * The fill layers (one per present level, plus one for polygons without a level) and the
 * outline. Fill layers start hidden; the component shows them on the status layer.
 */
export function boundaryLayers(
  source: string,
  sourceLayer: string,
  levels: readonly string[],
): { fills: FillLayerSpecification[]; outline: LineLayerSpecification } {
  const paint = { 'fill-color': completionColorExpression(), 'fill-opacity': COMPLETION_FILL_OPACITY };
  const bands = levelZoomBands(levels);
  const fills: FillLayerSpecification[] = bands.map((b) => ({
    id: `boundaries-fill-${b.level}`,
    type: 'fill',
    source,
    'source-layer': sourceLayer,
    minzoom: b.minzoom,
    maxzoom: b.maxzoom,
    filter: ['==', ['get', 'level'], b.level],
    layout: { visibility: 'none' },
    paint,
  }));
  fills.push({
    id: 'boundaries-fill-other',
    type: 'fill',
    source,
    'source-layer': sourceLayer,
    filter: ['!', ['has', 'level']],
    layout: { visibility: 'none' },
    paint,
  });
  return {
    fills,
    outline: {
      id: BOUNDARY_OUTLINE_ID,
      type: 'line',
      source,
      'source-layer': sourceLayer,
      paint: {
        'line-color': '#7d6e63',
        'line-opacity': 0.7,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 14, 1.5],
      },
    },
  };
}
