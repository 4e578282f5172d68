/**
 * The exploring state shared by the filter panel, the charts, the map and whatever else reads
 * the filtered communities (search, table view, area statistics): the decoded index, the
 * filters, the mask of matching rows and the summaries, each recomputed only when what it
 * depends on changes. Typed arrays and the index are held raw: reactive proxies around
 * 220,000-row arrays would only cost.
 */
import { tick } from 'svelte';
import { fileUrl, type SiteManifest } from '../lib/manifest';
import type { ExploreTotals } from '../contracts/explore-totals';
import type { ExploreIndex } from './explore-index';
import { loadExploreCore, loadExploreDetails, loadExploreFigures } from './explore-load';
import {
  activeFilterCount,
  countMask,
  EMPTY_FILTERS,
  facetCounts,
  failedDimensions,
  filterExpression,
  isEmptyFilters,
  maskOf,
  maskWithout,
  toggleValue,
  type Facets,
  type Filters,
  type SetDimension,
} from './filters';
import type { ExploreSummary } from './summaries';

/** The performance.measure name of applying a filter, read by `npm run bench:site`. */
export const FILTER_MEASURE = 'explore:filter';

/** Prefix of the performance.measure names of the computations of a filter (failed, mask, summary, facets, charts). */
export const COMPUTE_MEASURE = 'explore:compute:';

/**
 * Runs `compute`, recorded as a performance measure (`COMPUTE_MEASURE` + name) for the
 * benchmark: the state's own computations, and the chart data the charts compute from it.
 */
export function timed<T>(name: string, compute: () => T): T {
  const start = performance.now();
  const result = compute();
  performance.measure(COMPUTE_MEASURE + name, { start });
  return result;
}

/** Loading progress of the index. */
export type ExploreStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Reactive exploring state. Create one per page with `createExploreState`. */
export class ExploreState {
  /** The decoded index; null until loaded (or when the data has none). */
  index = $state.raw<ExploreIndex | null>(null);
  status = $state<ExploreStatus>('idle');
  /** Why loading failed, for the interface. */
  error = $state<string | null>(null);
  /**
   * The details part (ids, names, 社区, positions, H3 cells): 'idle' until something calls
   * `needDetails`, 'ready' once `index.hasDetails`.
   */
  detailsStatus = $state<ExploreStatus>('idle');
  /** Why the details failed to load. */
  detailsError = $state<string | null>(null);
  /**
   * The figures part (funding channels, households, residents, buildings), fetched in the
   * background once the core is in: until 'ready' (`index.hasFigures`) the components showing
   * funding or people figures show them as loading, not as the zeros the index holds meanwhile.
   */
  figuresStatus = $state<ExploreStatus>('idle');
  /** Why the figures failed to load. */
  figuresError = $state<string | null>(null);
  /** The current filters. Replace the whole object to change them (it is not deeply reactive). */
  filters = $state.raw<Filters>(EMPTY_FILTERS);

  /**
   * Per row, the filter dimensions it fails (`failedDimensions`): the mask is made from it and
   * the facet counts read it, so the filters are tested once per row, not twice.
   */
  readonly #failed = $derived.by<Uint16Array | null>(() =>
    this.index ? timed('failed', () => failedDimensions(this.index!, this.filters)) : null,
  );
  /** 1 for each row matching the filters; null before the index is loaded. */
  readonly mask = $derived.by<Uint8Array | null>(() => {
    const failed = this.#failed;
    return failed ? timed('mask', () => maskOf(failed)) : null;
  });
  /** Rows matching the filters. */
  readonly matched = $derived(this.mask ? countMask(this.mask) : 0);
  /**
   * `summarise`, a chunk of its own (the first screen shows no summary: unfiltered, the header's
   * totals come with the core, see `figureTotals`); null until `summariesReady` has loaded it.
   */
  #summarise = $state.raw<typeof import('./summaries').summarise | null>(null);
  #summariesLoad: Promise<void> | null = null;

  /** Loads `summarise` once; the summary is null until it is in. */
  summariesReady(): Promise<void> {
    return (this.#summariesLoad ??= import('./summaries').then((m) => {
      this.#summarise = m.summarise;
    }));
  }

  /** Totals, stages, funding, progress and items of the matching rows; null until `summarise` is loaded. */
  readonly summary = $derived.by<ExploreSummary | null>(() => {
    const { index, mask } = this;
    const summarise = this.#summarise;
    if (!index || !mask || !summarise) return null;
    const unfiltered = this.#unfilteredOf(index);
    if (unfiltered?.summary) return unfiltered.summary;
    const summary = timed('summary', () => summarise(index, mask));
    if (unfiltered) unfiltered.summary = summary;
    return summary;
  });
  /**
   * Households, residents and funding of the matching rows for the counts to show. Unfiltered,
   * the core's header's (summed as `summarise` sums them), so the first screen needs neither the
   * figures part nor `summarise`; under a filter the summary's once the figures part is in, else
   * null (show them as loading, not as zeros).
   */
  readonly figureTotals = $derived.by<ExploreTotals | null>(() => {
    const index = this.index;
    if (!index) return null;
    if (!this.active) return index.totals;
    return index.hasFigures ? (this.summary?.totals ?? null) : null;
  });
  /** Counts per option of each filter, under the other filters. */
  readonly facets = $derived.by<Facets | null>(() => {
    const { index, filters } = this;
    if (!index) return null;
    this.#facetsShown = true;
    const unfiltered = this.#unfilteredOf(index);
    if (unfiltered?.facets) return unfiltered.facets;
    const failed = this.#failed;
    const facets = timed('facets', () => facetCounts(index, filters, failed ?? undefined));
    if (unfiltered) unfiltered.facets = facets;
    return facets;
  });
  /** The filters as a MapLibre filter on the community tiles; null when nothing is filtered. */
  readonly expression = $derived(filterExpression(this.filters));
  /** Whether any filter is set. */
  readonly active = $derived(!isEmptyFilters(this.filters));

  constructor(initial: Filters = EMPTY_FILTERS) {
    this.filters = initial;
  }

  /**
   * The summary and facets of every row, kept for the index they were computed from: readers
   * come back to everything often (clearing the filters, unticking the last box), and over
   * 220,000 rows computing them again took 20–80 ms. Plain, not reactive: only the deriveds
   * above read and fill it, and a new index (its figures or details arriving) starts it afresh.
   */
  #unfiltered: { index: ExploreIndex; summary?: ExploreSummary; facets?: Facets } | null = null;

  /** The unfiltered cache for `index`, or null while a filter is set. */
  #unfilteredOf(index: ExploreIndex): { summary?: ExploreSummary; facets?: Facets } | null {
    if (this.active) return null;
    if (this.#unfiltered?.index !== index) this.#unfiltered = { index };
    return this.#unfiltered;
  }

  /** Whether anything has read the facets (the filter panel has been open): `#apply` computes them ahead then. */
  #facetsShown = false;

  #core: Promise<void> | null = null;
  #details: Promise<void> | null = null;
  #figures: Promise<void> | null = null;
  #detailsUrl: string | null = null;
  /** Settles a `needDetails` call made before `load`, once load has started the details. */
  #early: { promise: Promise<void>; resolve: () => void } | null = null;

  /**
   * Fetches the core part of the index the manifest names (filters, counts, charts), once; the
   * details wait for `needDetails`. Data built before the binary index names none: that is reported as
   * an error rather than fetched and logged as a missing file.
   */
  load(manifest: SiteManifest): Promise<void> {
    // Once per page: an embed calls this when what it shows first needs the index.
    if (this.#core) return this.#core;
    if (!manifest.explore) {
      this.error =
        'the manifest names no explore index (explore-core.bin): rebuild the data with `npm run build:data`';
      this.status = 'error';
      this.#early?.resolve();
      return Promise.resolve();
    }
    const { parts } = manifest.explore;
    this.#detailsUrl = fileUrl(manifest, parts.details);
    this.status = 'loading';
    void this.summariesReady();
    this.#core = loadExploreCore(fileUrl(manifest, parts.core)).then(
      (index) => {
        this.index = index;
        this.status = 'ready';
      },
      (e: unknown) => {
        this.error = e instanceof Error ? e.message : String(e);
        this.status = 'error';
      },
    );
    this.#figures = this.#loadFigures(this.#core, fileUrl(manifest, parts.figures));
    if (this.#early) void this.needDetails().then(this.#early.resolve);
    return this.#core;
  }

  /** Fetches the figures part once the core is in (not before: the core is what makes the page interactive). */
  async #loadFigures(core: Promise<void>, url: string): Promise<void> {
    await core;
    const index = this.index;
    if (!index) return;
    this.figuresStatus = 'loading';
    try {
      const figures = await loadExploreFigures(url, index.count);
      this.index = (this.index ?? index).withFigures(figures);
      this.figuresStatus = 'ready';
    } catch (e) {
      this.figuresError = e instanceof Error ? e.message : String(e);
      this.figuresStatus = 'error';
    }
  }

  /**
   * Loads the details part once, the first time search, the table, a panel, the area tool or
   * the re-aggregated map asks; later calls return the same promise. Resolves when
   * `index.hasDetails` (or `detailsStatus` is 'error'), after the figures part has settled.
   */
  needDetails(): Promise<void> {
    if (this.#details) return this.#details;
    const core = this.#core;
    const url = this.#detailsUrl;
    if (!core || !url) {
      // Asked before `load` (the page opened on the table, or on a community): load starts them.
      if (!this.#early) {
        let resolve = () => {};
        const promise = new Promise<void>((r) => (resolve = r));
        this.#early = { promise, resolve };
      }
      return this.#early.promise;
    }
    this.detailsStatus = 'loading';
    // After the figures: what needs the details (table, panels, area tool, search) shows
    // households and funding too, so it starts from a complete index.
    const figures = this.#figures ?? core;
    this.#details = figures.then(async () => {
      const index = this.index;
      if (!index) {
        this.detailsStatus = 'error';
        this.detailsError = this.error;
        return;
      }
      try {
        const details = await loadExploreDetails(url, index.count);
        // The core may have been replaced meanwhile (it is not, today); attach to the current one.
        this.index = (this.index ?? index).withDetails(details);
        this.detailsStatus = 'ready';
      } catch (e) {
        this.detailsError = e instanceof Error ? e.message : String(e);
        this.detailsStatus = 'error';
      }
    });
    return this.#details;
  }

  /**
   * Rows matching every filter but those on `dimension` (what a chart of that dimension counts,
   * so a bar shows what toggling it would give): the mask itself when that dimension filters
   * nothing; every row, as one array per index, when only it filters; else one pass over the
   * failed dimensions the mask was made from.
   */
  maskWithout(dimension: keyof Filters): Uint8Array | null {
    const failed = this.#failed;
    const index = this.index;
    if (!failed || !index) return null;
    const own = activeFilterCount({ ...EMPTY_FILTERS, [dimension]: this.filters[dimension] } as Filters);
    if (own === 0) return this.mask;
    if (activeFilterCount(this.filters) === own) {
      if (this.#everyRow?.index !== index)
        this.#everyRow = { index, mask: new Uint8Array(index.count).fill(1) };
      return this.#everyRow.mask;
    }
    return timed('charts', () => maskWithout(failed, dimension));
  }

  /** `maskWithout`'s every-row mask, for the index it was made for. */
  #everyRow: { index: ExploreIndex; mask: Uint8Array } | null = null;

  /**
   * The summary of a chart's `mask` when there is one already: the page's own rows', or every
   * row's once computed (a chart of the only dimension filtered counts every row).
   */
  summaryOf(mask: Uint8Array | null): ExploreSummary | null {
    if (!mask) return null;
    if (mask === this.mask) return this.summary;
    const unfiltered = this.#unfiltered;
    if (mask === this.#everyRow?.mask && unfiltered?.index === this.index) return unfiltered.summary ?? null;
    return null;
  }

  /** Replaces the filters. */
  set(filters: Filters): void {
    this.#apply(filters);
  }

  /** Ticks or unticks one value of a set dimension or the items. */
  toggle(dimension: SetDimension | 'items', value: string): void {
    this.#apply(toggleValue(this.filters, dimension, value));
  }

  /** Clears every filter. */
  clear(): void {
    this.#apply(EMPTY_FILTERS);
  }

  /**
   * Sets the filters and measures (`FILTER_MEASURE`) until the page has recomputed what shows
   * them: the mask, counts, facets and chart data the visible components read, and their DOM.
   * The map draws later, in its own frame, and is not counted.
   */
  #apply(filters: Filters): void {
    const start = performance.now();
    this.filters = filters;
    if (!this.index) return;
    // What the page shows is computed now, before Svelte's effects run: one of them sets the
    // map's filter, and the redraw that starts (MapLibre re-parsing tiles in its workers,
    // drawing, on SwiftShader on the CPU) would otherwise share the cores with this computation.
    // The map's filter then waits for the computation alone, a few ms; the measures stay the
    // computations' own.
    void this.summary;
    if (this.#facetsShown) void this.facets;
    void tick().then(() => performance.measure(FILTER_MEASURE, { start }));
  }
}

/** A new exploring state starting from `initial` filters (e.g. `parseFilters(location.search)`). */
export function createExploreState(initial: Filters = EMPTY_FILTERS): ExploreState {
  return new ExploreState(initial);
}
