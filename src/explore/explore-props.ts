/** The props the explore drawer's parts share: the filter panel and the charts. */
import type { ProgrammeSummary } from '../lib/manifest';
import type { ExploreState } from './explore-state.svelte';

/** What the filter panel and the chart grid receive from the drawer. */
export interface ExplorePanelProps {
  /** The drawer's state: the index, the filters and the facets. */
  explore: ExploreState;
  /** Programme names, from the manifest. */
  programmes: readonly ProgrammeSummary[];
}

/** What a one-filter chart of the explore drawer receives from `Charts.svelte`. */
export interface FilterChartProps {
  /** The drawer's state: the index to count from and the filters a bar toggles. */
  explore: ExploreState;
  /** Rows matching every filter but the chart's own, so a bar shows what toggling it would give. */
  mask: Uint8Array | null;
  /** The chart's width in CSS pixels. */
  width: number;
}
