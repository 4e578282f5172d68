/**
 * Loading the H3 funding aggregates (`data/aggregates/h3-r{res}.json`, whose shape is
 * src/contracts/h3-cells.ts). Loaded only when the funding-density layer is switched on,
 * one resolution at a time, and cached. Which resolution a zoom shows is
 * aggregate-resolution.ts, which the page reads from the start.
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
