import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { encodeExploreParts } from '../contracts/explore-binary-write';
import { buildExploreIndex } from '../contracts/explore-encode';
import { aggregateH3 } from '../domain/h3-aggregates';
import { indexOfParts } from './explore-index-of-file';
import { parseManifest } from '../lib/manifest';
import { createExploreState } from './explore-state.svelte';
import { countMask, EMPTY_FILTERS, filterExpression, matchMask } from './filters';
import { summarise } from './summaries';
import { exploreIndexOf, recordsArb } from './test-records';

const records = fc.sample(recordsArb({ minLength: 30, maxLength: 30 }), { numRuns: 1, seed: 7 })[0]!;

describe('ExploreState', () => {
  it('recomputes the mask, counts, summaries and map filter when the filters change', async () => {
    const state = createExploreState({ ...EMPTY_FILTERS, stage: ['completed'] });
    expect(state.mask).toBeNull();
    const index = exploreIndexOf(records);
    state.index = index;
    // summarise is a chunk of its own: no summary until it is loaded.
    expect(state.summary).toBeNull();
    await state.summariesReady();
    expect([...state.mask!]).toEqual([...matchMask(index, state.filters)]);
    expect(state.active).toBe(true);

    state.toggle('stage', 'design');
    expect(state.filters.stage).toEqual(['completed', 'design']);
    const mask = matchMask(index, state.filters);
    expect(state.matched).toBe(countMask(mask));
    expect(state.summary).toEqual(summarise(index, mask));
    expect(state.expression).toEqual(filterExpression(state.filters));
    expect(state.facets?.matched).toBe(countMask(mask));

    state.clear();
    expect(state.active).toBe(false);
    expect(state.matched).toBe(records.length);
    expect(state.expression).toBeNull();
  });

  it('gives each chart the rows matching every filter but its own, and the mask itself when its own is open', () => {
    const state = createExploreState({
      ...EMPTY_FILTERS,
      stage: ['completed', 'design'],
      items: ['elevator_added'],
    });
    const index = exploreIndexOf(records);
    state.index = index;
    expect(state.maskWithout('stage')).toEqual(matchMask(index, { ...state.filters, stage: [] }));
    expect(state.maskWithout('items')).toEqual(matchMask(index, { ...state.filters, items: [] }));
    // (The same object on the page, where effects keep the mask; read here outside any effect,
    // Svelte recomputes it per read, so only the rows are compared.)
    expect(state.maskWithout('city')).toEqual(state.mask);
    // The facet counts under the other filters are what the chart's mask lets through.
    const code = index.text.stage.codeOf.get('design');
    if (code !== undefined) {
      const without = state.maskWithout('stage')!;
      let n = 0;
      for (let i = 0; i < index.count; i++) if (without[i] && index.text.stage.codes[i] === code) n++;
      expect(state.facets?.text.stage[code]).toBe(n);
    }
  });

  it('computes the unfiltered summary and facets once per index, and afresh for a new index', async () => {
    const index = exploreIndexOf(records);
    const state = createExploreState();
    state.index = index;
    await state.summariesReady();
    const all = new Uint8Array(index.count).fill(1);
    const first = { summary: state.summary, facets: state.facets };
    expect(first.summary).toEqual(summarise(index, all));
    expect(first.facets?.matched).toBe(records.length);

    state.toggle('stage', 'completed');
    expect(state.summary).not.toBe(first.summary);
    expect(state.summary).toEqual(summarise(index, matchMask(index, state.filters)));
    state.toggle('stage', 'completed');
    // Back to every row: the same results, not computed again.
    expect(state.active).toBe(false);
    expect(state.summary).toBe(first.summary);
    expect(state.facets).toBe(first.facets);

    // A new index (its figures arriving) is summarised anew, never answered from the old one.
    const again = exploreIndexOf(records.slice(0, 20));
    state.index = again;
    expect(state.summary).not.toBe(first.summary);
    expect(state.summary).toEqual(summarise(again, new Uint8Array(20).fill(1)));
    expect(state.facets?.matched).toBe(20);
  });

  it('gives the chart of the only dimension filtered every row, answered from the unfiltered summary', async () => {
    const index = exploreIndexOf(records);
    const state = createExploreState();
    state.index = index;
    await state.summariesReady();
    const unfiltered = state.summary;
    state.toggle('stage', 'completed');
    const every = state.maskWithout('stage')!;
    expect([...every]).toEqual(new Array(index.count).fill(1));
    expect(state.maskWithout('stage')).toBe(every);
    expect(state.summaryOf(every)).toBe(unfiltered);
    // A second dimension: the stage chart counts the rows under it, which nothing has summarised.
    state.toggle('items', 'elevator_added');
    const underItems = state.maskWithout('stage')!;
    expect(underItems).toEqual(matchMask(index, { ...state.filters, stage: [] }));
    expect(state.summaryOf(underItems)).toBeNull();
    // A new index (its figures arriving) is never answered from the old one's summary.
    state.toggle('items', 'elevator_added');
    state.index = exploreIndexOf(records.slice(0, 10));
    expect(state.summaryOf(state.maskWithout('stage'))).toBeNull();
  });

  it('shows the header totals unfiltered (figures or not), nothing under a filter until the figures and summarise are in, then the filtered sums', async () => {
    const full = exploreIndexOf(records);
    const parts = encodeExploreParts(buildExploreIndex(records, undefined, aggregateH3(records, [7])));
    const state = createExploreState();
    state.index = indexOfParts(parts.core.buffer as ArrayBuffer);
    const { count: _, ...all } = summarise(full, new Uint8Array(full.count).fill(1)).totals;
    expect(state.figureTotals).toEqual(all);
    state.toggle('stage', 'completed');
    expect(state.figureTotals).toBeNull();
    state.index = full;
    expect(state.figureTotals).toBeNull();
    await state.summariesReady();
    expect(state.figureTotals).toEqual(summarise(full, matchMask(full, state.filters)).totals);
    state.clear();
    expect(state.figureTotals).toEqual(all);
  });

  it('reports data without an index as an error, fetching nothing', async () => {
    const state = createExploreState();
    const manifest = parseManifest({
      format_version: 1,
      layers: { communities: { url: 'c.pmtiles', layer: 'communities' } },
    });
    await state.load(manifest);
    expect(state.status).toBe('error');
    expect(state.error).toMatch(/explore index/);
    expect(state.index).toBeNull();
  });
});

describe('ExploreState.needDetails', () => {
  it('asked before the index is loaded, loads the details once the core is in', async () => {
    const file = buildExploreIndex(records, undefined, aggregateH3(records, [7]));
    const parts = encodeExploreParts(file);
    const served: Record<string, Uint8Array> = {
      'data/c.bin': parts.core,
      'data/f.bin': parts.figures,
      'data/d.bin': parts.details,
    };
    const fetched: string[] = [];
    vi.stubGlobal('document', { baseURI: 'http://atlas.test/' });
    vi.stubGlobal('fetch', (url: string) => {
      const path = new URL(url).pathname.slice(1);
      fetched.push(path);
      const body = served[path];
      return Promise.resolve(body ? new Response(body.slice()) : new Response('', { status: 404 }));
    });
    try {
      const state = createExploreState();
      const details = state.needDetails();
      expect(fetched).toEqual([]);
      const manifest = parseManifest({
        format_version: 1,
        layers: { communities: { url: 'c.pmtiles', layer: 'communities' } },
        explore: { parts: { core: 'c.bin', figures: 'f.bin', details: 'd.bin' }, count: records.length },
      });
      await state.load(manifest);
      expect(state.status).toBe('ready');
      await details;
      expect(state.detailsStatus).toBe('ready');
      expect(state.index!.hasDetails).toBe(true);
      // The figures came in before the details, and the details kept them.
      expect(state.figuresStatus).toBe('ready');
      expect(state.index!.hasFigures).toBe(true);
      expect(Array.from(state.index!.households)).toEqual(Array.from(exploreIndexOf(records).households));
      expect(state.index!.id).toEqual(records.map((r) => r.id));
      // Once only, whoever asks again (an embed may call load when a layer first needs it).
      await state.needDetails();
      await state.load(manifest);
      expect(fetched).toEqual(['data/c.bin', 'data/f.bin', 'data/d.bin']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('without details the index still filters and counts, and says what it lacks', () => {
    const index = exploreIndexOf(records);
    const core = indexOfParts(
      encodeExploreParts(buildExploreIndex(records, undefined, aggregateH3(records, [7]))).core
        .buffer as ArrayBuffer,
    );
    expect(core.hasDetails).toBe(false);
    // Without figures the people and funding columns read as not given, never as another row's.
    expect(core.hasFigures).toBe(false);
    expect(core.households.every(Number.isNaN)).toBe(true);
    expect(core.funds.size).toBe(0);
    expect(index.hasFigures).toBe(true);
    expect(index.funds.size).toBeGreaterThan(0);
    // The header's totals are what the page adds up once the figures are in, to the last bit.
    const { count: _, ...all } = summarise(index, new Uint8Array(index.count).fill(1)).totals;
    expect(core.totals).toEqual(all);
    expect(all.fundTotal).toBeGreaterThan(0);
    expect(countMask(matchMask(core, { ...EMPTY_FILTERS, stage: ['completed'] }))).toBe(
      countMask(matchMask(index, { ...EMPTY_FILTERS, stage: ['completed'] })),
    );
    expect(() => core.name).toThrow(/details part, not loaded yet/);
    expect(core.rowOf(records[0]!.id)).toBe(-1);
    expect(core.h3At(7)).toBeUndefined();
  });
});
