/**
 * The basemaps configured at build time, provided by scripts/vite/atlas-config.ts. Only
 * src/map/basemap-config.ts imports this, so everything else stays testable without Vite.
 * (An ambient module cannot import the definitions' type by a relative path; basemap-config.ts
 * gives the list its type, which resolveAtlasConfig guarantees on the build side.)
 */
declare module 'virtual:atlas-basemaps' {
  /** Configured basemaps in picker order, the offline one among them (BasemapDefinition[]). */
  export const BASEMAPS: readonly unknown[];
  /** Id of the basemap shown when the address names none. */
  export const DEFAULT_BASEMAP: string;
  /** True only in builds for `npm run bench:site`: the map is exposed to the benchmark. */
  export const BENCH_HOOKS: boolean;
}
