/**
 * The build's basemap configuration (atlas.config.json, see scripts/vite/atlas-config.ts).
 * The one module that imports the virtual module; the logic that uses it takes it as arguments.
 */
import { BASEMAPS, BENCH_HOOKS, DEFAULT_BASEMAP } from 'virtual:atlas-basemaps';
import type { BasemapDefinition } from '../contracts/basemaps';

/** Configured basemaps in picker order (at least the offline one). */
export const CONFIGURED_BASEMAPS = BASEMAPS as readonly BasemapDefinition[];

/** Id of the basemap shown when `?basemap=` names none. */
export const DEFAULT_BASEMAP_ID: string = DEFAULT_BASEMAP;

/** Whether this build exposes the map to `npm run bench:site`. */
export const EXPOSE_MAP_FOR_BENCH: boolean = BENCH_HOOKS;
