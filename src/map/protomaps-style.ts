/**
 * The offline vector basemap's style: the Protomaps basemap style (@protomaps/basemaps, for
 * extracts in the Protomaps basemap schema) rewritten so that it fetches nothing but the
 * extract itself, from the site's own origin:
 *
 * - every `text-font` becomes `MAP_FONT_STACK` and the style keeps no `glyphs` URL, so MapLibre
 *   draws the labels with the computer's own CJK fonts (see basemap-style.ts); the fonts the
 *   package names ("Noto Sans Regular") exist only as glyph PBFs on Protomaps' server;
 * - nothing needs a sprite: icons are stripped, and layers that are only icons, or text that
 *   only reads on its icon (road-number shields), are dropped;
 * - labels are Simplified Chinese (`zh-Hans`, the package's Han-script language: `name:zh-Hans`,
 *   else the local `name`).
 *
 * Loaded lazily (BasemapPicker), so a site without a vector basemap does not ship the package.
 */
import { layers, namedFlavor } from '@protomaps/basemaps';
import type { LayerSpecification, VectorSourceSpecification } from 'maplibre-gl';
import type { BasemapDefinition, MapTheme } from '../contracts/basemaps';
import { MAP_FONT_STACK } from './basemap-style';
import { pmtilesUrl } from './pmtiles-protocol';

/**
 * Language of the labels. `zh-Hans` rather than `zh`: the package knows Chinese only as
 * zh-Hans / zh-Hant with the Han script; with plain `zh` it takes Chinese names for a foreign
 * script and writes each name twice (`name:zh` over `name`).
 */
export const LABEL_LANGUAGE = 'zh-Hans';

/** Prefix of the vector basemap's source and layer ids. */
export const VECTOR_PREFIX = 'basemap-vector-';

/** Layers that mean nothing without their sprite icon: oneway arrows, and road numbers written on a shield. */
const ICON_ONLY_LAYERS = new Set(['roads_oneway', 'roads_shields']);

/** What applyBasemap needs to show a vector basemap. */
export interface VectorBasemapStyle {
  sourceId: string;
  source: VectorSourceSpecification;
  /** Bottom first, ids prefixed with `sourceId`. */
  layers: LayerSpecification[];
  /**
   * Colours for the offline sea and land under the extract, so that beyond the extract's
   * tiles the coarse world reads as the same map rather than as a paper-coloured hole.
   */
  ground: { sea: string; land: string };
}

/** Id of a vector basemap's source. */
export function vectorSourceId(basemapId: string): string {
  return `${VECTOR_PREFIX}${basemapId}`;
}

type Json = unknown;

/** A `format` expression's per-section font overrides removed: every section takes the layer's font. */
function withoutSectionFonts(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutSectionFonts);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, Json> = {};
    for (const [key, v] of Object.entries(value)) if (key !== 'text-font') out[key] = withoutSectionFonts(v);
    return out;
  }
  return value;
}

const withoutIcons = (props: Record<string, Json> | undefined) =>
  props && Object.fromEntries(Object.entries(props).filter(([key]) => !key.startsWith('icon-')));

/**
 * One layer of the package's style made local: icons stripped, fonts replaced. Null for a
 * layer the basemap drops (the package's background: the offline sea stays the background).
 */
export function localLayer(layer: LayerSpecification): LayerSpecification | null {
  if (layer.type === 'background' || ICON_ONLY_LAYERS.has(layer.id)) return null;
  if (layer.type !== 'symbol') return layer;
  const layout = withoutIcons(layer.layout as Record<string, Json> | undefined) ?? {};
  if (layout['text-field'] === undefined) return null;
  layout['text-field'] = withoutSectionFonts(layout['text-field']);
  layout['text-font'] = [...MAP_FONT_STACK];
  const paint = withoutIcons(layer.paint as Record<string, Json> | undefined);
  return { ...layer, layout, ...(paint ? { paint } : {}) } as LayerSpecification;
}

/**
 * The style of a `pmtiles` basemap drawn in `theme`'s flavor, its archive read through the
 * `pmtiles://` protocol from `base` (the page's base URL: MapLibre's workers would resolve a
 * relative URL against their own script).
 */
export function vectorBasemapStyle(
  basemap: BasemapDefinition,
  theme: MapTheme,
  base: string,
): VectorBasemapStyle {
  if (!basemap.vector) throw new Error(`basemap ${basemap.id} is not a vector basemap`);
  const sourceId = vectorSourceId(basemap.id);
  const flavor = namedFlavor(theme);
  const styled = layers(sourceId, flavor, { lang: LABEL_LANGUAGE }) as LayerSpecification[];
  return {
    sourceId,
    source: {
      type: 'vector',
      url: pmtilesUrl(new URL(basemap.vector.path, base).href),
      ...(basemap.attribution ? { attribution: basemap.attribution } : {}),
    },
    layers: styled.flatMap((layer) => {
      const local = localLayer(layer);
      return local ? [{ ...local, id: `${sourceId}-${layer.id}` } as LayerSpecification] : [];
    }),
    ground: { sea: flavor.water, land: flavor.earth },
  };
}
