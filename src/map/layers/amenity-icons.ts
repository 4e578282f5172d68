/**
 * Amenity symbols drawn in code: a filled shape with a white outline, one shape per life
 * circle. Drawing them here instead of loading a sprite sheet keeps the site free of image
 * requests and lets the legend draw the very same shapes (as SVG, from `shapePath`).
 */
import { AMENITY_SHAPES, hexToRgb } from '../../style/view-scales';
import type { LifeCircleKey } from '../../domain/vocabulary';

/** A shape in a unit box [0, 1]², as a closed polygon. */
export type Shape = 'square' | 'diamond' | 'triangle';

const POLYGONS: Readonly<Record<Shape, readonly (readonly [number, number])[]>> = {
  square: [
    [0.18, 0.18],
    [0.82, 0.18],
    [0.82, 0.82],
    [0.18, 0.82],
  ],
  diamond: [
    [0.5, 0.06],
    [0.94, 0.5],
    [0.5, 0.94],
    [0.06, 0.5],
  ],
  triangle: [
    [0.5, 0.08],
    [0.95, 0.88],
    [0.05, 0.88],
  ],
};

/** SVG path data of a shape scaled to a `size`-pixel box, for the legend. */
export function shapePath(shape: Shape, size: number): string {
  return (
    POLYGONS[shape]
      .map(([x, y], i) => `${i ? 'L' : 'M'}${(x * size).toFixed(2)} ${(y * size).toFixed(2)}`)
      .join(' ') + ' Z'
  );
}

function inside(polygon: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** Shrinks a convex polygon towards its centroid by `by` (unit box), for the outline. */
function inset(polygon: readonly (readonly [number, number])[], by: number): [number, number][] {
  const cx = polygon.reduce((s, p) => s + p[0], 0) / polygon.length;
  const cy = polygon.reduce((s, p) => s + p[1], 0) / polygon.length;
  return polygon.map(([x, y]) => {
    const d = Math.hypot(x - cx, y - cy) || 1;
    return [x - ((x - cx) / d) * by, y - ((y - cy) / d) * by];
  });
}

/** RGBA pixels of one icon, in the `{ width, height, data }` form `map.addImage` takes. */
export interface IconImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Rasterises a shape: `color` fill inside a white outline, anti-aliased by 4×4 supersampling.
 * `size` is in CSS pixels; pass `pixelRatio` and register the image with the same ratio.
 */
export function drawIcon(shape: Shape, color: string, size = 12, pixelRatio = 2): IconImage {
  const px = Math.round(size * pixelRatio);
  const outer = POLYGONS[shape];
  const inner = inset(outer, 0.16);
  const [r, g, b] = hexToRgb(color);
  const data = new Uint8Array(px * px * 4);
  const samples = 4;
  for (let y = 0; y < px; y++) {
    for (let x = 0; x < px; x++) {
      let fill = 0;
      let edge = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const ux = (x + (sx + 0.5) / samples) / px;
          const uy = (y + (sy + 0.5) / samples) / px;
          if (inside(inner, ux, uy)) fill++;
          else if (inside(outer, ux, uy)) edge++;
        }
      }
      const n = samples * samples;
      const alpha = (fill + edge) / n;
      if (!alpha) continue;
      const f = fill / (fill + edge);
      const o = (y * px + x) * 4;
      data[o] = Math.round(r * f + 255 * (1 - f));
      data[o + 1] = Math.round(g * f + 255 * (1 - f));
      data[o + 2] = Math.round(b * f + 255 * (1 - f));
      data[o + 3] = Math.round(alpha * 255);
    }
  }
  return { width: px, height: px, data };
}

/** The icon of each life circle's amenities, drawn from the shared legend scale. */
export function amenityIcons(pixelRatio = 2): { circle: LifeCircleKey; image: IconImage }[] {
  return (Object.keys(AMENITY_SHAPES) as LifeCircleKey[]).map((circle) => ({
    circle,
    image: drawIcon(AMENITY_SHAPES[circle].shape, AMENITY_SHAPES[circle].color, 12, pixelRatio),
  }));
}
