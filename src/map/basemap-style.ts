/**
 * The offline basemap: sea, land and country borders from Natural Earth (via the world-atlas
 * package, tiled at build time by scripts/basemap/build-basemap.ts into one PMTiles archive:
 * 1:110m and 1:50m at the low zooms, 1:10m from z5, overzoomed past z8). Nothing is fetched
 * from another origin, so the site works on an intranet or a laptop without network.
 *
 * The style has no `glyphs` URL: MapLibre 6 draws every glyph with the browser's own fonts
 * when none is set (GlyphManager falls back to TinySDF), so labels need no glyph server. Nor
 * has it a sprite; a configured vector basemap (protomaps-style.ts) keeps both rules.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { OFFLINE_BASEMAP_ID, vectorBasemapPath } from '../contracts/basemaps';

/**
 * Files the basemap build writes, relative to the site root: one archive, where a configured
 * vector basemap with the offline basemap's id would go (ids are unique, so none does).
 */
export const BASEMAP_FILES = { archive: vectorBasemapPath(OFFLINE_BASEMAP_ID) } as const;

/** The archive's layers (scripts/basemap/build-basemap.ts `BASEMAP_LAYERS`). */
const SOURCE_LAYERS = { land: 'land', borders: 'borders' } as const;

/** Id of the offline basemap's source. */
export const BASEMAP_SOURCE = 'basemap-offline';

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
 * The basemap style. `base` is the page's base URL: the archive's tiles are requested through
 * the `pmtiles://` protocol (create-map.ts registers it), whose URL must be absolute. The zooms
 * come from the archive's header, so the style need not repeat them. The scheme is written out
 * rather than taken from pmtiles-protocol.ts, which loads MapLibre: this module's colours are
 * also read at build time, for the link-preview image (vite.config.ts).
 */
export function basemapStyle(base: string): StyleSpecification {
  return {
    version: 8,
    sources: {
      [BASEMAP_SOURCE]: { type: 'vector', url: `pmtiles://${new URL(BASEMAP_FILES.archive, base).href}` },
    },
    layers: [
      { id: 'basemap-sea', type: 'background', paint: { 'background-color': BASEMAP_COLORS.sea } },
      {
        id: 'basemap-land',
        type: 'fill',
        source: BASEMAP_SOURCE,
        'source-layer': SOURCE_LAYERS.land,
        paint: { 'fill-color': BASEMAP_COLORS.land },
      },
      {
        id: BASEMAP_TOP_LAYER,
        type: 'line',
        source: BASEMAP_SOURCE,
        'source-layer': SOURCE_LAYERS.borders,
        paint: {
          'line-color': BASEMAP_COLORS.border,
          'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 10, 1.5],
          'line-dasharray': [3, 2],
        },
      },
    ],
  };
}
