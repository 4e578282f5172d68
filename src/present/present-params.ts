/**
 * Whether the address asks for presentation mode, and with which chapter and theme. Apart from
 * chapter-view.ts, which writes those addresses and reads chapters' views: the page's entry
 * (main.ts) reads this on every load, the rest only presentation mode and its button need.
 */

/** Parameters that belong to presentation mode and are dropped when leaving it. */
export const PRESENT_PARAMS = ['present', 'chapter', 'theme'] as const;

/** Colour scheme of presentation mode. */
export type PresentTheme = 'light' | 'dark';

/** What the address says about presentation mode. */
export interface PresentParams {
  present: boolean;
  /** 1-based chapter number from `?chapter=N`, or null when absent or not a positive integer. */
  chapter: number | null;
  theme: PresentTheme;
}

const truthy = (v: string | null) => v === '1' || v === 'true';

/** Reads `?present=1&chapter=N&theme=dark`. */
export function parsePresentParams(search: string): PresentParams {
  const params = new URLSearchParams(search);
  const chapter = params.get('chapter');
  const n = chapter !== null && /^\d+$/.test(chapter) ? Number(chapter) : NaN;
  return {
    present: truthy(params.get('present')),
    chapter: Number.isInteger(n) && n >= 1 ? n : null,
    theme: params.get('theme') === 'dark' ? 'dark' : 'light',
  };
}

/** True when the address asks for presentation mode. */
export const isPresentSearch = (search: string): boolean => parsePresentParams(search).present;
