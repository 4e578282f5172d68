import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../lib/manifest';
import { createExploreState } from './explore-state.svelte';
import { countMask, EMPTY_FILTERS, filterExpression, matchMask } from './filters';
import { summarise } from './summaries';
import { exploreIndexOf, recordsArb } from './test-records';

const records = fc.sample(recordsArb({ minLength: 30, maxLength: 30 }), { numRuns: 1, seed: 7 })[0]!;

describe('ExploreState', () => {
  it('recomputes the mask, counts, summaries and map filter when the filters change', () => {
    const state = createExploreState({ ...EMPTY_FILTERS, stage: ['completed'] });
    expect(state.mask).toBeNull();
    const index = exploreIndexOf(records);
    state.index = index;
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
