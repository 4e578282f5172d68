/**
 * Which resolution of the H3 funding aggregates a map zoom shows. Apart from aggregates.ts,
 * which loads them with the funding layer: the page re-aggregates filtered funding by it from
 * the start (App.svelte).
 */

/**
 * Resolution to show at a map zoom: the finest whose hexagons are still at least ~10 px
 * across. A hexagon is about two edges wide (edges: r5 9.9 km, r7 1.4 km, r8 0.53 km) and a
 * pixel at latitude 30° is about 136 km / 2^zoom, so r5 is 37 px at zoom 8, r7 is 11-42 px at
 * zoom 9-11, r8 is 16 px at zoom 11. Zoomed further out, r5 cells shrink to dots: a national
 * view shows where the money is, not how much.
 */
export function resolutionForZoom(zoom: number, available: readonly number[]): number | null {
  if (!available.length) return null;
  const wanted = zoom < 9 ? 5 : zoom < 11 ? 7 : 8;
  // The nearest resolution the build wrote, preferring the coarser one on a tie.
  return [...available].sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || a - b)[0]!;
}
