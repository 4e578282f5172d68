import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import {
  bothFilters,
  enterSearch,
  exitSearch,
  parseChapterView,
  presentSearch,
  withMapHash,
} from './chapter-view';

const params = (search: string) => Object.fromEntries(new URLSearchParams(search));

/** Whether a MapLibre filter keeps a feature with these properties. */
function keeps(filter: unknown, properties: Record<string, unknown>): boolean {
  if (filter === null) return true;
  const f = featureFilter(filter as never, 'filter');
  return f.filter({ zoom: 14 }, { type: 1, properties, geometry: [] } as never);
}

describe('presentation mode in the address', () => {
  it("writes a chapter's view, replacing the previous chapter's, keeping the language", () => {
    const current = '?lang=en&programme=old&layer=funding&present=1&chapter=2';
    const search = presentSearch(current, 'layer=status&programme=new', 3, 'dark');
    expect(params(search)).toMatchObject({
      lang: 'en',
      layer: 'status',
      programme: 'new',
      present: '1',
      chapter: '3',
      theme: 'dark',
    });
    expect(params(presentSearch('', 'programme=x', 1, 'light')).theme).toBeUndefined();
  });

  it('never lets a view steer the mode itself', () => {
    const search = presentSearch('', 'present=0&chapter=9&theme=dark&stage=completed', 2, 'light');
    expect(params(search)).toMatchObject({ present: '1', chapter: '2', stage: 'completed' });
    expect(params(search).theme).toBeUndefined();
  });

  it('leaves with the chapter view and the language only', () => {
    const search = exitSearch('?lang=en&present=1&chapter=4&theme=dark', 'layer=status&programme=p&foo=bar');
    const p = params(search);
    expect(p).toMatchObject({ lang: 'en', layer: 'status', programme: 'p', foo: 'bar' });
    expect(p.present ?? p.chapter ?? p.theme).toBeUndefined();
  });

  it('enters at the first chapter in the reader’s language', () => {
    expect(params(enterSearch('en'))).toMatchObject({ lang: 'en', present: '1' });
    expect(params(enterSearch('zh')).lang).toBeUndefined();
    expect(params(enterSearch('zh')).chapter).toBeUndefined();
  });

  it('writes the camera into the hash as MapLibre reads it, keeping other hash entries', () => {
    expect(withMapHash('', { zoom: 11.256, lat: 28.2281234, lng: 112.9388765, bearing: 0, pitch: 0 })).toBe(
      '#map=11.26/28.22812/112.93888',
    );
    expect(withMapHash('#map=3/1/2&sel=x', { zoom: 9, lat: 1, lng: 2, bearing: -12.34, pitch: 30.4 })).toBe(
      '#map=9/1/2/-12.3/30&sel=x',
    );
    expect(withMapHash('', { zoom: 9, lat: 1, lng: 2, bearing: 15, pitch: 0 })).toBe('#map=9/1/2/15');
  });
});

describe("a chapter's view", () => {
  it('reads the layer as the normal view does, old `hex=1` links included', () => {
    expect(parseChapterView('layer=funding').options.layer).toBe('funding');
    expect(parseChapterView('layer=services').options.layer).toBe('services');
    expect(parseChapterView('hex=1').options.layer).toBe('funding');
    expect(parseChapterView('').options.layer).toBe('status');
    expect(parseChapterView('layer=nonsense&whatever=1').options.layer).toBe('status');
  });

  it('filters the communities by the view’s filter parameters, ignoring unknown ones', () => {
    const view = parseChapterView('?layer=status&programme=a,b&stage=completed&unknown=zzz');
    expect(keeps(view.filter, { programme: 'a', stage: 'completed' })).toBe(true);
    expect(keeps(view.filter, { programme: 'b', stage: 'completed' })).toBe(true);
    expect(keeps(view.filter, { programme: 'c', stage: 'completed' })).toBe(false);
    expect(keeps(view.filter, { programme: 'a', stage: 'planned' })).toBe(false);
    expect(parseChapterView('unknown=zzz').filter).toBeNull();
  });

  it('combines filters that must both hold', () => {
    const a = ['==', ['get', 'x'], 1] as never;
    const b = ['==', ['get', 'y'], 2] as never;
    expect(bothFilters(null, null)).toBeNull();
    expect(bothFilters(a, null)).toBe(a);
    expect(bothFilters(null, b)).toBe(b);
    const both = bothFilters(a, b);
    expect(keeps(both, { x: 1, y: 2 })).toBe(true);
    expect(keeps(both, { x: 1, y: 3 })).toBe(false);
  });
});
