/**
 * Presentation mode in the address, and what a chapter's `view` asks the map to show.
 *
 * A chapter's view is written in the site's own query parameters (`layer=status&programme=…`),
 * so leaving presentation mode hands exactly those parameters to the normal view. Presentation
 * mode reads them with the normal view's own parsers; parameters it does not know are carried
 * along untouched, never an error.
 */
import type { FilterSpecification } from 'maplibre-gl';
import { filterExpression, parseFilters } from '../explore/filters';
import { LANGS } from '../i18n/messages';
import { migrateSearch } from '../lib/url-state';
import { parseLayerOptions, type LayerOptions } from '../map/layers/layer-options';
import { PRESENT_PARAMS, type PresentTheme } from './present-params';

/** The query of `params`, stamped with the site's address format version. */
const text = (params: URLSearchParams) => migrateSearch(params.toString());

/** A chapter's view without presentation-mode parameters (a story must not steer the mode). */
function viewParams(view: string): URLSearchParams {
  const params = new URLSearchParams(view.replace(/^\?/, ''));
  for (const p of PRESENT_PARAMS) params.delete(p);
  return params;
}

/**
 * The query of chapter `chapter` (1-based): the chapter's view, presentation mode, the theme
 * when dark, and the reader's language from `current`. Everything else in `current` belonged
 * to the previous chapter's view and is dropped.
 */
export function presentSearch(current: string, view: string, chapter: number, theme: PresentTheme): string {
  const params = viewParams(view);
  const lang = new URLSearchParams(current).get('lang');
  if (lang && !params.has('lang')) params.set('lang', lang);
  params.set('present', '1');
  params.set('chapter', String(chapter));
  if (theme === 'dark') params.set('theme', 'dark');
  return text(params);
}

/** The query of the normal view after leaving: the chapter's view and the reader's language. */
export function exitSearch(current: string, view: string): string {
  const params = viewParams(view);
  const lang = new URLSearchParams(current).get('lang');
  if (lang && !params.has('lang')) params.set('lang', lang);
  return text(params);
}

/** The query that enters presentation mode from the normal view (at the first chapter), in `lang`. */
export function enterSearch(lang: string | null): string {
  const params = new URLSearchParams();
  if (lang && lang !== LANGS[0]) params.set('lang', lang);
  params.set('present', '1');
  return text(params);
}

/** A camera position as MapLibre's hash writes it. */
export interface HashCamera {
  zoom: number;
  lng: number;
  lat: number;
  bearing: number;
  pitch: number;
}

/**
 * `hash` with its `map=` entry set to `camera`, in MapLibre's own format
 * (`zoom/lat/lng[/bearing[/pitch]]`), keeping any other hash entries.
 */
export function withMapHash(hash: string, camera: HashCamera): string {
  const round = (v: number, digits: number) => Number(v.toFixed(digits));
  let value = `${round(camera.zoom, 2)}/${round(camera.lat, 5)}/${round(camera.lng, 5)}`;
  if (camera.bearing || camera.pitch) value += `/${round(camera.bearing, 1)}`;
  if (camera.pitch) value += `/${Math.round(camera.pitch)}`;
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.set('map', value);
  // MapLibre reads the slashes literally; URLSearchParams would escape them.
  return `#${params.toString().replace(/%2F/g, '/')}`;
}

/** What presentation mode draws for a chapter's view. */
export interface ChapterView {
  /** The layer shown and its options (`?layer=`, `?month=` …; `?hex=1` of the first format means funding). */
  options: LayerOptions;
  /** The view's community filters as a MapLibre filter, or null when it filters nothing. */
  filter: FilterSpecification | null;
}

/**
 * Reads a chapter's view with the normal view's own parsers (layer options, explore filters),
 * so a chapter shows what the same parameters show outside presentation mode. Parameters none
 * of them knows are ignored.
 */
export function parseChapterView(view: string): ChapterView {
  // A story written in an older address format (`hex=1`) reads as its current equivalent.
  const search = migrateSearch(view.replace(/^\?/, ''));
  return { options: parseLayerOptions(search), filter: filterExpression(parseFilters(search)) };
}

/** Two filters that must both hold; either may be absent. */
export function bothFilters(
  a: FilterSpecification | null,
  b: FilterSpecification | null,
): FilterSpecification | null {
  if (!a) return b;
  if (!b) return a;
  return ['all', a, b] as FilterSpecification;
}
