/**
 * The build-time data location, defined by scripts/vite/data-url.ts (`data_url` in
 * atlas.config.json, or ATLAS_DATA_URL); undefined when the data sits beside the page.
 */
interface ImportMetaEnv {
  /** Absolute http(s) URL of the folder holding manifest.json, ending in `/`. */
  readonly ATLAS_DATA_URL?: string;
}
