import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { viewHref } from './view-href.svelte';
import { replaceSearch } from './address';

/** A location and history pair in which replaceState moves the location, as a browser's does. */
function fakeAddress(start: string) {
  const location = new URL(start);
  const calls: [unknown, string][] = [];
  const history = {
    state: { kept: true },
    replaceState(state: unknown, _unused: string, url: string) {
      calls.push([state, url]);
      const next = new URL(url, location.href);
      location.search = next.search;
      location.hash = next.hash;
    },
  };
  return { location, history, calls };
}

describe('replaceSearch', () => {
  let fake: ReturnType<typeof fakeAddress>;

  beforeEach(() => {
    fake = fakeAddress('https://atlas.example/site/?lang=en&v=2#map=12/31.2/121.4');
    vi.stubGlobal('location', fake.location);
    vi.stubGlobal('history', fake.history);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('replaces the query, keeping the path, the hash and the history state', () => {
    expect(replaceSearch('?layer=funding&v=2')).toBe(true);
    expect(fake.calls).toEqual([[{ kept: true }, '/site/?layer=funding&v=2#map=12/31.2/121.4']]);
  });

  it('writes a given hash instead of the current one', () => {
    replaceSearch('', '#map=3/30/110');
    expect(fake.calls).toEqual([[{ kept: true }, '/site/#map=3/30/110']]);
  });

  it('leaves an unchanged address alone', () => {
    expect(replaceSearch('?lang=en&v=2')).toBe(false);
    expect(fake.calls).toEqual([]);
  });

  it('tells the shared view address about the change, which replaceState does not announce', () => {
    replaceSearch('?view=table&v=2');
    expect(viewHref.href).toBe('https://atlas.example/site/?view=table&v=2#map=12/31.2/121.4');
  });
});
