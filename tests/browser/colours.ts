/**
 * Colour arithmetic of the pixel and legend checks: the site's scales are `#rrggbb`, the
 * browser reports `rgb(r, g, b)`, and translucent layers are seen blended over the land.
 */

/** `#rrggbb` as `[r, g, b]`. */
export const hexRgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** `[r, g, b]` (rounded) as `#rrggbb`. */
export const toHex = (rgb: number[]): string =>
  `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** `#rrggbb` as the browser's computed style writes it. */
export const cssRgb = (hex: string): string => `rgb(${hexRgb(hex).join(', ')})`;

/** A colour drawn at `opacity` over `under`. */
export const blend = (hex: string, opacity: number, under: string): string =>
  toHex(hexRgb(hex).map((v, i) => opacity * v + (1 - opacity) * hexRgb(under)[i]!));
