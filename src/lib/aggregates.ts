/**
 * Loading the H3 funding aggregates (`data/aggregates/h3-r{res}.json`, whose shape is
 * src/contracts/h3-cells.ts). Loaded only when the funding-density layer is switched on,
 * one resolution at a time, and cached.
 */
import { isH3Cell, type H3Cell } from '../contracts/h3-cells';
import { fetchChecked } from './data-integrity';
import { fileUrl, type SiteManifest } from './manifest';

/** The site's view of a cell (src/contracts/h3-cells.ts); FundingHexLayer.svelte imports it from here. */
export type { H3Cell } from '../contracts/h3-cells';

/** One resolution's cells. */
export interface H3Aggregate {
  resolution: number;
  cells: H3Cell[];
}

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

const cache = new Map<string, Promise<H3Aggregate>>();

/** Fetches one resolution's cells (once per URL); rejects with the URL and the reason. */
export function loadAggregate(manifest: SiteManifest, resolution: number): Promise<H3Aggregate> {
  const file = manifest.aggregates?.files[String(resolution)];
  if (!file) return Promise.reject(new Error(`manifest lists no H3 aggregate at resolution ${resolution}`));
  const url = fileUrl(manifest, file);
  let pending = cache.get(url);
  if (!pending) {
    // Checked against the manifest's file list: another build's cells would be drawn as this one's.
    pending = fetchChecked(url).then(async (response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const json = (await response.json()) as { resolution?: unknown; cells?: unknown };
      if (!Array.isArray(json.cells)) throw new Error(`${url}: no cells array`);
      return { resolution, cells: json.cells.filter(isH3Cell) };
    });
    // A failed download may succeed later (flaky network): do not cache the failure.
    pending.catch(() => cache.delete(url));
    cache.set(url, pending);
  }
  return pending;
}
