import type { ExploreIndex } from '../explore/explore-index';

/** What the page hands the area tool: AreaTool's props, passed on whole to its AreaSession. */
export interface AreaToolProps {
  /** The communities; null while loading (the tool can draw but not count). */
  index: ExploreIndex | null;
  /** Rows the active filters keep; null when nothing is filtered. */
  mask?: ArrayLike<number> | null;
  /** The filters as a query string, recorded in the GeoJSON download. */
  filtersQuery?: string;
  /** True while map clicks belong to the tool (the page then does not open community panels). */
  capturing?: boolean;
}
