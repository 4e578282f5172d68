/**
 * The offline basemap: sea, land and country borders from Natural Earth (via the world-atlas
 * package, converted to GeoJSON at build time by scripts/basemap/build-basemap.ts). Nothing is
 * fetched from another origin, so the site works on an intranet or a laptop without network.
 *
 * The style has no `glyphs` URL: MapLibre 6 draws every glyph with the browser's own fonts
 * when none is set (GlyphManager falls back to TinySDF), so labels need no glyph server. Nor
 * has it a sprite; a configured vector basemap (protomaps-style.ts) keeps both rules.
 */
import type { StyleSpecification } from 'maplibre-gl';

/** Files the basemap build writes, relative to the site root. */
export const BASEMAP_FILES = { land: 'basemap/land.geojson', borders: 'basemap/borders.geojson' } as const;

/** Basemap colours: a quiet paper tone so the data's colours carry the meaning. */
export const BASEMAP_COLORS = {
  sea: '#dde7ec',
  land: '#f6f3ec',
  border: '#a89c8f',
} as const;

/** Font stack for map labels: the CJK fonts the page uses, then the browser's sans-serif. */
export const MAP_FONT_STACK = [
  'Noto Sans CJK SC',
  'Noto Sans SC',
  'Microsoft YaHei',
  'PingFang SC',
  'sans-serif',
];

/**
 * Ids of the basemap's layers; data layers are inserted above `BASEMAP_TOP_LAYER`, and a vector
 * basemap's layers below it (basemap-apply.ts), so it stays the top of whatever basemap is shown.
 */
export const BASEMAP_TOP_LAYER = 'basemap-borders';

/**
 * The basemap style. `base` is the page's base URL: GeoJSON is loaded by MapLibre's workers,
 * which would resolve a relative URL against their own script, so sources get absolute URLs.
 */
export function basemapStyle(base: string): StyleSpecification {
  const url = (path: string) => new URL(path, base).href;
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: url(BASEMAP_FILES.land), maxzoom: 8, tolerance: 0.5 },
      borders: { type: 'geojson', data: url(BASEMAP_FILES.borders), maxzoom: 8, tolerance: 0.5 },
    },
    layers: [
      { id: 'basemap-sea', type: 'background', paint: { 'background-color': BASEMAP_COLORS.sea } },
      { id: 'basemap-land', type: 'fill', source: 'land', paint: { 'fill-color': BASEMAP_COLORS.land } },
      {
        id: BASEMAP_TOP_LAYER,
        type: 'line',
        source: 'borders',
        paint: {
          'line-color': BASEMAP_COLORS.border,
          'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 10, 1.5],
          'line-dasharray': [3, 2],
        },
      },
    ],
  };
}
