/**
 * What the page address remembers, so a view can be shared as a link: the language and which
 * optional layers are on. The map position lives in the hash (`#map=zoom/lat/lng`), kept by
 * MapLibre itself. Unknown query parameters are preserved, so other features can add their
 * own without this module knowing them. The shown map layer and its options are read and
 * written by src/map/layers/layer-options.ts. This module only reads and writes query strings;
 * ./address.ts is what puts one into the address.
 *
 * Links must keep working when the format changes: an address carries its format version
 * (`v`), and `migrateSearch` rewrites an older address into the current format before anything
 * reads it. Version 1 (no `v`) had `?hex=1` for the funding hexagons; version 2 has
 * `?layer=funding`.
 */
import { LANGS, type Lang } from '../i18n/messages';
import { BASEMAP_ID_PATTERN } from '../contracts/basemaps';

/** The state read from and written to the query string. */
export interface UrlState {
  /** Interface language; `?lang=en`. Default: the first of LANGS (Chinese). */
  lang: Lang;
  /**
   * Basemap id; `?basemap=osm`. Absent when the address names none (the configured default).
   * Serialising `null` removes the parameter; leaving the key out keeps whatever is there.
   */
  basemap?: string | null;
  /**
   * Id of the community whose panel is open; `?community=CS-N01`. Like `basemap`: `null`
   * removes it, leaving the key out keeps whatever is there.
   */
  community?: string | null;
}

/** Longest community id the address accepts; ids are ledger codes, never paragraphs. */
const MAX_COMMUNITY_ID = 200;

/** The state of an address without parameters. */
export const DEFAULT_URL_STATE: Readonly<UrlState> = { lang: LANGS[0] };

/** The address format this site writes (`?v=2`). */
export const URL_FORMAT_VERSION = 2;

/** Format version of a query string: `v`, or 1 for addresses written before `v` existed. */
export function urlFormatVersion(search: string): number {
  const v = Number(new URLSearchParams(search).get('v'));
  return Number.isInteger(v) && v > 0 ? v : 1;
}

/**
 * Rewrites a query string of an older format into the current one, so old links keep opening
 * what they showed. Version 1 → 2: `hex=1` (funding hexagons over the status map) becomes
 * `layer=funding`. Parameters it does not know are kept. Returns `''` or `?…`.
 */
export function migrateSearch(search: string): string {
  const params = new URLSearchParams(search);
  if (urlFormatVersion(search) < 2) {
    const hex = params.get('hex');
    params.delete('hex');
    if ((hex === '1' || hex === 'true') && !params.has('layer')) params.set('layer', 'funding');
  }
  return versioned(params);
}

/** Sets `v` to the current version when there is anything else to version, drops it otherwise. */
function versioned(params: URLSearchParams): string {
  params.delete('v');
  if ([...params.keys()].length) params.set('v', String(URL_FORMAT_VERSION));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const isLang = (value: string | null): value is Lang => (LANGS as readonly (string | null)[]).includes(value);

/** Reads the state from a query string (`location.search`); invalid values fall back to defaults. */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const lang = params.get('lang');
  const basemap = params.get('basemap');
  const community = params.get('community')?.trim();
  return {
    lang: isLang(lang) ? lang : DEFAULT_URL_STATE.lang,
    ...(basemap && BASEMAP_ID_PATTERN.test(basemap) ? { basemap } : {}),
    ...(community && community.length <= MAX_COMMUNITY_ID ? { community } : {}),
  };
}

/**
 * Writes the state into a query string, keeping parameters it does not own, and stamps the
 * format version. Defaults are left out, so the plain address stays plain. Returns `''` or a
 * string starting with `?`. Call it last, after other modules have written their parameters.
 */
export function serialiseUrlState(state: UrlState, search = ''): string {
  const params = new URLSearchParams(search);
  if (state.lang === DEFAULT_URL_STATE.lang) params.delete('lang');
  else params.set('lang', state.lang);
  if (state.basemap) params.set('basemap', state.basemap);
  else if (state.basemap === null) params.delete('basemap');
  if (state.community) params.set('community', state.community);
  else if (state.community === null) params.delete('community');
  return versioned(params);
}
