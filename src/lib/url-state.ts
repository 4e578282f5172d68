/**
 * What the page address remembers, so a view can be shared as a link: the language and which
 * optional layers are on. The map position lives in the hash (`#map=zoom/lat/lng`), kept by
 * MapLibre itself. Unknown query parameters are preserved, so other features can add their
 * own without this module knowing them.
 */
import { LANGS, type Lang } from '../i18n/messages';

/** The state read from and written to the query string. */
export interface UrlState {
  /** Interface language; `?lang=en`. Default: the first of LANGS (Chinese). */
  lang: Lang;
  /** Funding-density hexagons on; `?hex=1`. Default off: they cost a download. */
  hex: boolean;
}

/** The state of an address without parameters. */
export const DEFAULT_URL_STATE: Readonly<UrlState> = { lang: LANGS[0], hex: false };

const isLang = (value: string | null): value is Lang => (LANGS as readonly (string | null)[]).includes(value);

/** Reads the state from a query string (`location.search`); invalid values fall back to defaults. */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const lang = params.get('lang');
  const hex = params.get('hex');
  return {
    lang: isLang(lang) ? lang : DEFAULT_URL_STATE.lang,
    hex: hex === '1' || hex === 'true',
  };
}

/**
 * Writes the state into a query string, keeping parameters it does not own. Defaults are left
 * out, so the plain address stays plain. Returns `''` or a string starting with `?`.
 */
export function serialiseUrlState(state: UrlState, search = ''): string {
  const params = new URLSearchParams(search);
  if (state.lang === DEFAULT_URL_STATE.lang) params.delete('lang');
  else params.set('lang', state.lang);
  if (state.hex) params.set('hex', '1');
  else params.delete('hex');
  const text = params.toString();
  return text ? `?${text}` : '';
}
